"""The Celery app of RedditHarbor: config, beat schedule, leader-locked beat, thin tasks."""

from workers.app import app

__all__ = ["app"]
