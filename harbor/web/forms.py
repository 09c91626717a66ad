"""Form fields the pages share (a GET form: filtering is reading)."""

from __future__ import annotations

from collections.abc import Sequence

from harbor.web.html import Html, join, render

__all__ = ["select"]


def select(name: str, label: str, chosen: str, choices: Sequence[tuple[str, str]]) -> Html:
    """A labelled <select>; a value typed in the URL that is not a choice is shown too."""
    values = {value for value, _ in choices}
    if chosen and chosen not in values:  # a value typed in the URL is shown as asked
        choices = (*choices, (chosen, chosen))
    options = join(
        render('<option value="{v}"{sel}>{text}</option>', v=value, text=text,
               sel=Html(" selected") if value == chosen else Html(""))
        for value, text in choices
    )  # fmt: skip
    return render(
        '<label>{label}<select name="{name}">{options}</select></label>',
        label=label,
        name=name,
        options=options,
    )
