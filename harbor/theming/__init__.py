"""Themes: opportunities grouped by meaning, with stable ids, labels and trends.

text.py (words), embedding.py (vectors), index.py (the theme index), assign.py (joining or
founding a theme as a post is scored), consolidate.py (the merge pass), terms.py (telling
terms), label.py (labels), listing.py (what `harbor themes` shows), store.py (the SQL).

The Python API's `harbor.themes(...)` (harbor.api) lists them.
"""
