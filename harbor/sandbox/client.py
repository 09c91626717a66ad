"""`SandboxClient`: the admin endpoints of a running sandbox, for tests, benchmarks, ops."""

from __future__ import annotations

from typing import Any

import requests

__all__ = ["SandboxClient", "SandboxClientError"]


class SandboxClientError(RuntimeError):
    """The sandbox refused an admin call (the message is its answer)."""


class SandboxClient:
    """Talks to /_sandbox/* of the sandbox at `base_url` (either port works)."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/").removesuffix("/v1")
        self.timeout = timeout
        self._http = requests.Session()

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self._http.request(
            method, f"{self.base_url}/_sandbox/{path}", json=body, timeout=self.timeout
        )
        if response.status_code >= 400:
            raise SandboxClientError(
                f"{method} /_sandbox/{path}: {response.status_code} {response.text[:500]}"
            )
        return response.json()

    def close(self) -> None:
        self._http.close()

    def health(self) -> dict[str, Any]:
        """{"ok": true, "ports", "config", "posts": {sub: count}}."""
        result: dict[str, Any] = self._call("GET", "health")
        return result

    def stats(self) -> dict[str, Any]:
        """Request counters: {"reddit": {...}, "openai": {...}} (see the contract)."""
        result: dict[str, Any] = self._call("GET", "stats")
        return result

    def coverage(self) -> dict[str, Any]:
        """Posts that arrived since the corpus was built: created, listed, never listed,
        lost, and freshness (first listed minus created) p50/p95/max, overall
        ("total") and "by_subreddit"."""
        result: dict[str, Any] = self._call("GET", "coverage")
        return result

    def reset_coverage(self) -> None:
        """Count coverage afresh: only posts created from now on."""
        self._call("POST", "reset-coverage")

    def reset_stats(self) -> None:
        """Zero the request counters."""
        self._call("POST", "reset-stats")

    def reset(self, **config: Any) -> dict[str, Any]:
        """Back to the seeded corpus with no faults and zero stats; returns the settings.

        Settings start again from the command line's; `config` overrides some of them:
        seed, subreddits, private, initial_posts, rate, latency, openai_latency,
        ratelimit, ratelimit_window, rate_spread, busy, busy_rate, json_schema.
        """
        result: dict[str, Any] = self._call("POST", "reset", config)["config"]
        return result

    def configure(self, **config: Any) -> dict[str, Any]:
        """Change settings without resetting the corpus (not seed, subreddits, initial_posts)."""
        result: dict[str, Any] = self._call("POST", "config", config)["config"]
        return result

    def advance(
        self, subreddit: str | None = None, count: int = 1, kind: str | None = None
    ) -> list[str]:
        """Add `count` posts now (to every subreddit when None); their ids, oldest first.

        kind: 'problem', 'ordinary' or None (mixed).
        """
        body = {"subreddit": subreddit, "count": count, "kind": kind}
        ids: list[str] = self._call("POST", "advance", body)["ids"]
        return ids

    def edit(
        self, post_id: str, selftext: str | None = None, title: str | None = None
    ) -> dict[str, Any]:
        """Edit a post now (`edited` becomes the current time); returns its ground truth."""
        result: dict[str, Any] = self._call(
            "POST", "edit", {"id": post_id, "selftext": selftext, "title": title}
        )
        return result

    def remove(self, post_id: str, how: str = "deleted") -> dict[str, Any]:
        """Delete ('deleted': by its author) or remove ('removed': by a moderator) a post."""
        result: dict[str, Any] = self._call("POST", "remove", {"id": post_id, "how": how})
        return result

    def tamper(
        self,
        post_id: str,
        fields: dict[str, Any] | None = None,
        unset: list[str] | None = None,
        raw: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """Serve this post malformed from now on: fields replaced (`fields`), dropped
        (`unset`) or sent as verbatim JSON text (`raw`, e.g. {"title": '"\\ud800"'})."""
        result: dict[str, Any] = self._call(
            "POST", "tamper", {"id": post_id, "set": fields, "unset": unset, "raw": raw}
        )
        return result

    def copy(
        self, post_id: str, subreddit: str, how: str = "repost", note: str = ""
    ) -> dict[str, Any]:
        """A crosspost of the post in `subreddit` ('crosspost'), or its text posted there
        again ('repost', with `note` after it); returns the new post's ground truth."""
        body = {"id": post_id, "subreddit": subreddit, "how": how, "note": note}
        result: dict[str, Any] = self._call("POST", "copy", body)
        return result

    def comments(self, post_id: str) -> list[dict[str, Any]]:
        """The post's comments as served now, best first, each with its `kind`."""
        result: list[dict[str, Any]] = self._call("GET", f"comments/{post_id}")
        return result

    def posts(self, subreddit: str) -> list[dict[str, Any]]:
        """Every post held for `subreddit`, newest first, with its is_problem label."""
        result: list[dict[str, Any]] = self._call("GET", f"posts/{subreddit}")
        return result

    def set_fault(
        self,
        target: str,
        kind: str,
        count: int | None = None,
        ratio: float | None = None,
        retry_after: float | None = None,
        delay: float | None = None,
        subreddit: str | None = None,
        duration: float | None = None,
    ) -> dict[str, Any]:
        """Switch a fault on; returns it (with its "id")."""
        body = {
            "target": target,
            "kind": kind,
            "count": count,
            "ratio": ratio,
            "retry_after": retry_after,
            "delay": delay,
            "subreddit": subreddit,
            "duration": duration,
        }
        result: dict[str, Any] = self._call(
            "POST", "faults", {k: v for k, v in body.items() if v is not None}
        )
        return result

    def faults(self) -> list[dict[str, Any]]:
        """The faults in force."""
        result: list[dict[str, Any]] = self._call("GET", "faults")
        return result

    def clear_fault(self, fault_id: str) -> None:
        """Switch one fault off."""
        self._call("DELETE", f"faults/{fault_id}")

    def clear_faults(self) -> None:
        """Switch every fault off."""
        self._call("DELETE", "faults")
