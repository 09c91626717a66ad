"""No SQL is built from strings: identifiers go through psycopg.sql, values are parameters.

Every SQL identifier that comes from configuration (the dataset, column names Reddit
invents) is validated and quoted with `sql.Identifier`; every value travels as a query
parameter. This reads the source of harbor/ and workers/ and fails on any SQL text made
with an f-string, `%` or `str.format`, and on any executed or `sql.SQL` text that is not
a constant, so that a future change cannot slip one in.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("harbor", "workers")
# text that reads as SQL (upper-case keywords, as every statement here is written)
SQL_TEXT = re.compile(
    r"\b(SELECT\b.*\bFROM|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|"
    r"SCHEMA|INDEX|DATABASE)|ALTER\s+TABLE|DROP\s+(TABLE|SCHEMA|DATABASE)|TRUNCATE|WHERE\s)",
    re.DOTALL,
)
EXECUTORS = frozenset({"execute", "executemany", "copy", "stream"})
# "path:line" of SQL text built at run time that is known to be safe, with the reason;
# empty today: keep it that way, or explain here why an entry cannot be written otherwise
ALLOWED: dict[str, str] = {}


def _text(node: ast.expr) -> str:
    """The constant parts of a string expression."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(v) for v in node.values if isinstance(v, ast.Constant))
    return ""


CONSTANT_NAME = re.compile(r"^_?[A-Z][A-Z0-9_]*$")


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _constant(node: ast.expr) -> bool:
    """A literal, a module constant (UPPER_CASE), or a choice or sum of those."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return bool(CONSTANT_NAME.match(node.id))
    if isinstance(node, ast.IfExp):
        return _constant(node.body) and _constant(node.orelse)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _constant(node.left) and _constant(node.right)
    return False


def _built(node: ast.expr) -> str | None:
    """How `node` builds text at run time, or None when it is a constant or a composition."""
    if isinstance(node, ast.JoinedStr) and any(
        isinstance(v, ast.FormattedValue) for v in node.values
    ):
        return "an f-string"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return "% formatting"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        sides = (node.left, node.right)
        if any(_is_text(s) for s in sides) and not all(_constant(s) for s in sides):
            return "concatenation with a variable"
        return _built(node.left) or _built(node.right)
    if isinstance(node, ast.IfExp):
        return _built(node.body) or _built(node.orelse)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant | ast.JoinedStr)
    ):
        return "str.format"
    return None


def unsafe_sql(source: str, path: str) -> list[str]:
    """Every place in `source` where SQL text is built from strings at run time."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        where = f"{path}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if (name in EXECUTORS and isinstance(func, ast.Attribute)) or name == "SQL":
                how = _built(node.args[0])
                if how:
                    found.append(f"{where}: {how} passed to {name}()")
            if name == "format" and isinstance(func, ast.Attribute):
                target = func.value
                if isinstance(target, ast.Constant) and SQL_TEXT.search(_text(target)):
                    found.append(f"{where}: SQL text filled in with str.format")
        elif isinstance(node, ast.JoinedStr) and _built(node) and SQL_TEXT.search(_text(node)):
            found.append(f"{where}: SQL text in an f-string")
        elif (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mod)
            and SQL_TEXT.search(_text(node.left))
        ):
            found.append(f"{where}: SQL text filled in with %")
    return [f for f in found if f.rsplit(":", 1)[0] not in ALLOWED]


def _sources() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def test_no_sql_in_harbor_or_workers_is_built_from_strings() -> None:
    problems: list[str] = []
    for path in _sources():
        problems += unsafe_sql(path.read_text(), str(path.relative_to(ROOT)))
    assert problems == [], "\n".join(problems)


def test_the_check_reads_every_module_that_talks_to_postgres() -> None:
    talking = [p for p in _sources() if "sql.SQL(" in p.read_text()]
    assert len(talking) >= 8  # db, cutover, status, collect/*, scoring/*: the check sees them


@pytest.mark.parametrize(
    "snippet",
    [
        'conn.execute(f"SELECT * FROM {schema}.submissions WHERE id = {post_id}")',
        "conn.execute(\"DELETE FROM t WHERE id = '%s'\" % post_id)",
        'conn.execute("UPDATE t SET title = {} WHERE id = 1".format(title))',
        'q = f"INSERT INTO {table} (id) VALUES (1)"',
        'cur.executemany("SELECT 1 FROM t WHERE a = " + value, rows)',
        'sql.SQL(f"DROP TABLE {name}")',
        'query = "SELECT id FROM t WHERE a = %s" % (a,)',
    ],
)
def test_the_check_catches_sql_built_from_strings(snippet: str) -> None:
    assert unsafe_sql(snippet, "example.py")


@pytest.mark.parametrize(
    "snippet",
    [
        'conn.execute(sql.SQL("SELECT * FROM {} WHERE id = %s").format(table), (post_id,))',
        'conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (f"lock:{name}",))',
        'sql.SQL(_UPSERT + (_GUARD if guard else "")).format(t=sql.Identifier(name))',
        'log.info(f"collected {count} posts from r/{sub}")',
        'message = "r/%s: %d posts" % (sub, n)',
    ],
)
def test_the_check_lets_compositions_and_parameters_through(snippet: str) -> None:
    assert unsafe_sql(snippet, "example.py") == []
