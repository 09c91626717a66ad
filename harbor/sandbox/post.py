"""One post and one subreddit of the corpus, and how a post changes with time.

A post is a seed and a few dates: its text is written on first use, its engagement
(score, comments, upvote ratio) grows with age, and it may be edited, deleted by its
author or removed by a moderator, on a schedule drawn from the seed or by an admin call.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from random import Random
from typing import Any, NamedTuple

from harbor.sandbox import lexicon
from harbor.sandbox.ids import stable_int, to_base36
from harbor.sandbox.text import Draft, write_post

__all__ = ["Engagement", "Post", "Subreddit", "Tamper", "View", "username"]

EDIT_SHARE = 0.07
DELETE_SHARE = 0.02
REMOVE_SHARE = 0.02
_EDIT_NOTES = (
    "Edit: thanks for all the replies, going through them now.",
    "Edit: a few people asked, we're a team of five.",
    "Edit: trying the suggestions from the comments, will report back.",
    "EDIT: wow, did not expect this many answers. Thank you!",
    "Update: sorted it for now with a spreadsheet, still open to ideas.",
)


def username(index: int) -> str:
    """A Reddit-looking user name for author number `index` (stable)."""
    adj = lexicon.ADJECTIVES[index % len(lexicon.ADJECTIVES)]
    noun = lexicon.NOUNS[(index // len(lexicon.ADJECTIVES)) % len(lexicon.NOUNS)]
    number = 1000 + (index * 7919) % 9000
    style = index % 4
    if style == 0:
        return f"{adj}-{noun}-{number}"  # reddit's generated names
    if style == 1:
        return f"{adj.lower()}_{noun.lower()}{number % 100}"
    if style == 2:
        return f"{adj}{noun}{number % 1000}"
    return f"the_{noun.lower()}_{adj.lower()}"


@dataclass
class Subreddit:
    """A served subreddit: its names, its t5 facts and its posts, oldest first."""

    name: str  # the configured spelling
    key: str  # lower case
    id36: str
    created_utc: float
    subscribers: int
    posts: list[Post] = field(default_factory=list)
    nums: list[int] = field(default_factory=list)

    @classmethod
    def make(cls, name: str, seed: int) -> Subreddit:
        h = stable_int(seed, name.lower(), "sub")
        return cls(
            name=name,
            key=name.lower(),
            id36=to_base36(int("2qh00", 36) + h % 40_000_000),
            created_utc=float(1_200_000_000 + h % 500_000_000),
            subscribers=5_000 + h % 2_000_000,
        )

    @property
    def fullname(self) -> str:
        return f"t5_{self.id36}"

    def append(self, post: Post) -> None:
        self.posts.append(post)
        self.nums.append(post.num)

    def trim(self, keep: int) -> list[Post]:
        """Drop all but the newest `keep` posts; return the dropped ones."""
        cut = len(self.posts) - keep
        if cut <= 0:
            return []
        dropped = self.posts[:cut]
        del self.posts[:cut]
        del self.nums[:cut]
        return dropped


class Engagement(NamedTuple):
    score: int
    num_comments: int
    upvote_ratio: float


class View(NamedTuple):
    """What a post looks like at one moment."""

    title: str
    selftext: str
    edited: float | None
    gone: str | None  # "deleted" (by its author) or "removed" (by a moderator)


@dataclass(frozen=True)
class Tamper:
    """How to garble one post: `set` replaces fields, `unset` drops them, `raw` maps a field
    to a JSON text sent verbatim (for what an encoder would refuse, e.g. a lone "\\ud800")."""

    set: dict[str, Any]
    unset: tuple[str, ...]
    raw: dict[str, str]


class Post:
    """A post of the corpus (see the module docstring)."""

    __slots__ = (
        "_draft",
        "_eng",
        "admin_edited",
        "admin_gone",
        "admin_selftext",
        "admin_title",
        "cache",
        "created",
        "crosspost_of",
        "edit_at",
        "gone_at",
        "gone_how",
        "id",
        "is_problem",
        "num",
        "seed",
        "sub",
        "tamper",
        "version",
    )

    def __init__(self, num: int, sub: Subreddit, created: int, seed: int, is_problem: bool) -> None:
        self.num = num
        self.id = to_base36(num)
        self.sub = sub
        self.created = created
        self.seed = seed
        self.is_problem = is_problem
        self.edit_at: float | None = None
        self.gone_at: float | None = None
        self.gone_how: str | None = None
        self.admin_title: str | None = None
        self.admin_selftext: str | None = None
        self.admin_edited: float | None = None
        self.admin_gone: tuple[str, float] | None = None
        self.version = 0
        # malformed data on demand (admin `tamper`): fields replaced, dropped or sent raw
        self.tamper: Tamper | None = None
        # a crosspost: the post it shares (its title; no body of its own)
        self.crosspost_of: Post | None = None
        self.cache: dict[tuple[object, ...], str] = {}
        self._draft: Draft | None = None
        self._eng: tuple[float, float, float, float] | None = None

    @classmethod
    def make(
        cls,
        *,
        num: int,
        sub: Subreddit,
        created: int,
        seed: int,
        is_problem: bool,
        fate: float,
        fate_delay: float,
    ) -> Post:
        post = cls(num, sub, created, seed, is_problem)
        if fate < EDIT_SHARE:
            post.edit_at = created + fate_delay
        elif fate < EDIT_SHARE + DELETE_SHARE:
            post.gone_at, post.gone_how = created + fate_delay, "deleted"
        elif fate < EDIT_SHARE + DELETE_SHARE + REMOVE_SHARE:
            post.gone_at, post.gone_how = created + fate_delay, "removed"
        return post

    @property
    def name(self) -> str:
        return f"t3_{self.id}"

    def copy_of(self, original: Post, now: float, *, crosspost: bool, note: str = "") -> None:
        """Make this post a crosspost of `original` (its title, no body of its own) or a
        repost of its text (with `note` after it); the ground truth is the original's."""
        view = original.view(now)
        self._draft = original.draft
        self.admin_title = view.title
        if crosspost:
            self.crosspost_of = original
            self.admin_selftext = ""
        else:
            self.admin_selftext = f"{view.selftext}\n\n{note}" if note else view.selftext

    @property
    def draft(self) -> Draft:
        if self._draft is None:
            year = 1970 + int(self.created // 31_556_952)
            self._draft = write_post(Random(self.seed), self.is_problem, year)
        return self._draft

    @property
    def author_index(self) -> int:
        return self.seed % 4001

    def view(self, now: float) -> View:
        """Title, text, edit time and deletion state as of `now`."""
        draft = self.draft
        title = self.admin_title if self.admin_title is not None else draft.title
        selftext = draft.selftext
        edited: float | None = None
        if self.edit_at is not None and now >= self.edit_at and selftext:
            notes = _EDIT_NOTES[self.seed % len(_EDIT_NOTES)]
            selftext = f"{selftext}\n\n{notes}"
            edited = float(int(self.edit_at))
        if self.admin_selftext is not None:
            selftext = self.admin_selftext
        if self.admin_edited is not None:
            edited = self.admin_edited
        gone: str | None = None
        if self.admin_gone is not None:
            gone = self.admin_gone[0]
        elif self.gone_at is not None and now >= self.gone_at:
            gone = self.gone_how
        if gone is not None and draft.media == "self":
            selftext = "[deleted]" if gone == "deleted" else "[removed]"
        return View(title, selftext, edited, gone)

    def engagement(self, now: float) -> Engagement:
        """Score, comments and upvote ratio at `now`: they grow with age and level off."""
        if self._eng is None:
            rng = Random(self.seed ^ 0x5EED)
            final = math.exp(rng.gauss(1.4, 1.5))
            comments = final * rng.uniform(0.2, 1.4) + (rng.random() * 8 if self.is_problem else 0)
            ratio = 0.5 + 0.5 * rng.betavariate(4, 1.3)
            self._eng = (min(final, 8000.0), comments, ratio, rng.uniform(1800, 9000))
        final, comments, ratio, tau = self._eng
        age = max(0.0, now - self.created)
        grown = 1.0 - math.exp(-age / tau)
        score = 1 + round((final - 1) * grown) if final >= 1 else round(final * (1 - grown))
        ratio_now = 1.0 - (1.0 - ratio) * min(1.0, age / 3600)
        return Engagement(
            score, round(comments * (1.0 - math.exp(-age / (tau * 1.5)))), round(ratio_now, 2)
        )
