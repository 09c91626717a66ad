"""The migration files: numbered without gaps, frozen in shape, covering the column catalog."""

from __future__ import annotations

import re

from harbor.columns import COLUMN_TYPES
from harbor.migrations import migrations


def test_migrations_are_numbered_from_one_each_number_once() -> None:
    versions = [m.version for m in migrations()]
    assert versions == sorted(set(versions)) and versions[0] == 1
    assert migrations()[0].name == "baseline"


_TARGET = re.compile(
    r"(?i)\b(?:CREATE TABLE(?: IF NOT EXISTS)?|ALTER TABLE(?: IF EXISTS)?"
    r"|CREATE (?:UNIQUE )?INDEX(?: IF NOT EXISTS)? \S+\s+ON|REFERENCES)\s+(\S+)"
)


def test_every_migration_names_its_tables_through_the_schema_placeholder() -> None:
    # a table named without {schema}. would land in whatever search_path says
    targets = [(m.name, t) for m in migrations() for t in _TARGET.findall(m.text)]
    assert targets, "the pattern found no table at all"
    assert [(name, t) for name, t in targets if not t.startswith("{schema}.")] == []


def test_every_catalogued_submission_column_is_created_by_some_migration() -> None:
    text = "\n".join(m.text for m in migrations())
    missing = [c for c in COLUMN_TYPES if f'"{c}"' not in text and f" {c} " not in text]
    assert missing == [], "add a migration that creates these columns"
