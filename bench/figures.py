"""What a benchmark module returns: named figures, each with its unit and its target."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measured number; `target` is a human-readable goal, `ok` whether it was met."""

    area: str
    name: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None

    def formatted(self) -> str:
        if self.unit in ("calls", "posts", "requests", "tokens", "rows"):
            return f"{self.value:,.0f}"
        if abs(self.value) >= 100:
            return f"{self.value:,.0f}"
        return f"{self.value:.2f}"
