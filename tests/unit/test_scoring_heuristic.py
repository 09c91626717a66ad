"""The offline heuristic scorer: documented rules, same shape, scorer='heuristic'."""

from __future__ import annotations

from harbor.collect.problem_filter import default_filter
from harbor.detector import ProblemDetector, builtin_model_path, load_classifier
from harbor.scoring.heuristic import HEURISTIC_MODEL, HEURISTIC_VERSION, HeuristicScorer, assess
from harbor.scoring.model import DIMENSIONS, Post, weighted_total
from harbor.settings import DEFAULT_WEIGHTS

DETECTOR = ProblemDetector(load_classifier(builtin_model_path()), default_filter())
SCORER = HeuristicScorer(DEFAULT_WEIGHTS, DETECTOR)


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
    result = SCORER.score(PAINFUL)
    assert result.scorer == "heuristic"
    assert result.model == HEURISTIC_MODEL
    assert result.prompt_version == f"{HEURISTIC_VERSION}+{DETECTOR.model_version}"
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


def test_the_category_is_the_detectors_and_other_when_it_does_not_keep_the_post() -> None:
    for post in (PAINFUL, BLAND, _post("How do I price my first consulting gig?")):
        verdict = DETECTOR.judge_one(post.title, post.selftext)
        assert SCORER.score(post).assessment.category == verdict.category
        assert verdict.category == (verdict.kind if verdict.kept else "other")
    assert SCORER.score(BLAND).assessment.category == "other"
    assert SCORER.score(PAINFUL).assessment.category != "other"


def test_a_curly_apostrophe_reads_like_a_straight_one() -> None:
    straight = assess(_post("Tracking hours", "I can't find anything, nothing works"))
    curly = assess(_post("Tracking hours", "I can\u2019t find anything, nothing works"))
    assert curly == straight
    assert "can't find" in straight.rationale or "cant find" in straight.rationale


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
        result = SCORER.score(post)
        assert 0 <= result.total <= 100
        assert result.assessment.summary
