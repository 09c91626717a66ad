"""RedditHarbor: collect problem-first Reddit posts and score them as business opportunities.

The library never imports Celery; `workers/` is the Celery app that calls it.

The Python API (see harbor.api):

    import harbor
    records = harbor.opportunities(top=20, since="7d", subreddit="SaaS")
    rising = harbor.themes(since="7d")
    frame = harbor.to_frame(records)      # with the extra: pip install 'redditharbor[pandas]'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Opportunity",
    "Settings",
    "ThemeRecord",
    "__version__",
    "opportunities",
    "themes",
    "to_frame",
]

if TYPE_CHECKING:
    from harbor.api import opportunities, themes, to_frame
    from harbor.results.records import Opportunity
    from harbor.settings import Settings
    from harbor.theming.listing import ThemeRecord

# loaded on first use, so `import harbor.anything` (the sandbox, a worker) does not pull
# in Postgres and the settings just because the package's API names them
_LAZY = {
    "opportunities": "harbor.api",
    "themes": "harbor.api",
    "to_frame": "harbor.api",
    "Opportunity": "harbor.results.records",
    "Settings": "harbor.settings",
    "ThemeRecord": "harbor.theming.listing",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'harbor' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
