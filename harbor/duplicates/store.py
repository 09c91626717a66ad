"""The SQL of the duplicate check: post texts, fingerprints, LSH bands, links, score copies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from harbor.db import qualified
from harbor.duplicates.fingerprint import Fingerprint
from harbor.scoring.model import DIMENSIONS
from harbor.settings import Settings

__all__ = [
    "Candidate",
    "PostText",
    "Recorded",
    "band_candidates",
    "copy_score",
    "copy_score_to_duplicates",
    "forget",
    "load_text",
    "lock",
    "record",
    "recorded",
    "repoint",
    "same_text",
]


@dataclass(frozen=True)
class PostText:
    """What the duplicate check reads of a post."""

    id: str
    title: str
    selftext: str
    crosspost_parent: str | None
    parent_title: str | None
    parent_selftext: str | None


@dataclass(frozen=True)
class Recorded:
    """A decision already stored for a post: for which text, and its canonical post."""

    text_hash: str
    canonical_id: str


@dataclass(frozen=True)
class Candidate:
    """A stored post that may be a near-duplicate of the one being checked."""

    post_id: str
    canonical_id: str
    minhash: bytes


def lock(conn: psycopg.Connection, settings: Settings) -> None:
    """Serialise duplicate decisions of this dataset until the transaction ends.

    Two near-duplicates scored at the same moment would otherwise both find no match
    and both become canonical (and both be paid for): the check and the insert of the
    fingerprint must be one step. A decision takes a few milliseconds.
    """
    conn.execute(
        "SELECT pg_advisory_xact_lock(hashtext(%s))", (f"harbor-duplicates:{settings.dataset}",)
    )


def _parent_text(value: Any) -> tuple[str | None, str | None]:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        first = value[0]
        title, selftext = first.get("title"), first.get("selftext")
        return (title if isinstance(title, str) else None), (
            selftext if isinstance(selftext, str) else None
        )
    return None, None


def load_text(conn: psycopg.Connection, settings: Settings, post_id: str) -> PostText | None:
    """The post's title, body and crosspost parent (with the parent's text Reddit sent)."""
    row = conn.execute(
        sql.SQL(
            "SELECT id, title, selftext, crosspost_parent, crosspost_parent_list "
            "FROM {} WHERE id = %s"
        ).format(qualified(settings, "submissions")),
        (post_id,),
    ).fetchone()
    if row is None:
        return None
    parent = row[3].removeprefix("t3_") if isinstance(row[3], str) and row[3] else None
    parent_title, parent_selftext = _parent_text(row[4])
    return PostText(row[0], row[1] or "", row[2] or "", parent, parent_title, parent_selftext)


def recorded(conn: psycopg.Connection, settings: Settings, post_id: str) -> Recorded | None:
    """The stored decision for `post_id`, if any."""
    row = conn.execute(
        sql.SQL("SELECT text_hash, canonical_id FROM {} WHERE post_id = %s").format(
            qualified(settings, "post_fingerprints")
        ),
        (post_id,),
    ).fetchone()
    return Recorded(row[0], row[1]) if row else None


def forget(conn: psycopg.Connection, settings: Settings, post_id: str) -> None:
    """Drop the decision of a post whose text changed since."""
    for table in ("post_bands", "post_fingerprints"):
        conn.execute(
            sql.SQL("DELETE FROM {} WHERE post_id = %s").format(qualified(settings, table)),
            (post_id,),
        )


def same_text(
    conn: psycopg.Connection, settings: Settings, text_hash: str, post_id: str
) -> str | None:
    """The canonical post of a stored post with exactly these words, if any."""
    row = conn.execute(
        sql.SQL(
            "SELECT canonical_id FROM {} WHERE text_hash = %s AND post_id <> %s "
            "ORDER BY decided_at, post_id LIMIT 1"
        ).format(qualified(settings, "post_fingerprints")),
        (text_hash, post_id),
    ).fetchone()
    return str(row[0]) if row else None


def band_candidates(
    conn: psycopg.Connection, settings: Settings, bands: Sequence[int], post_id: str, limit: int
) -> list[Candidate]:
    """Stored posts that share at least one LSH band with the post, most shared first."""
    query = sql.SQL(
        """
        SELECT f.post_id, f.canonical_id, f.minhash
        FROM (SELECT post_id, count(*) AS shared FROM {bands}
              WHERE band = ANY(%s) AND post_id <> %s GROUP BY post_id
              ORDER BY shared DESC, post_id LIMIT %s) AS c
        JOIN {fingerprints} AS f ON f.post_id = c.post_id
        WHERE f.minhash IS NOT NULL
        ORDER BY c.shared DESC, f.decided_at
        """
    ).format(
        bands=qualified(settings, "post_bands"),
        fingerprints=qualified(settings, "post_fingerprints"),
    )
    return [
        Candidate(r[0], r[1], bytes(r[2]))
        for r in conn.execute(query, (list(bands), post_id, limit))
    ]


def record(
    conn: psycopg.Connection,
    settings: Settings,
    post_id: str,
    fp: Fingerprint,
    canonical_id: str,
    reason: str,
    similarity: float | None,
) -> None:
    """Store the decision, its bands, and `submissions.duplicate_of`."""
    conn.execute(
        sql.SQL(
            "INSERT INTO {} (post_id, text_hash, minhash, canonical_id, reason, similarity) "
            "VALUES (%s, %s, %s, %s, %s, %s)"
        ).format(qualified(settings, "post_fingerprints")),
        (post_id, fp.text_hash, fp.minhash, canonical_id, reason, similarity),
    )
    if fp.bands:
        with conn.cursor() as cur:
            cur.executemany(
                sql.SQL(
                    "INSERT INTO {} (band, post_id) VALUES (%s, %s) ON CONFLICT DO NOTHING"
                ).format(qualified(settings, "post_bands")),
                [(band, post_id) for band in fp.bands],
            )
    conn.execute(
        sql.SQL("UPDATE {} SET duplicate_of = %s WHERE id = %s").format(
            qualified(settings, "submissions")
        ),
        (canonical_id if canonical_id != post_id else None, post_id),
    )


def repoint(conn: psycopg.Connection, settings: Settings, old: str, new: str) -> None:
    """Posts whose canonical was `old` now have `new` (a canonical that became a duplicate)."""
    conn.execute(
        sql.SQL("UPDATE {} SET canonical_id = %s WHERE canonical_id = %s AND post_id <> %s").format(
            qualified(settings, "post_fingerprints")
        ),
        (new, old, old),
    )
    conn.execute(
        sql.SQL("UPDATE {} SET duplicate_of = %s WHERE duplicate_of = %s").format(
            qualified(settings, "submissions")
        ),
        (new, old),
    )


_COPIED = (*DIMENSIONS, "total", "category", "summary", "rationale", "scorer", "model",
           "prompt_version", "status", "error")  # fmt: skip


def copy_score(
    conn: psycopg.Connection, settings: Settings, source: str, target: str, digest: str
) -> str | None:
    """Give `target` the score row of `source` (no tokens: nothing was paid for it), under
    `target`'s own content hash. Returns the status copied, or None if `source` has none."""
    names = sql.SQL(", ").join(sql.Identifier(c) for c in _COPIED)
    query = sql.SQL(
        """
        INSERT INTO {table} AS o (post_id, {names}, content_hash, input_tokens, output_tokens,
            attempts, scored_at)
        SELECT %(target)s, {names}, %(digest)s, 0, 0, 1, now() FROM {table}
        WHERE post_id = %(source)s
        ON CONFLICT (post_id) DO UPDATE SET {updates}, content_hash = EXCLUDED.content_hash,
            input_tokens = 0, output_tokens = 0, attempts = o.attempts + 1, scored_at = now()
        RETURNING o.status
        """
    ).format(
        table=qualified(settings, "opportunity_scores"),
        names=names,
        updates=sql.SQL(", ").join(
            sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(c)) for c in _COPIED
        ),
    )
    row = conn.execute(query, {"source": source, "target": target, "digest": digest}).fetchone()
    return str(row[0]) if row else None


def copy_score_to_duplicates(conn: psycopg.Connection, settings: Settings, canonical: str) -> int:
    """After `canonical` was scored again, its duplicates' rows follow (each keeps its own
    content hash); the number of rows updated."""
    query = sql.SQL(
        """
        UPDATE {scores} AS d SET {updates}, scored_at = now()
        FROM {scores} AS c, {submissions} AS s
        WHERE c.post_id = %s AND s.duplicate_of = c.post_id AND d.post_id = s.id
        """
    ).format(
        scores=qualified(settings, "opportunity_scores"),
        submissions=qualified(settings, "submissions"),
        updates=sql.SQL(", ").join(
            sql.SQL("{0} = c.{0}").format(sql.Identifier(c)) for c in _COPIED
        ),
    )
    return conn.execute(query, (canonical,)).rowcount
