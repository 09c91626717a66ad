"""The Python API's pure parts: to_frame, and arguments checked before any connection."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

import pandas as pd
import pytest

import harbor
from harbor.errors import ConfigError
from harbor.results.records import Opportunity
from harbor.settings import Settings

MakeOpportunity = Callable[..., Opportunity]
# a database nobody can reach: every check below must fail before connecting
UNREACHABLE = Settings.from_env({"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"})


def test_to_frame_has_a_row_per_record_and_a_column_per_field(
    make_opportunity: MakeOpportunity,
) -> None:
    records = [make_opportunity(rank=1), make_opportunity(rank=2, post_id="z9", total=55.0)]
    frame = harbor.to_frame(records)
    assert list(frame.columns) == [f.name for f in fields(Opportunity)]
    assert len(frame) == 2
    assert frame["total"].tolist() == [72.5, 55.0]
    assert frame["post_id"].tolist() == ["1abc23", "z9"]
    assert pd.api.types.is_datetime64_any_dtype(frame["created_utc"])
    assert str(frame["created_utc"].dt.tz) == "UTC"


def test_to_frame_of_nothing_still_has_the_columns() -> None:
    frame = harbor.to_frame([])
    assert frame.empty and list(frame.columns) == Opportunity.field_names()


def test_to_frame_refuses_mixed_or_foreign_records(make_opportunity: MakeOpportunity) -> None:
    with pytest.raises(TypeError, match="one kind only"):
        harbor.to_frame([make_opportunity(), {"a": 1}])
    with pytest.raises(TypeError, match="not one of harbor's records"):
        harbor.to_frame([{"a": 1}])


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ({"top": 0}, "top: 0 is not between 1 and 10000"),
        ({"offset": -1}, "offset: -1 is negative"),
        ({"since": "soon"}, "since: 'soon' is not a duration"),
        ({"subreddit": "no spaces"}, "subreddit: 'no spaces' is not a valid subreddit name"),
        ({"category": "spam"}, "category: 'spam' is not a category"),
        ({"min_total": 200}, "min_total: 200 is not between 0 and 100"),
    ],
)
def test_bad_arguments_are_named_before_anything_is_read(
    arguments: dict[str, object], named: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        harbor.opportunities(settings=UNREACHABLE, **arguments)  # type: ignore[arg-type]
    assert str(caught.value).startswith(named)
