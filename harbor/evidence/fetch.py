"""One request for a post's top comments, through the process's praw client.

Requests made through `harbor.reddit.client.reddit_client` are the ones the shared
Reddit budget counts; this module makes no other. prawcore retries 5xx answers itself;
anything that still fails becomes RedditUnavailable (try again later) or PostGone (the
post was deleted, removed or made private: nothing to read, ever).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from praw.models import Comment
from prawcore import exceptions as praw_errors

from harbor.errors import PermanentError, RedditUnavailable
from harbor.reddit.client import reddit_client
from harbor.settings import Settings

__all__ = ["COMMENT_LIMIT", "PostGone", "RedditComment", "top_comments"]

COMMENT_LIMIT = 100  # top-level comments asked for; their loaded replies come along


class PostGone(PermanentError):
    """Reddit will not show the post's comments (404, 403, or a redirect)."""


@dataclass(frozen=True)
class RedditComment:
    """The part of a comment that evidence needs."""

    id: str
    author: str | None
    body: str
    score: int
    created_utc: datetime | None
    permalink: str


def _retry_after(exc: praw_errors.TooManyRequests) -> float | None:
    try:
        return float(exc.retry_after) if exc.retry_after else None
    except ValueError:
        return None


def _comment(fields: dict[str, object]) -> RedditComment:
    author = fields.get("author")
    created = fields.get("created_utc")
    score = fields.get("score")
    return RedditComment(
        id=str(fields.get("id") or ""),
        author=getattr(author, "name", None) if author is not None else None,
        body=str(fields.get("body") or ""),
        score=int(score) if isinstance(score, int | float) else 0,
        created_utc=datetime.fromtimestamp(created, UTC)
        if isinstance(created, int | float)
        else None,
        permalink=str(fields.get("permalink") or ""),
    )


def top_comments(
    settings: Settings, post_id: str, limit: int = COMMENT_LIMIT
) -> list[RedditComment]:
    """The post's top comments (and the replies Reddit sends with them), in one request."""
    submission = reddit_client(settings).submission(id=post_id)
    submission.comment_sort = "top"
    submission.comment_limit = limit
    try:
        # `more` stubs are dropped, not followed: one request per post, whatever its size
        submission.comments.replace_more(limit=0)
        found = submission.comments.list()
    except praw_errors.TooManyRequests as exc:
        raise RedditUnavailable(
            f"comments of {post_id}: Reddit answered 429", retry_after=_retry_after(exc)
        ) from None
    except (praw_errors.NotFound, praw_errors.Forbidden, praw_errors.Redirect) as exc:
        raise PostGone(f"comments of {post_id}: {type(exc).__name__}") from None
    except (praw_errors.ServerError, praw_errors.RequestException, praw_errors.BadJSON) as exc:
        raise RedditUnavailable(f"comments of {post_id}: {type(exc).__name__}") from None
    # vars(): reading a missing attribute would make praw fetch the comment again
    return [_comment(vars(c)) for c in found if isinstance(c, Comment)]
