"""Run in a fresh process: collect N subreddits with dlt P times, print RSS after each pass.

`python -m bench.collection_memory N P` prints one JSON line:
{"rss_mb": [...per pass...], "peak_mb": ..., "calls_per_pass": ...}
"""

from __future__ import annotations

import json
import resource
import sys

from harbor.collect.service import run_collection
from harbor.sandbox.client import SandboxClient
from harbor.settings import get_settings


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main(subreddits: int, passes: int) -> None:
    settings = get_settings()
    sandbox = SandboxClient(settings.reddit_oauth_url)
    names = [f"benchmem{i}" for i in range(subreddits)]
    rss: list[float] = []
    calls = 0
    for number in range(passes):
        if number:
            for name in names:
                sandbox.advance(name, 20)
        for name in names:
            result = run_collection(settings, name, "dlt")
            if result.status != "ok":
                raise SystemExit(f"r/{name} failed: {result.error}")
            if number:
                calls += result.api_calls
        rss.append(_rss_mb())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    per_pass = calls / max(1, passes - 1)
    print(json.dumps({"rss_mb": rss, "peak_mb": peak, "calls_per_pass": per_pass}))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
