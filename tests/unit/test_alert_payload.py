"""What an alert says and how its delivery is paced: the JSON Slack and Discord both take,
escaped for each, and the bounded, jittered backoff that honours Retry-After."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import formatdate

from harbor.alerts.delivery import (
    BACKOFF_BASE_S,
    BACKOFF_CAP_S,
    RETRY_AFTER_CAP_S,
    parse_retry_after,
    retry_delay,
)
from harbor.alerts.payload import (
    DISCORD_LIMIT,
    destination_digest,
    discord_escape,
    opportunity_payload,
    slack_escape,
    theme_payload,
)
from harbor.results.records import Opportunity
from harbor.theming.listing import ThemeRecord

MakeOpportunity = Callable[..., Opportunity]
HOSTILE = "<!channel> @everyone [free money](https://evil.example) *now* & <@U123>"


def test_the_payload_has_slack_text_discord_content_and_structured_fields(
    make_opportunity: MakeOpportunity,
) -> None:
    payload = opportunity_payload(make_opportunity())
    assert set(payload) >= {"text", "content", "allowed_mentions", "kind", "opportunity"}
    assert payload["kind"] == "opportunity"
    assert payload["allowed_mentions"] == {"parse": []}
    for field in ("text", "content"):
        assert "New opportunity 72/100" in payload[field]
        assert "r/smallbusiness" in payload[field]
        assert "Chasing unpaid invoices eats my Friday" in payload[field]
        assert "https://reddit.com/r/smallbusiness/comments/1abc23/chasing/" in payload[field]
    structured = payload["opportunity"]
    assert structured["post_id"] == "1abc23" and structured["total"] == 72.5
    assert structured["scores"] == {"market_demand": 7, "pain_intensity": 8,
                                    "monetization_potential": 7, "market_gap": 6,
                                    "technical_feasibility": 8}  # fmt: skip
    assert isinstance(structured["scored_at"], str)  # JSON-ready


def test_hostile_text_pings_nobody_and_links_nowhere(make_opportunity: MakeOpportunity) -> None:
    payload = opportunity_payload(make_opportunity(title=HOSTILE, summary=HOSTILE))
    text, content = payload["text"], payload["content"]
    assert "<!channel>" not in text and "<@U123>" not in text and "&lt;!channel&gt;" in text
    assert "&amp;" in text
    assert r"\@everyone" in content and r"\[free money\]\(https\:" in content
    assert "<@U123>" not in content
    assert slack_escape("a<b>&c") == "a&lt;b&gt;&amp;c"
    assert discord_escape("**x**") == r"\*\*x\*\*"


def test_discord_content_stays_within_its_limit(make_opportunity: MakeOpportunity) -> None:
    payload = opportunity_payload(make_opportunity(title="t" * 5000, summary="s" * 5000))
    assert len(payload["content"]) <= DISCORD_LIMIT
    assert "\n" not in payload["opportunity"]["title"]


def test_the_destination_is_a_digest_never_the_url() -> None:
    url = "https://hooks.slack.com/services/T000/B000/XXXXSECRET"
    digest = destination_digest(url)
    assert len(digest) == 64 and "SECRET" not in digest and "hooks" not in digest
    assert digest == destination_digest(url + " ") != destination_digest(url + "x")


def test_backoff_doubles_with_jitter_up_to_its_cap() -> None:
    rng = random.Random(7)
    for attempts in range(1, 15):
        bound = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** (attempts - 1))
        for _ in range(20):
            assert bound / 2 <= retry_delay(attempts, None, rng) <= bound
    spread = {round(retry_delay(3, None, rng), 3) for _ in range(20)}
    assert len(spread) > 10  # jittered: senders do not retry in lockstep


def test_retry_after_is_honoured_in_seconds_or_as_a_date() -> None:
    rng = random.Random(1)
    assert 30.0 <= retry_delay(1, 30.0, rng) <= 30.5
    assert retry_delay(9, 0.0, rng) >= 0.5  # never a busy loop, even when told "now"
    assert parse_retry_after("12") == 12.0
    assert parse_retry_after("1.5") == 1.5
    assert parse_retry_after(str(10 * RETRY_AFTER_CAP_S)) == RETRY_AFTER_CAP_S
    now = 1_800_000_000.0
    assert parse_retry_after(formatdate(now + 90, usegmt=True), now=now) == 90.0
    assert parse_retry_after(formatdate(now - 90, usegmt=True), now=now) == 0.0
    for bad in (None, "", "soon", "nan"):
        assert parse_retry_after(bad) is None


def test_a_rising_theme_is_announced_with_its_size_growth_and_best_post() -> None:
    now = datetime.now(UTC)
    theme = ThemeRecord(
        id="th_1abc", label="<!here> invoices / chasing", label_source="terms", posts=9,
        posts_total=10, authors=8, subreddits=["SaaS", "freelance"], score=200, comments=40,
        mean_total=62.0, mean_scores={}, first_seen=now, last_seen=now, posts_per_day=1.3,
        posts_per_day_before=0.4, growth=2.0, trend="rising", post_ids=["p1"],
        best_title="@everyone chasing invoices", best_permalink="/r/SaaS/comments/p1/x/",
    )  # fmt: skip
    payload = theme_payload(theme, 7)
    assert payload["kind"] == "theme" and payload["allowed_mentions"] == {"parse": []}
    assert "Rising theme: 9 posts in 7 days (+200%)" in payload["text"]
    assert "&lt;!here&gt;" in payload["text"] and "<!here>" not in payload["text"]
    assert r"\@everyone" in payload["content"]
    assert payload["theme"]["id"] == "th_1abc" and payload["theme"]["growth"] == 2.0
    assert payload["theme"]["best_link"] == "https://reddit.com/r/SaaS/comments/p1/x/"
