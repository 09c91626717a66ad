"""dlt's fixed cost per run, cut where dlt spends it on nothing that varies between runs.

Measured on an incremental run of 50 new posts against the sandbox at zero latency
(before: 0.45 s wall and 0.19 s CPU, of which the one listing request is a few ms):
- the working directory: dlt creates and removes dozens of folders and files per run; on
  a journaling disk each costs milliseconds, on a memory filesystem microseconds (the
  default HARBOR_DLT_DIR is one when the machine has it, see harbor.settings);
- its normalize and load runners sleep 0.1 s between passes that still have work;
- it validates every schema it loads (several per run) against its TypedDict specs and
  asks `typing.get_type_hints` for each spec every time (its own code marks the call as
  one to cache): the hints of a class do not change, so they are kept here;
- it asks a destination for its capabilities a few dozen times per run, resolving a
  partial configuration from every provider each time (see dlt_collector._destination).

`apply()` is idempotent and runs when harbor.collect.dlt_collector is imported.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import Any

__all__ = ["apply"]

_applied = False


def apply() -> None:
    """Set dlt's runner sleeps (unless configured) and memoize its schema type hints."""
    global _applied
    if _applied:
        return
    os.environ.setdefault("NORMALIZE__RUN_SLEEP", "0.002")
    os.environ.setdefault("LOAD__RUN_SLEEP", "0.002")
    from dlt.common import validation

    hints = getattr(validation, "get_type_hints")  # noqa: B009 - not in its __all__

    @functools.lru_cache(maxsize=512)
    def _cached(spec: Any, module: str | None) -> dict[str, Any]:
        namespace = sys.modules[module].__dict__ if module in sys.modules else None
        return dict(hints(spec, globalns=namespace))

    def get_type_hints(spec: Any, globalns: Any = None, **kwargs: Any) -> dict[str, Any]:
        module = getattr(spec, "__module__", None)
        expected = sys.modules[module].__dict__ if module in sys.modules else None
        if kwargs or globalns is not expected:
            return dict(hints(spec, globalns=globalns, **kwargs))
        # a copy: callers may not change what the next call sees
        return dict(_cached(spec, module))

    setattr(validation, "get_type_hints", get_type_hints)  # noqa: B010
    _applied = True
