"""The offline heuristic scorer: documented rules, same shape, scorer='heuristic'."""

from __future__ import annotations

from harbor.scoring.heuristic import HEURISTIC_MODEL, HeuristicScorer, assess
from harbor.scoring.model import DIMENSIONS, Post, weighted_total
from harbor.settings import DEFAULT_WEIGHTS


def _post(title: str, selftext: str = "", score: int = 0, num_comments: int = 0) -> Post:
    return Post(
        id="p1",
        subreddit="smallbusiness",
        title=title,
        selftext=selftext,
        score=score,
        num_comments=num_comments,
    )


PAINFUL = _post(
    "Invoicing is a nightmare and I'm losing money",
    "Every week I spend hours manually chasing clients for payment. I'm so frustrated. "
    "I would pay for something that does this for my business.",
    score=150,
    num_comments=60,
)
BLAND = _post("Photos from our team offsite", "Had a nice time at the lake.")


def test_result_has_the_same_shape_as_the_llm_one() -> None:
    result = HeuristicScorer(DEFAULT_WEIGHTS).score(PAINFUL)
    assert result.scorer == "heuristic"
    assert result.model == HEURISTIC_MODEL
    assert result.input_tokens == 0
    assert result.output_tokens == 0
    assert result.total == weighted_total(result.assessment, DEFAULT_WEIGHTS)
    for name in DIMENSIONS:
        assert 0 <= getattr(result.assessment, name) <= 10


def test_pain_money_and_frequency_raise_the_scores() -> None:
    strong, weak = assess(PAINFUL), assess(BLAND)
    assert strong.pain_intensity > weak.pain_intensity
    assert strong.monetization_potential > weak.monetization_potential
    assert strong.market_demand > weak.market_demand
    assert strong.category == "pain"
    assert weak.category == "other"


def test_frequency_phrases_raise_demand() -> None:
    once = assess(_post("Exporting reports is tedious"))
    often = assess(_post("Exporting reports is tedious", "I do it every day, every week too"))
    assert often.market_demand >= once.market_demand + 3


def test_naming_many_existing_tools_lowers_the_market_gap() -> None:
    none_named = assess(_post("Tracking client hours is painful"))
    many_named = assess(
        _post(
            "Tracking client hours is painful",
            "I tried Excel, Notion, Trello, Airtable and Zapier.",
        )
    )
    assert many_named.market_gap <= none_named.market_gap - 5
    nothing = assess(_post("Tracking client hours is painful", "Nothing works, can't find one."))
    assert nothing.market_gap > none_named.market_gap


def test_engagement_raises_demand() -> None:
    quiet = assess(_post("Scheduling staff is a headache"))
    busy = assess(_post("Scheduling staff is a headache", score=500, num_comments=200))
    assert busy.market_demand > quiet.market_demand


def test_hard_problems_lower_feasibility() -> None:
    easy = assess(_post("I want an app to automate my reminders"))
    hard = assess(_post("Medical hardware regulation is a mess", "FDA licensing for devices"))
    assert hard.technical_feasibility < easy.technical_feasibility


def test_categories_follow_the_documented_rules() -> None:
    assert assess(_post("Is there a tool that syncs invoices to my bank?")).category == (
        "solution_request"
    )
    assert assess(_post("How do I price my first consulting gig?")).category == "advice"
    assert assess(_post("Our revenue hit $10k MRR, pricing lessons")).category == "money_talk"


def test_rationale_names_the_signals_it_used() -> None:
    rationale = assess(PAINFUL).rationale
    assert "nightmare" in rationale
    assert "every week" in rationale
    assert assess(BLAND).rationale.startswith("Heuristic rules. no signals found")


def test_phrases_match_on_word_boundaries_only() -> None:
    # "apply" must not count as "app", "painting" must not count as "pain"
    a = assess(_post("Painting class", "I will apply paint to the wall"))
    b = assess(_post("Class"))
    assert a.pain_intensity == b.pain_intensity
    assert a.technical_feasibility == b.technical_feasibility


def test_empty_and_hostile_text_still_scores() -> None:
    for post in (_post(""), _post("\x00" * 10, "🚀" * 5000), _post("[deleted]", "[removed]")):
        result = HeuristicScorer(DEFAULT_WEIGHTS).score(post)
        assert 0 <= result.total <= 100
        assert result.assessment.summary
