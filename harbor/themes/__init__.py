"""Themes: opportunities grouped by meaning, with stable ids, labels and trends.

text.py (words), embedding.py (vectors), index.py (the theme index), assign.py (joining or
founding a theme as a post is scored), label.py (labels), listing.py (what `harbor themes`
shows), store.py (the SQL).

This package shares its name with the Python API's `harbor.themes(...)`: the package
itself is callable and calls harbor.api.themes, so `harbor.themes(since="7d")` works
whichever of the two was imported first.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallablePackage(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from harbor.api import themes

        return themes(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
