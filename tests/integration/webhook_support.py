"""A real webhook receiver for the alert tests: a local HTTP server that counts what it gets.

It answers 200 (as Slack and Discord do), or 500 with a Retry-After while it is told to
fail: for its next `fail_next` requests, or until `failing` is switched off.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# what the URL carries in its path: a token, as Slack's and Discord's URLs do
SECRET_TOKEN = "T0SECRET/B0SECRET/xoxSecretToken42"


@dataclass(frozen=True)
class Received:
    """One request as the receiver saw it and what it answered."""

    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    answered: int


class Receiver:
    """A ThreadingHTTPServer on a free loopback port, in a daemon thread."""

    def __init__(self, retry_after: str | None = "1") -> None:
        self.lock = threading.Lock()
        self.received: list[Received] = []
        self.fail_next = 0
        self.failing = False
        self.retry_after = retry_after
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                with receiver.lock:
                    fail = receiver.failing or receiver.fail_next > 0
                    if receiver.fail_next > 0:
                        receiver.fail_next -= 1
                    status = 500 if fail else 200
                    receiver.received.append(
                        Received(self.path, json.loads(raw), dict(self.headers), status)
                    )
                self.send_response(status)
                if fail and receiver.retry_after is not None:
                    self.send_header("Retry-After", receiver.retry_after)
                body = b"ok" if status == 200 else b"upstream trouble"
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/{SECRET_TOKEN}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def delivered(self, kind: str = "opportunity") -> Counter[str]:
        """Subject ids (post ids, or theme ids) of the alerts of `kind` answered 200, with
        how often each was."""
        key = "post_id" if kind == "opportunity" else "id"
        with self.lock:
            return Counter(
                r.body[kind][key]
                for r in self.received
                if r.answered == 200 and r.body.get("kind") == kind
            )

    def answered(self, status: int) -> int:
        with self.lock:
            return sum(1 for r in self.received if r.answered == status)
