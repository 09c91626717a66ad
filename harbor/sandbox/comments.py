"""The comments of a post: a deterministic thread, as Reddit's /comments/<id> serves it.

A post's thread follows from its seed and its age: as many comments as its
`num_comments` says at that moment (Reddit serves at most `limit`, the rest behind a
`more` object). Under a problem post people agree ("same here", "me too", "following"),
describe the same problem in their own words (and get upvoted for it), suggest tools,
ask questions, joke; some comments were deleted by their author or removed by a
moderator, and read "[deleted]" / "[removed]" as on Reddit. Under an ordinary post the
talk is ordinary. `kind` is the ground truth of each comment, for tests (never served).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from random import Random
from typing import Any

from harbor.sandbox import lexicon
from harbor.sandbox.ids import stable_int, to_base36
from harbor.sandbox.post import Post, username
from harbor.sandbox.text import expand, slug

__all__ = ["Comment", "comments_listing", "thread"]

MAX_SERVED = 500
_TOPICS = {topic.name: topic for topic in lexicon.TOPICS}

AGREEMENT = (
    "Same here.",
    "Me too. [Every single month.|Every week, like clockwork.|It never ends.]",
    "Following, we have the same issue.",
    "+1, this is exactly our problem.",
    "Same boat. [Following for answers.|Subscribing to this thread.|Commenting to follow.]",
    "Ugh, same. {Failure} here too.",
    "This is so relatable it hurts.",
    "Exactly this. [I thought it was just us.|Glad it's not only me.]",
    "I feel this in my bones.",
    "Me too! Please post an update if you find something.",
)
SAME_PROBLEM = (
    "We have the same problem with {objects}: {failure}.",
    "Honestly {gerund} is the worst part of my week too. We're a {business} and nothing sticks.",
    "I run a {business} and {failure}. [It drives me mad.|We lose hours to it.|"
    "I've given up on fixing it.]",
    "Our {objects} situation is just as bad. {Failure}, and the tools we tried didn't help.",
    "Going through exactly this right now. {Gerund} takes me {hours} hours a week.",
    "Same problem here: {failure}. If anyone has a fix I'd pay for it.",
)
SUGGESTIONS = (
    "Have you tried {tool}? [It handles most of this.|Not perfect but it helped us.]",
    "We use {tool} for {objects}, works okay for a team our size.",
    "Honestly, hire a VA for a few hours a week.",
    "A simple checklist and a fixed time every {weekday} fixed it for me.",
    "{Tool} plus a bit of Zapier glue did the trick for us.",
    "Look into {tool2}, they have a free plan that might be enough.",
)
QUESTIONS = (
    "How many [clients|customers|orders] are we talking about?",
    "What's your budget for a tool like that?",
    "Have you looked at why it happens in the first place?",
    "Is this a process problem or a tool problem, though?",
)
OFF_TOPIC = (
    "lol the spreadsheet with fourteen tabs is too real",
    "Great post, thanks for sharing.",
    "This sub has been on fire lately.",
    "Username checks out.",
)
ORDINARY = (
    "Great [write-up|post|question], thanks for sharing.",
    "Interesting. [We saw the same.|Not my experience at all.|Curious to see where this goes.]",
    "Congrats, that's a big milestone!",
    "I disagree, but good points overall.",
    "Saved for later.",
    "What did you use to build it?",
    "{Tool} has been fine for us.",
)
# weights of the kinds under a problem post
_PROBLEM_KINDS = (
    ("agreement", 24),
    ("same_problem", 18),
    ("suggestion", 24),
    ("question", 12),
    ("other", 10),
    ("deleted", 6),
    ("removed", 6),
)
_ORDINARY_KINDS = (("other", 88), ("deleted", 6), ("removed", 6))


@dataclass
class Comment:
    """One comment and its replies."""

    id: str
    author: str
    body: str
    score: int
    created: int
    depth: int
    parent: str  # fullname of the post or comment it answers
    kind: str  # agreement | same_problem | suggestion | question | other | deleted | removed
    replies: list[Comment] = field(default_factory=list)


def _slots(rng: Random, post: Post) -> dict[str, str]:
    topic = _TOPICS.get(post.draft.problem or "") or rng.choice(lexicon.TOPICS)
    tool, tool2 = rng.sample(lexicon.TOOLS, 2)
    return {
        "objects": topic.objects,
        "failure": topic.failure,
        "gerund": topic.gerund,
        "business": rng.choice(lexicon.BUSINESSES),
        "tool": tool,
        "tool2": tool2,
        "weekday": rng.choice(lexicon.WEEKDAYS),
        "hours": str(rng.randint(2, 12)),
    }


def _body(rng: Random, kind: str, slots: dict[str, str], problem: bool) -> str:
    if kind == "deleted":
        return "[deleted]"
    if kind == "removed":
        return "[removed]"
    pool = {
        "agreement": AGREEMENT,
        "same_problem": SAME_PROBLEM,
        "suggestion": SUGGESTIONS,
        "question": QUESTIONS,
    }.get(kind) or (OFF_TOPIC if problem else ORDINARY)
    return expand(rng.choice(pool), rng, slots)


def _score(rng: Random, kind: str) -> int:
    # people upvote the comments that say "me too" in their own words
    base = {"same_problem": 2.2, "agreement": 1.5, "suggestion": 1.3}.get(kind, 0.6)
    return max(0, round(math.exp(rng.gauss(base, 1.0))) - (1 if kind == "other" else 0))


def thread(post: Post, now: float) -> list[Comment]:
    """The post's top-level comments as of `now` (with their replies), best first.

    The whole thread is drawn once from the seed, with fixed times; `now` only decides
    which of it has been written yet.
    """
    final = min(post.engagement(post.created + 30 * 86400.0).num_comments, MAX_SERVED)
    rng = Random(stable_int(post.seed, "comments"))
    slots = _slots(rng, post)
    kinds, weights = zip(*(_PROBLEM_KINDS if post.is_problem else _ORDINARY_KINDS), strict=True)
    top: list[Comment] = []
    for number in range(final):
        kind = rng.choices(kinds, weights=weights)[0]
        gone = kind in ("deleted", "removed")
        parent = rng.choice(top) if top and rng.random() < 0.35 else None
        comment = Comment(
            id=to_base36(post.num * 4096 + number + 1),
            author="[deleted]" if gone else username(stable_int(post.seed, number) % 4001),
            body=_body(rng, kind, slots, post.is_problem),
            score=_score(rng, kind),
            created=post.created + 60 + int(rng.expovariate(1 / 5400.0)),
            depth=0 if parent is None else 1,
            parent=post.name if parent is None else f"t1_{parent.id}",
            kind=kind,
        )
        if parent is None:
            top.append(comment)
        else:
            parent.replies.append(comment)
    for comment in top:
        comment.replies.sort(key=lambda c: (-c.score, c.id))
    return sorted((c for c in top if c.created <= now), key=lambda c: (-c.score, c.id))


def _t1(post: Post, comment: Comment, now: float) -> dict[str, Any]:
    replies = [c for c in comment.replies if c.created <= now]
    gone = comment.kind in ("deleted", "removed")
    permalink = f"/r/{post.sub.name}/comments/{post.id}/{slug(post.draft.title)}/{comment.id}/"
    data: dict[str, Any] = {
        "subreddit_id": post.sub.fullname,
        "approved_at_utc": None,
        "author_is_blocked": False,
        "edited": False,
        "gilded": 0,
        "archived": False,
        "no_follow": comment.score < 2,
        "author": comment.author,
        "can_mod_post": False,
        "created_utc": float(comment.created),
        "send_replies": True,
        "parent_id": comment.parent,
        "score": comment.score,
        "ups": comment.score,
        "downs": 0,
        "approved_by": None,
        "mod_note": None,
        "all_awardings": [],
        "collapsed": gone,
        "body": comment.body,
        "is_submitter": False,
        "gildings": {},
        "collapsed_reason": None,
        "distinguished": None,
        "associated_award": None,
        "stickied": False,
        "author_premium": False,
        "can_gild": not gone,
        "link_id": post.name,
        "unrepliable_reason": None,
        "score_hidden": False,
        "permalink": permalink,
        "subreddit_type": "public",
        "locked": False,
        "name": f"t1_{comment.id}",
        "created": float(comment.created),
        "subreddit": post.sub.name,
        "body_html": f'<div class="md"><p>{_escape(comment.body)}</p>\n</div>',
        "controversiality": 0,
        "depth": comment.depth,
        "id": comment.id,
        "replies": _listing([_t1(post, r, now) for r in replies]) if replies else "",
    }
    if not gone:
        data["author_fullname"] = f"t2_{stable_int(comment.author) % 2_176_782_336:x}"
    return {"kind": "t1", "data": data}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _listing(children: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "kind": "Listing",
        "data": {
            "after": None,
            "dist": None,
            "modhash": None,
            "geo_filter": "",
            "children": children,
            "before": None,
        },
    }


def comments_listing(post: Post, now: float, limit: int) -> dict[str, Any]:
    """The second half of Reddit's answer to /comments/<id>: at most `limit` top-level
    comments (best first, with their replies) and a `more` for the rest."""
    top = thread(post, now)
    limit = max(1, min(limit, MAX_SERVED))
    shown, rest = top[:limit], top[limit:]
    children = [_t1(post, c, now) for c in shown]
    if rest:
        children.append(
            {
                "kind": "more",
                "data": {
                    "count": len(rest),
                    "name": f"t1_{rest[0].id}",
                    "id": rest[0].id,
                    "parent_id": post.name,
                    "depth": 0,
                    "children": [c.id for c in rest],
                },
            }
        )
    return _listing(children)
