"""`harbor web`: read-only pages and JSON over the same tables, for people and scripts.

Server-rendered HTML with no build step, no script and nothing loaded from elsewhere
(charts are inline SVG); every piece of Reddit text is escaped (html.py). Modules:
app.py (routes, auth, headers, errors), data.py (what each page reads), query.py (the
URL's filters), layout.py (the shell and the stylesheet), charts.py, pages/ (one module
per page), metrics.py (/metrics for Prometheus), auth.py, server.py.
"""
