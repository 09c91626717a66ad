"""Request counters, so tests and benchmarks can count API calls.

Every API request counts, faulted ones included; admin requests do not.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

__all__ = ["Stats"]


class Stats:
    """Counters per service, endpoint, subreddit, status and fault kind."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.reddit_total = 0
        self.reddit_endpoints: Counter[str] = Counter({"access_token": 0, "new": 0, "about": 0})
        self.reddit_subs: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.reddit_status: Counter[str] = Counter()
        self.reddit_faults: Counter[str] = Counter()
        self.openai_total = 0
        self.openai_endpoints: Counter[str] = Counter({"chat.completions": 0, "models": 0})
        self.openai_status: Counter[str] = Counter()
        self.openai_faults: Counter[str] = Counter()
        self.prompt_tokens = 0
        self.completion_tokens = 0

    def reddit(self, endpoint: str, subreddit: str | None = None) -> None:
        """Count one Reddit request."""
        self.reddit_total += 1
        self.reddit_endpoints[endpoint] += 1
        if subreddit is not None:
            self.reddit_subs[subreddit.lower()][endpoint] += 1

    def openai(self, endpoint: str) -> None:
        """Count one OpenAI request."""
        self.openai_total += 1
        self.openai_endpoints[endpoint] += 1

    def fault(self, target: str, kind: str) -> None:
        (self.reddit_faults if target == "reddit" else self.openai_faults)[kind] += 1

    def status(self, target: str, status: int | str) -> None:
        """Count an answer by status code ("dropped" for a closed connection)."""
        (self.reddit_status if target == "reddit" else self.openai_status)[str(status)] += 1

    def tokens(self, prompt: int, completion: int) -> None:
        self.prompt_tokens += prompt
        self.completion_tokens += completion

    def snapshot(self) -> dict[str, Any]:
        """The stats JSON (see the sandbox contract)."""
        subs = {
            name: {"new": c["new"], "about": c["about"]} for name, c in self.reddit_subs.items()
        }
        return {
            "reddit": {
                "total": self.reddit_total,
                "by_endpoint": dict(self.reddit_endpoints),
                "by_subreddit": subs,
                "by_status": dict(self.reddit_status),
                "faults": sum(self.reddit_faults.values()),
                "faults_by_kind": dict(self.reddit_faults),
            },
            "openai": {
                "total": self.openai_total,
                "by_endpoint": dict(self.openai_endpoints),
                "by_status": dict(self.openai_status),
                "prompt_tokens": self.prompt_tokens,
                "completion_tokens": self.completion_tokens,
                "faults": sum(self.openai_faults.values()),
                "faults_by_kind": dict(self.openai_faults),
            },
        }
