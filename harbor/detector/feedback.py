"""People's verdicts on collected posts (`post_labels`), and reading them back for training.

A verdict is for a post RedditHarbor has stored: a label for an unknown id is refused by
name, and nothing of the batch is written. A re-label replaces the earlier verdict. A
positive verdict without a kind takes the kind the detector reads in the post. A
file of verdicts is JSON lines (`{"id": ..., "label": 0|1, "kind": ...}`, the
shared/labels format; `post_id` works too) or CSV with a header (post_id,label[,kind]).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from harbor.db import connection, qualified
from harbor.detector.labelled import KINDS, LabelledPost, json_objects
from harbor.errors import ConfigError
from harbor.settings import Settings

__all__ = ["LabelRecord", "read_label_file", "record_labels", "training_posts"]

MAX_SHOWN = 5


@dataclass(frozen=True)
class LabelRecord:
    """One verdict to store: kind is 'none' exactly when label is 0 ('' = to be read)."""

    post_id: str
    label: int
    kind: str


def label_record(post_id: str, label: object, kind: str | None, where: str) -> LabelRecord:
    """Validate one verdict; ConfigError says where and what is wrong."""
    post_id = post_id.strip() if isinstance(post_id, str) else ""
    if not post_id:
        raise ConfigError(f"{where}: a post id is required")
    if isinstance(label, str) and label.strip() in ("0", "1"):
        label = int(label.strip())
    if isinstance(label, bool) or label not in (0, 1):
        raise ConfigError(f"{where}: label must be 1 (problem-first) or 0 (not), not {label!r}")
    if label == 0:
        if kind not in (None, "", "none"):
            raise ConfigError(f"{where}: a post labelled 0 has no kind (got {kind!r})")
        return LabelRecord(post_id, 0, "none")
    if kind in (None, ""):
        return LabelRecord(post_id, 1, "")
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    return LabelRecord(post_id, 1, str(kind))


def read_label_file(path: Path) -> list[LabelRecord]:
    """Every verdict in a JSON-lines or CSV file, validated; the last one for an id wins."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"--import: cannot read {str(path)!r}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"--import: {str(path)!r} is not UTF-8 text") from None
    records: dict[str, LabelRecord] = {}
    if text.lstrip().startswith("{"):
        for where, data in json_objects(text.splitlines(), str(path)):
            post_id = data.get("post_id", data.get("id"))
            record = label_record(str(post_id or ""), data.get("label"), data.get("kind"), where)
            records[record.post_id] = record
    else:
        reader = csv.DictReader(io.StringIO(text))
        if (
            not reader.fieldnames
            or "post_id" not in reader.fieldnames
            or ("label" not in reader.fieldnames)
        ):
            raise ConfigError(f"{path}: a CSV file needs a header with post_id and label")
        for number, row in enumerate(reader, start=2):
            where = f"{path}, line {number}"
            record = label_record(row["post_id"] or "", row["label"], row.get("kind"), where)
            records[record.post_id] = record
    if not records:
        raise ConfigError(f"{path}: no verdicts in it")
    return list(records.values())


def record_labels(
    settings: Settings, records: Sequence[LabelRecord], source: str
) -> tuple[int, int]:
    """Store the verdicts in one transaction; return (new, replaced).

    Every id must be a stored post: otherwise ConfigError names the unknown ones and
    nothing is written.
    """
    ids = [r.post_id for r in records]
    with connection(settings) as conn, conn.transaction():
        known = _present(conn, settings, "submissions", "id", ids)
        unknown = [i for i in ids if i not in known]
        if unknown:
            shown = ", ".join(repr(i) for i in unknown[:MAX_SHOWN])
            more = f" and {len(unknown) - MAX_SHOWN} more" if len(unknown) > MAX_SHOWN else ""
            raise ConfigError(
                f"no stored post with id {shown}{more}: only collected posts can be labelled "
                "(nothing was recorded)"
            )
        records = _with_kinds(settings, conn, records)
        before = _present(conn, settings, "post_labels", "post_id", ids)
        with conn.cursor() as cur:
            cur.executemany(
                sql.SQL(
                    "INSERT INTO {} (post_id, label, kind, source, labelled_at) "
                    "VALUES (%s, %s, %s, %s, now()) ON CONFLICT (post_id) DO UPDATE SET "
                    "label = EXCLUDED.label, kind = EXCLUDED.kind, source = EXCLUDED.source, "
                    "labelled_at = EXCLUDED.labelled_at"
                ).format(qualified(settings, "post_labels")),
                [(r.post_id, r.label, r.kind, source) for r in records],
            )
    replaced = len(before)
    return len(records) - replaced, replaced


def _present(
    conn: psycopg.Connection, settings: Settings, table: str, column: str, ids: list[str]
) -> set[str]:
    """Which of `ids` are in `table`'s `column`."""
    query = sql.SQL("SELECT {} FROM {} WHERE {} = ANY(%s)").format(
        sql.Identifier(column), qualified(settings, table), sql.Identifier(column)
    )
    return {row[0] for row in conn.execute(query, (ids,))}


def _with_kinds(
    settings: Settings, conn: psycopg.Connection, records: Sequence[LabelRecord]
) -> list[LabelRecord]:
    """The records, those without a kind given the kind the detector reads in the post."""
    missing = [r.post_id for r in records if not r.kind]
    if not missing:
        return list(records)
    from harbor.detector import PostText, load_detector

    rows = conn.execute(
        sql.SQL("SELECT id, title, selftext, is_self, url FROM {} WHERE id = ANY(%s)").format(
            qualified(settings, "submissions")
        ),
        (missing,),
    ).fetchall()
    texts = {r[0]: PostText.of(r[1], r[2], r[3], r[4]) for r in rows}
    ids = list(texts)
    detector = load_detector(settings)
    kinds = {
        post_id: verdict.kind
        for post_id, verdict in zip(ids, detector.judge([texts[i] for i in ids]), strict=True)
    }
    return [r if r.kind else LabelRecord(r.post_id, 1, kinds[r.post_id]) for r in records]


def training_posts(settings: Settings) -> list[LabelledPost]:
    """Every stored verdict with its post's text, as labelled posts for training."""
    query = sql.SQL(
        "SELECT l.post_id, s.title, s.selftext, l.label, s.subreddit, l.kind, s.is_self, s.url "
        "FROM {} AS l JOIN {} AS s ON s.id = l.post_id ORDER BY l.post_id"
    ).format(qualified(settings, "post_labels"), qualified(settings, "submissions"))
    with connection(settings) as conn:
        rows: Iterable[tuple[object, ...]] = conn.execute(query).fetchall()
    return [
        LabelledPost(
            id=str(r[0]),
            title=str(r[1] or ""),
            selftext=str(r[2] or ""),
            label=int(r[3]),  # type: ignore[call-overload]
            subreddit=str(r[4] or ""),
            kind=str(r[5]),
            is_self=r[6] if isinstance(r[6], bool) else None,
            url=str(r[7] or ""),
        )
        for r in rows
    ]
