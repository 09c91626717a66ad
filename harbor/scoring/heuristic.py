"""The offline scorer: transparent phrase rules, no network, no cost.

It is the default when no OPENAI_API_KEY is configured. Every rule is listed here and
every score it gives names the signals behind it in the rationale.

Rules (each phrase is matched case-insensitively on word boundaries over title + body):
- pain_intensity: 1 + 3 per strong pain phrase ("nightmare", "losing money", "desperate")
  + 1.5 per mild one ("frustrating", "struggling", "tired of"); capped at 10.
- market_demand: 2 + 1.5 per frequency phrase ("every day", "every week", "constantly")
  + 1 per shared-problem phrase ("anyone else", "we all") + engagement (1 per doubling
  of upvotes + comments above 4, at most 4); capped at 10.
- monetization_potential: 2 + 1.5 per money phrase ("pay for", "$", "invoice",
  "clients") + 1 per business-context phrase ("my business", "our team"); capped at 10.
- market_gap: 7 - 1.5 per distinct existing tool named (Excel, Notion, Zapier, ...)
  + 2 if the post says nothing works ("can't find", "nothing works"); 0..10. The more
  alternatives a poster names, the less of a gap there is.
- technical_feasibility: 6 + 1 per software-shaped word ("automate", "app",
  "spreadsheet", "dashboard"; at most +3) - 2 per hard-problem word ("hardware",
  "medical", "regulation"); 0..10.
- category: the problem detector's (harbor.detector): the kind of problem it reads in a
  post it keeps, `other` for a post it does not keep. No phrase list of its own.

Phrases are matched with apostrophes dropped on both sides, as the lexicon does, so
"can’t" typed with a curly apostrophe is "can't" is "cant".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from harbor.collect.lexicon import strip_apostrophes
from harbor.scoring.model import (
    CATEGORIES,
    Assessment,
    Category,
    Post,
    ScoreResult,
    weighted_total,
)

if TYPE_CHECKING:
    from harbor.detector import ProblemDetector

__all__ = ["HEURISTIC_MODEL", "HEURISTIC_VERSION", "HeuristicScorer", "assess"]

HEURISTIC_MODEL = "heuristic-v1"
# the detector's model version is added to it (see HeuristicScorer): a new model changes
# categories, so the posts are scored again (for free)
HEURISTIC_VERSION = "rules-2"

STRONG_PAIN = (
    "nightmare", "desperate", "losing money", "lost money", "losing clients", "killing me",
    "drives me crazy", "driving me crazy", "hate", "can't take", "at my wits end",
    "wasting hours", "waste hours", "burned out", "burnt out", "so frustrated", "overwhelmed",
)  # fmt: skip
MILD_PAIN = (
    "frustrating", "frustrated", "annoying", "struggle", "struggling", "tired of", "sick of",
    "pain", "painful", "problem", "hard to", "difficult", "tedious", "time consuming",
    "time-consuming", "manual", "manually", "mess", "headache", "stuck", "fed up", "hassle",
)  # fmt: skip
FREQUENCY = (
    "every day", "every week", "every month", "every time", "each week", "each month",
    "daily", "weekly", "constantly", "all the time", "always", "every single",
)  # fmt: skip
SHARED = (
    "anyone else", "does anyone", "we all", "everyone", "so many people", "common problem",
    "am i the only",
)  # fmt: skip
MONEY = (
    "pay for", "would pay", "paying", "$", "price", "pricing", "subscription", "cost",
    "costs", "expensive", "budget", "invoice", "invoices", "revenue", "clients", "customers",
    "billing", "money", "profit", "hourly rate",
)  # fmt: skip
BUSINESS = (
    "my business", "our business", "my company", "our team", "my team", "my agency",
    "my clients", "my store", "my shop", "small business", "freelance", "startup",
)  # fmt: skip
TOOLS = (
    "excel", "google sheets", "spreadsheet", "notion", "zapier", "trello", "asana", "jira",
    "slack", "airtable", "quickbooks", "xero", "freshbooks", "salesforce", "hubspot",
    "shopify", "calendly", "mailchimp", "canva", "monday", "clickup", "todoist", "evernote",
    "wave", "stripe", "paypal", "chatgpt", "make.com", "ifttt", "basecamp", "pipedrive",
)  # fmt: skip
NOTHING_WORKS = (
    "can't find", "cannot find", "couldn't find", "nothing works", "no tool", "doesn't exist",
    "does not exist", "none of them", "nothing out there", "wish there was", "wish there were",
)  # fmt: skip
SOFTWARE = (
    "automate", "automation", "app", "tool", "software", "spreadsheet", "dashboard",
    "integration", "api", "reminder", "track", "tracking", "schedule", "scheduling", "report",
    "template", "plugin", "extension", "bot",
)  # fmt: skip
HARD = (
    "hardware", "medical", "regulation", "regulated", "legal", "license", "licensing",
    "manufacturing", "physical", "lawsuit", "insurance", "government", "fda",
)  # fmt: skip


def _pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    parts = []
    for phrase in map(strip_apostrophes, phrases):
        escaped = re.escape(phrase).replace(r"\ ", r"\s+")
        # word boundaries only where the phrase starts or ends with a word character
        start = r"\b" if phrase[0].isalnum() else ""
        end = r"\b" if phrase[-1].isalnum() else ""
        parts.append(f"{start}{escaped}{end}")
    return re.compile("|".join(parts), re.IGNORECASE)


_RULES: dict[str, re.Pattern[str]] = {
    name: _pattern(phrases)
    for name, phrases in {
        "strong_pain": STRONG_PAIN,
        "mild_pain": MILD_PAIN,
        "frequency": FREQUENCY,
        "shared": SHARED,
        "money": MONEY,
        "business": BUSINESS,
        "tools": TOOLS,
        "nothing_works": NOTHING_WORKS,
        "software": SOFTWARE,
        "hard": HARD,
    }.items()
}


def _signals(text: str) -> dict[str, list[str]]:
    """The distinct phrases of each rule found in `text`, lower-cased, in order of appearance."""
    found: dict[str, list[str]] = {}
    text = strip_apostrophes(text)
    for name, pattern in _RULES.items():
        seen: dict[str, None] = {}
        for match in pattern.finditer(text):
            seen.setdefault(" ".join(match.group(0).lower().split()), None)
        found[name] = list(seen)
    # "so frustrated" is one strong signal, not also a mild "frustrated"
    found["mild_pain"] = [
        p for p in found["mild_pain"] if not any(p in strong for strong in found["strong_pain"])
    ]
    return found


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))


def _engagement(post: Post) -> float:
    interactions = max(0, int(post.score or 0)) + max(0, int(post.num_comments or 0))
    return min(4.0, max(0.0, math.log2(interactions + 1) - 2))


def _summary(post: Post) -> str:
    title = " ".join((post.title or "").split())
    if title:
        return title[:200]
    body = " ".join((post.selftext or "").split())
    return (body[:120] or "(empty post)").rstrip(".")


def assess(post: Post, category: Category = "other") -> Assessment:
    """Score one post by the documented rules; the rationale names the signals used.

    `category` is the detector's (see HeuristicScorer), 'other' when none is given."""
    text = f"{post.title or ''}\n{post.selftext or ''}"
    s = _signals(text)
    engagement = _engagement(post)
    pain = 1 + 3 * len(s["strong_pain"]) + 1.5 * len(s["mild_pain"])
    demand = 2 + 1.5 * len(s["frequency"]) + len(s["shared"]) + engagement
    money = 2 + 1.5 * len(s["money"]) + len(s["business"])
    gap = 7 - 1.5 * len(s["tools"]) + (2 if s["nothing_works"] else 0)
    feasibility = 6 + min(3, len(s["software"])) - 2 * len(s["hard"])

    reasons = []
    for label, key in (
        ("pain", "strong_pain"),
        ("mild pain", "mild_pain"),
        ("frequency", "frequency"),
        ("shared", "shared"),
        ("money", "money"),
        ("tools named", "tools"),
        ("nothing works", "nothing_works"),
        ("hard problem", "hard"),
    ):
        if s[key]:
            reasons.append(f"{label}: {', '.join(repr(p) for p in s[key][:4])}")
    if engagement:
        reasons.append(f"engagement +{engagement:.1f}")
    rationale = "Heuristic rules. " + ("; ".join(reasons) if reasons else "no signals found")

    return Assessment(
        market_demand=_clamp(demand),
        pain_intensity=_clamp(pain),
        monetization_potential=_clamp(money),
        market_gap=_clamp(gap),
        technical_feasibility=_clamp(feasibility),
        category=category,
        summary=_summary(post),
        rationale=rationale + ".",
    )


class HeuristicScorer:
    """The offline scorer: same output shape as the LLM one, scorer='heuristic'."""

    name = "heuristic"
    model = HEURISTIC_MODEL

    def __init__(self, weights: Mapping[str, float], detector: ProblemDetector) -> None:
        self.weights = dict(weights)
        self.detector = detector
        self.prompt_version = f"{HEURISTIC_VERSION}+{detector.model_version}"

    def category(self, post: Post) -> Category:
        """The detector's category of the post: its kind when kept, else 'other'."""
        verdict = self.detector.judge_one(
            post.title or "", post.selftext or "", post.is_self, post.url
        )
        for known in CATEGORIES:
            if known == verdict.category:
                return known
        return "other"

    def score(self, post: Post) -> ScoreResult:
        """Score `post` offline; tokens are always zero."""
        assessment = assess(post, self.category(post))
        return ScoreResult(
            assessment=assessment,
            total=weighted_total(assessment, self.weights),
            scorer=self.name,
            model=self.model,
            prompt_version=self.prompt_version,
        )
