"""RedditHarbor: collect problem-first Reddit posts and score them as business opportunities.

The library never imports Celery; `workers/` is the Celery app that calls it.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
