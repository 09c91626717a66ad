"""The filters a page's URL asks for: parsed, checked, kept for the form and the pager."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from harbor.errors import ConfigError
from harbor.web.query import MAX_PER_PAGE, PER_PAGE, OpportunityQuery


def test_no_parameters_is_the_whole_ranking_first_page() -> None:
    query = OpportunityQuery.parse({})
    assert (query.page, query.per_page, query.offset, query.raw) == (1, PER_PAGE, 0, {})
    assert query.filters.since is None and query.filters.subreddit is None
    assert not query.filters.include_other


def test_every_filter_is_parsed_and_kept_as_typed() -> None:
    query = OpportunityQuery.parse(
        {"subreddit": "SaaS", "category": "pain", "min_total": "55", "since": "7d", "page": "3",
         "unknown": "ignored"}
    )  # fmt: skip
    f = query.filters
    assert (f.subreddit, f.category, f.min_total, f.since) == ("SaaS", "pain", 55.0,
                                                                timedelta(days=7))  # fmt: skip
    assert query.offset == 2 * PER_PAGE
    assert query.raw == {"subreddit": "SaaS", "category": "pain", "min_total": "55", "since": "7d"}
    assert query.params(page=4) == {**query.raw, "page": 4}


def test_empty_fields_of_a_submitted_form_mean_no_filter() -> None:
    query = OpportunityQuery.parse({"subreddit": "", "category": "", "min_total": " ", "since": ""})
    assert query.raw == {}
    assert query.filters.min_total is None


def test_asking_for_the_category_other_shows_those_posts() -> None:
    assert OpportunityQuery.parse({"category": "other"}).filters.include_other
    assert OpportunityQuery.parse({"all": "1"}).filters.include_other


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"min_total": "abc"}, "min_total: 'abc' is not a number"),
        ({"min_total": "101"}, "min_total: '101' is not between 0 and 100"),
        ({"min_total": "nan"}, "min_total"),
        ({"since": "yesterday"}, "since: 'yesterday' is not a duration"),
        ({"category": "spam"}, "category: 'spam' is not a category"),
        ({"subreddit": "<script>"}, "subreddit: '<script>' is not a valid subreddit name"),
        ({"page": "0"}, "page: 0 is not between 1 and 1000"),
        ({"page": "two"}, "page: 'two' is not a whole number"),
    ],
)
def test_a_bad_value_is_refused_with_its_name(params: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(named)):
        OpportunityQuery.parse(params)


def test_the_page_size_is_chosen_only_where_allowed() -> None:
    assert OpportunityQuery.parse({"per_page": "5"}).per_page == PER_PAGE
    api = OpportunityQuery.parse({"per_page": "5"}, per_page_allowed=True)
    assert api.per_page == 5 and api.params(page=2)["per_page"] == 5
    with pytest.raises(ConfigError, match="per_page"):
        OpportunityQuery.parse({"per_page": str(MAX_PER_PAGE + 1)}, per_page_allowed=True)


def test_a_group_is_a_filter_like_the_others() -> None:
    query = OpportunityQuery.parse({"group": "saas-founders", "page": "2"})
    assert query.filters.group == "saas-founders" and query.raw == {"group": "saas-founders"}
    assert query.params(page=3)["group"] == "saas-founders"
    with pytest.raises(ConfigError, match="group: 'no spaces' is not a valid group name"):
        OpportunityQuery.parse({"group": "no spaces"})
