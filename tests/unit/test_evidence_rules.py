"""What a comment says, and how agreement counts toward market demand."""

from __future__ import annotations

from harbor.evidence.agreement import classify, is_gone
from harbor.evidence.weighting import demand_bonus, total_bonus
from harbor.settings import DEFAULT_WEIGHTS
from harbor.theming.text import post_words

POST = post_words(
    "Chasing unpaid invoices eats my whole Friday",
    "Clients ignore the reminders and I spend hours emailing them about late payments.",
).terms


def test_agreement_is_recognised_in_its_usual_forms() -> None:
    for body in ("Same here.", "Me too. Every single month.", "+1, exactly our problem",
                 "Following, we have the same issue.", "Ugh, same.", "Same boat, sadly.",
                 "Exactly this. Glad it's not only me.", "So relatable"):  # fmt: skip
        assert classify(body, 0, POST) == "agreement", body


def test_an_upvoted_first_person_comment_on_the_same_problem_counts() -> None:
    body = "Our clients ignore every reminder too, chasing invoices eats my Mondays."
    assert classify(body, 5, POST) == "same_problem"
    assert classify(body, 1, POST) == "other"  # nobody upvoted it
    assert classify("Clients ignore invoices everywhere.", 5, POST) == "other"  # not theirs
    assert classify("Our bakery ovens keep breaking down.", 9, POST) == "other"  # another one


def test_suggestions_and_questions_are_not_agreement() -> None:
    assert classify("Have you tried FreshBooks for invoices? Our clients pay now.", 9, POST) == (
        "other"
    )
    assert classify("We use Stripe reminders for our invoices and clients pay.", 9, POST) == (
        "other"
    )
    assert classify("How many clients ignore the invoices?", 9, POST) == "other"


def test_deleted_and_removed_comments_are_gone() -> None:
    assert is_gone("[deleted]") and is_gone("[removed]") and is_gone("  ")
    assert not is_gone("Same here")


def test_each_doubling_of_agreement_adds_a_point_up_to_three_within_the_scale() -> None:
    assert [demand_bonus(n, 5) for n in (0, 1, 2, 3, 6, 7, 100)] == [0, 1, 1, 2, 2, 3, 3]
    assert demand_bonus(100, 9) == 1 and demand_bonus(5, 10) == 0
    assert total_bonus(2, DEFAULT_WEIGHTS) == 5.0  # 0.25 of the weight on market demand
