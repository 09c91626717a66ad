"""How comment evidence counts toward market demand: the one place that decides it.

`demand_bonus`: points added to the scorer's market_demand (0..10, capped at 10) for
the people who said, under the post, that they have the problem too:
    0 agreeing -> 0, 1 -> +1, 3 -> +2, 7 or more -> +3   (floor(log2(1 + agreeing)), at most 3)
Each doubling of agreement adds a point: the first "me too" says most, the hundredth
little more. `total_bonus` is what those points add to the weighted total, by the
configured weights (with the default 0.25 on market demand, 2.5 per point). Reports,
exports and themes show market_demand and total with the bonus added; the scorer's own
numbers stay in opportunity_scores.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

__all__ = ["MAX_BONUS", "demand_bonus", "total_bonus"]

MAX_BONUS = 3


def demand_bonus(agreeing: int, market_demand: int) -> int:
    """Market-demand points for `agreeing` people, within the 0..10 scale."""
    points = min(MAX_BONUS, int(math.log2(1 + max(0, agreeing))))
    return max(0, min(points, 10 - market_demand))


def total_bonus(bonus: int, weights: Mapping[str, float]) -> float:
    """What `bonus` market-demand points add to the 0..100 total."""
    weight_sum = sum(weights.values())
    if weight_sum <= 0:
        return 0.0
    return round(bonus * weights["market_demand"] / weight_sum * 10.0, 1)
