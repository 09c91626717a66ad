"""Natural-language posts from a small grammar: titles, bodies and Reddit's HTML of them.

`write_post(rng, problem=...)` draws one post. Everything comes from `rng`, so one
seed always gives the same post. The grammar lives in `problems.py` (pain and tool
requests) and `ordinary.py` (everything else); `lexicon.py` holds the words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from random import Random

from harbor.sandbox import lexicon, ordinary, problems

__all__ = ["Draft", "expand", "selftext_html", "slug", "write_post"]

_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")

_FEATURES = (
    "an AI assistant",
    "a free plan for teams of three",
    "offline mode",
    "usage-based pricing",
    "a built-in CRM",
    "two-way calendar sync",
    "automatic reminders",
    "a public API",
)
_STATS = (
    "most small businesses still run on spreadsheets",
    "freelance rates rose for the third year in a row",
    "one in three startups changes its pricing within a year",
    "remote teams ship as fast as office teams",
    "small shops spend a fifth of their week on admin",
)
_EVENTS = (
    "is sunsetting its legacy plan",
    "had a six-hour outage yesterday",
    "now charges per seat",
    "changed its API limits",
    "opened a marketplace for templates",
)
_ACHIEVEMENTS = (
    "cut my admin time in half",
    "doubled our booking rate",
    "got paid on time for once",
    "automated our onboarding",
    "stopped working weekends",
    "grew our newsletter to 10k",
)


@dataclass(frozen=True, slots=True)
class Draft:
    """One generated post before it becomes a Reddit `t3` object."""

    title: str
    selftext: str  # "" on link, image and video posts
    genre: str  # "problem" or an ordinary genre name
    media: str  # self | link | image | video | youtube
    url: str | None  # the external address of a link post
    flair: str | None
    problem: str | None = None  # the lexicon topic a problem post is about (ground truth)


def expand(template: str, rng: Random, slots: Mapping[str, str]) -> str:
    """Fill `[a|b]` choices and `{slot}` / `{Slot}` (capitalised) slots of a template."""
    text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    for _ in range(2):  # a slot value may itself hold a slot, like "${amount}"
        if "{" not in text:
            break
        text = _SLOT.sub(lambda m: _slot(m.group(1), slots), text)
    return text


def _slot(name: str, slots: Mapping[str, str]) -> str:
    value = slots.get(name)
    if value is not None:
        return value
    value = slots.get(name[0].lower() + name[1:])
    if value is None:
        raise KeyError(f"unknown slot {name!r}")
    return value[:1].upper() + value[1:]


def _product(rng: Random) -> tuple[str, str]:
    name = rng.choice(lexicon.PRODUCT_STEMS) + rng.choice(lexicon.PRODUCT_SUFFIXES)
    return name, name.lower() + rng.choice(lexicon.TLDS)


def _slots(rng: Random, year: int) -> dict[str, str]:
    topic = rng.choice(lexicon.TOPICS)
    tool, tool2 = rng.sample(lexicon.TOOLS, 2)
    product, domain = _product(rng)
    n_small = rng.randint(2, 12)
    slots = {
        "gerund": topic.gerund,
        "objects": topic.objects,
        "outcome": topic.outcome,
        "failure": topic.failure,
        "tool": tool,
        "tool2": tool2,
        "business": rng.choice(lexicon.BUSINESSES),
        "role": rng.choice(lexicon.ROLES),
        "audience": rng.choice(lexicon.AUDIENCES),
        "workaround": rng.choice(lexicon.WORKAROUNDS),
        "tool_issue": rng.choice(lexicon.TOOL_ISSUES),
        "incident": rng.choice(lexicon.INCIDENTS),
        "weekday": rng.choice(lexicon.WEEKDAYS),
        "hours": str(rng.randint(2, 15)),
        "n": str(n_small * rng.randint(2, 12)),
        "n_small": str(n_small),
        "years": str(rng.randint(2, 15)),
        "months": str(rng.randint(3, 30)),
        "price": str(rng.choice((9, 15, 19, 20, 25, 29, 30, 49, 50, 79, 99, 150, 200))),
        "amount": f"{rng.choice((300, 450, 800, 1200, 2500, 4000, 7500, 12000)):,}",
        "mrr": "$" + rng.choice(("1k", "2.5k", "5k", "8k", "10k", "12k", "25k", "40k")),
        "year": str(year),
        "year0": str(year - rng.randint(1, 6)),
        "product": product,
        "product_domain": domain,
        "product_desc": f"tool that {topic.outcome}",
        "feature": rng.choice(_FEATURES),
        "stat": rng.choice(_STATS),
        "event": rng.choice(_EVENTS),
        "achievement": rng.choice(_ACHIEVEMENTS),
        "problem": topic.name,  # not a template slot: which problem a problem post is about
    }
    slots["passing"] = expand(rng.choice(ordinary.PASSING), rng, slots)
    return slots


def _sentences(rng: Random, pool: Sequence[str], k: int, slots: Mapping[str, str]) -> str:
    picked = rng.sample(pool, min(k, len(pool)))
    return " ".join(s for s in (expand(t, rng, slots) for t in picked) if s)


def _problem(rng: Random, slots: dict[str, str]) -> Draft:
    title = expand(rng.choice(problems.TITLES), rng, slots)
    paragraphs: list[str] = []
    if rng.random() < 0.7:
        paragraphs.append(expand(rng.choice(problems.CONTEXTS), rng, slots))
    paragraphs.append(_sentences(rng, problems.PAINS, rng.randint(1, 3), slots))
    if rng.random() < 0.65:
        paragraphs.append(expand(rng.choice(problems.TRIED), rng, slots))
    paragraphs.append(_sentences(rng, problems.ASKS, rng.randint(1, 2), slots))
    paragraphs.append(rng.choice(problems.CLOSINGS))
    if rng.random() < 0.15:  # the short kind: a title and one line
        paragraphs = [paragraphs[-2]]
    body = "\n\n".join(p for p in paragraphs if p)
    flair = rng.choice(problems.FLAIRS)
    return Draft(title, body, "problem", "self", None, flair, slots["problem"])


def _pick_genre(rng: Random) -> ordinary.Genre:
    return rng.choices(ordinary.GENRES, weights=[g.weight for g in ordinary.GENRES])[0]


def _ordinary(rng: Random, slots: dict[str, str]) -> Draft:
    genre = _pick_genre(rng)
    title = expand(rng.choice(genre.titles), rng, slots)
    kinds, weights = zip(*genre.media, strict=True)
    media = rng.choices(kinds, weights=weights)[0]
    url: str | None = None
    if media == "link":
        domain = (
            rng.choice(lexicon.NEWS_DOMAINS) if genre.name == "news" else slots["product_domain"]
        )
        url = f"https://{domain}/{slug(title)[:40]}"
    elif media == "youtube":
        url = f"https://www.youtube.com/watch?v={_token(rng, 11)}"
    body = ""
    if media == "self":
        parts = [expand(rng.choice(choices), rng, slots) for choices in genre.paragraphs if choices]
        body = "\n\n".join(p for p in parts if p)
    return Draft(title, body, genre.name, media, url, genre.flair)


def write_post(rng: Random, problem: bool, year: int = 2026) -> Draft:
    """One post: a problem post (pain, tool request) or an ordinary one."""
    slots = _slots(rng, year)
    return _problem(rng, slots) if problem else _ordinary(rng, slots)


_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"


def _token(rng: Random, length: int) -> str:
    return "".join(rng.choice(_ALPHABET) for _ in range(length))


_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slug(title: str) -> str:
    """Reddit's permalink slug: lower-case words joined by underscores, at most ~50 chars."""
    words = _NOT_WORD.sub(" ", title.lower()).split()
    slug = ""
    for word in words:
        candidate = f"{slug}_{word}" if slug else word
        if len(candidate) > 50:
            break
        slug = candidate
    return slug or "post"


def selftext_html(selftext: str) -> str | None:
    """Reddit's rendering of a self post's markdown (paragraphs only), or None if empty."""
    if not selftext:
        return None
    paragraphs = [p.strip() for p in selftext.split("\n\n") if p.strip()]
    inner = "\n\n".join(f"<p>{_escape_html(p)}</p>" for p in paragraphs)
    return f'<!-- SC_OFF --><div class="md">{inner}\n</div><!-- SC_ON -->'


def _escape_html(text: str) -> str:
    # the entities Reddit's markdown renderer emits
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )
