"""The SQL of theme assignment: the opportunity, corpus statistics, themes, members, merges."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from harbor.db import qualified
from harbor.settings import Settings
from harbor.theming.embedding import DENSE_DIMS, MODEL_NAME
from harbor.theming.index import ThemeRow

__all__ = [
    "Opportunity",
    "Space",
    "add_member",
    "add_terms",
    "changed_themes",
    "create_theme",
    "grow_theme",
    "load_opportunity",
    "lock",
    "member_of",
    "merge",
    "save_space",
    "space",
    "term_counts",
    "theme_state",
    "unthemed",
]


@dataclass(frozen=True)
class Opportunity:
    """A scored post that may join a theme."""

    post_id: str
    title: str
    selftext: str
    created_utc: datetime | None


@dataclass
class Space:
    """The corpus statistics: themed posts so far and the sum of their dense parts."""

    posts: int
    dense_sum: np.ndarray

    def mean(self) -> np.ndarray | None:
        return self.dense_sum / self.posts if self.posts else None


def lock(conn: psycopg.Connection, settings: Settings) -> None:
    """Serialise theme assignments of this dataset until the transaction ends.

    The decision reads every theme, the term statistics and the running mean, and writes
    them back: two posts about the same new problem assigned at once would each start a
    theme of its own, and two joins of one theme would lose one another's update. An
    assignment takes a few milliseconds (the LLM label is asked for after, unlocked).
    """
    conn.execute(
        "SELECT pg_advisory_xact_lock(hashtext(%s))", (f"harbor-themes:{settings.dataset}",)
    )


def member_of(
    conn: psycopg.Connection, settings: Settings, post_id: str
) -> tuple[str | None] | None:
    """(theme_id,) when the post was assigned (theme_id None: looked at, no theme)."""
    row = conn.execute(
        sql.SQL("SELECT theme_id FROM {} WHERE post_id = %s").format(
            qualified(settings, "theme_members")
        ),
        (post_id,),
    ).fetchone()
    return (row[0],) if row else None


def load_opportunity(
    conn: psycopg.Connection, settings: Settings, post_id: str
) -> Opportunity | None:
    """The post when it is a scored opportunity (not `other`) and the canonical of its set."""
    row = conn.execute(
        sql.SQL(
            "SELECT s.id, s.title, s.selftext, s.created_utc FROM {} s JOIN {} o "
            "ON o.post_id = s.id WHERE s.id = %s AND s.duplicate_of IS NULL "
            "AND o.status = 'scored' AND o.category IS DISTINCT FROM 'other'"
        ).format(qualified(settings, "submissions"), qualified(settings, "opportunity_scores")),
        (post_id,),
    ).fetchone()
    if row is None:
        return None
    return Opportunity(row[0], row[1] or "", row[2] or "", row[3])


def space(conn: psycopg.Connection, settings: Settings) -> Space:
    """The running statistics (zero before the first themed post)."""
    row = conn.execute(
        sql.SQL("SELECT posts, dense_sum FROM {} WHERE id = 1").format(
            qualified(settings, "theme_space")
        )
    ).fetchone()
    if row is None:
        return Space(0, np.zeros(DENSE_DIMS, dtype=np.float32))
    return Space(int(row[0]), np.frombuffer(bytes(row[1]), dtype=np.float32).copy())


def save_space(conn: psycopg.Connection, settings: Settings, state: Space) -> None:
    conn.execute(
        sql.SQL(
            "INSERT INTO {} (id, posts, dense_sum, model) VALUES (1, %s, %s, %s) "
            "ON CONFLICT (id) DO UPDATE SET posts = EXCLUDED.posts, "
            "dense_sum = EXCLUDED.dense_sum"
        ).format(qualified(settings, "theme_space")),
        (state.posts, state.dense_sum.astype(np.float32).tobytes(), MODEL_NAME),
    )


def term_counts(
    conn: psycopg.Connection, settings: Settings, terms: Iterable[str]
) -> dict[str, int]:
    """Document frequencies of `terms` among themed posts."""
    wanted = sorted(set(terms))
    if not wanted:
        return {}
    rows = conn.execute(
        sql.SQL("SELECT term, posts FROM {} WHERE term = ANY(%s)").format(
            qualified(settings, "theme_terms")
        ),
        (wanted,),
    )
    return {str(term): int(posts) for term, posts in rows}


def add_terms(conn: psycopg.Connection, settings: Settings, terms: Iterable[str]) -> None:
    """Count one more themed post for each of `terms`."""
    wanted = sorted(set(terms))
    if not wanted:
        return
    conn.execute(
        sql.SQL(
            "INSERT INTO {} AS t (term, posts) SELECT unnest(%s::varchar[]), 1 "
            "ON CONFLICT (term) DO UPDATE SET posts = t.posts + 1"
        ).format(qualified(settings, "theme_terms")),
        (wanted,),
    )


def _next_revision(settings: Settings) -> sql.Composable:
    # the dataset is a validated plain identifier (harbor.settings), quoted as everywhere
    return sql.SQL("nextval({})").format(sql.Literal(f'"{settings.dataset}".themes_revision'))


def changed_themes(conn: psycopg.Connection, settings: Settings, since: int) -> list[ThemeRow]:
    """Themes written after revision `since`."""
    rows = conn.execute(
        sql.SQL(
            "SELECT theme_id, posts, vector, merged_into, revision FROM {} "
            "WHERE revision > %s ORDER BY revision"
        ).format(qualified(settings, "themes")),
        (since,),
    )
    return [ThemeRow(r[0], int(r[1]), bytes(r[2]), r[3], int(r[4])) for r in rows]


def theme_state(
    conn: psycopg.Connection, settings: Settings, theme_id: str
) -> tuple[int, np.ndarray, dict[str, int]]:
    """A live theme's members, summed vector and term counts."""
    row = conn.execute(
        sql.SQL("SELECT posts, vector, terms FROM {} WHERE theme_id = %s").format(
            qualified(settings, "themes")
        ),
        (theme_id,),
    ).fetchone()
    if row is None:
        raise LookupError(f"theme {theme_id} is not stored")
    terms = row[2] if isinstance(row[2], dict) else json.loads(row[2] or "{}")
    return int(row[0]), np.frombuffer(bytes(row[1]), dtype=np.float32).copy(), dict(terms)


def create_theme(
    conn: psycopg.Connection,
    settings: Settings,
    theme_id: str,
    founder: str,
    vector: np.ndarray,
    terms: dict[str, int],
    label: str,
) -> None:
    conn.execute(
        sql.SQL(
            "INSERT INTO {} (theme_id, founded_by, posts, vector, terms, label, label_source, "
            "label_posts, labelled_at, revision) "
            "VALUES (%s, %s, 1, %s, %s, %s, 'terms', 1, now(), {})"
        ).format(qualified(settings, "themes"), _next_revision(settings)),
        (theme_id, founder, vector.astype(np.float32).tobytes(), Jsonb(terms), label),
    )


def grow_theme(
    conn: psycopg.Connection,
    settings: Settings,
    theme_id: str,
    posts: int,
    vector: np.ndarray,
    terms: dict[str, int],
    terms_label: str,
) -> None:
    """Store a theme's new size, sum and terms; a label from terms follows them (an LLM
    label stays until the LLM is asked again)."""
    conn.execute(
        sql.SQL(
            "UPDATE {} SET posts = %s, vector = %s, terms = %s, revision = {}, "
            "label = CASE WHEN label_source = 'llm' THEN label ELSE %s END "
            "WHERE theme_id = %s"
        ).format(qualified(settings, "themes"), _next_revision(settings)),
        (posts, vector.astype(np.float32).tobytes(), Jsonb(terms), terms_label, theme_id),
    )


def add_member(
    conn: psycopg.Connection,
    settings: Settings,
    post_id: str,
    theme_id: str | None,
    similarity: float | None,
) -> None:
    conn.execute(
        sql.SQL("INSERT INTO {} (post_id, theme_id, similarity) VALUES (%s, %s, %s)").format(
            qualified(settings, "theme_members")
        ),
        (post_id, theme_id, similarity),
    )


def merge(
    conn: psycopg.Connection,
    settings: Settings,
    merged: str,
    into: str,
    similarity: float,
    posts: int,
) -> None:
    """Record that `merged` went into `into`; whatever pointed at `merged` points at `into`."""
    conn.execute(
        sql.SQL(
            "INSERT INTO {} (merged_id, into_id, similarity, posts) VALUES (%s, %s, %s, %s)"
        ).format(qualified(settings, "theme_merges")),
        (merged, into, similarity, posts),
    )
    themes = qualified(settings, "themes")
    conn.execute(
        sql.SQL("UPDATE {} SET merged_into = %s, revision = {} WHERE theme_id = %s").format(
            themes, _next_revision(settings)
        ),
        (into, merged),
    )
    conn.execute(
        sql.SQL("UPDATE {} SET merged_into = %s WHERE merged_into = %s").format(themes),
        (into, merged),
    )


def unthemed(conn: psycopg.Connection, settings: Settings, limit: int) -> list[str]:
    """Scored opportunities, canonical of their set, that no theme assignment looked at yet
    (scored before themes existed, or whose task died between the score and the theme)."""
    query = sql.SQL(
        "SELECT s.id FROM {} s JOIN {} o ON o.post_id = s.id "
        "WHERE o.status = 'scored' AND o.category IS DISTINCT FROM 'other' "
        "AND s.duplicate_of IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM {} m WHERE m.post_id = s.id) "
        "ORDER BY s.created_utc NULLS FIRST, s.id LIMIT %s"
    ).format(
        qualified(settings, "submissions"),
        qualified(settings, "opportunity_scores"),
        qualified(settings, "theme_members"),
    )
    return [row[0] for row in conn.execute(query, (limit,))]
