"""The words a theme is made of: content words of a title and a body, stop words dropped."""

from __future__ import annotations

import re
import unicodedata

from harbor.duplicates.fingerprint import body_of

__all__ = ["STOP_WORDS", "PostWords", "post_words", "words"]

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")

# function words and the filler of any Reddit post; what is left says what the post is about
_STOP = """
    a about above after again against all almost also although always am among an and another
    any anybody anyone anything anyway anywhere are aren't around as at away back be became
    because become been before being below beside besides between beyond both but by can
    can't cannot could couldn't did didn't do does doesn't doing don't done down during each
    either else elsewhere enough etc even ever every everybody everyone everything everywhere
    few for from further get gets getting go goes going gone got had hadn't has hasn't have
    haven't having he her here hers herself him himself his how however i i'd i'll i'm i've
    if in into is isn't it it's its itself just least less let let's like likely lot lots
    made make makes many may maybe me might mine more most mostly much must my myself near
    need needs neither never nevertheless next no nobody none nor not nothing now nowhere of
    off often on once one only onto or other others otherwise our ours ourselves out over own
    per perhaps please quite rather really same see seem seemed seems several shall she
    should shouldn't since so some somebody someone something sometime sometimes somewhere
    still such than that that's the their theirs them themselves then there there's these
    they they'd they'll they're they've thing things this those though through thus to too
    toward towards under until up upon us very via was wasn't we we'd we'll we're we've
    well were weren't what what's whatever when whenever where whereas whether which while
    who who's whoever whole whom whose why will with within without won't would wouldn't yes
    yet you you'd you'll you're you've your yours yourself yourselves hi hey hello thanks
    thank tia cheers edit update lol ok okay yeah guys anyone's im ive dont cant doesnt
"""
STOP_WORDS = frozenset(_STOP.split())


def words(text: str) -> list[str]:
    """Content words of `text`, lower-cased, in order (links and stop words dropped)."""
    clean = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    found = _WORD.findall(_URL.sub(" ", clean))
    return [w.removesuffix("'s") for w in found if len(w) > 2 and w not in STOP_WORDS]


class PostWords:
    """The content words of a post's title and of its body (none when removed or deleted)."""

    __slots__ = ("body", "title")

    def __init__(self, title: list[str], body: list[str]) -> None:
        self.title = title
        self.body = body

    @property
    def terms(self) -> set[str]:
        """Each distinct word once (what document frequencies count)."""
        return set(self.title) | set(self.body)

    @property
    def empty(self) -> bool:
        return not self.title and not self.body


def post_words(title: str | None, selftext: str | None) -> PostWords:
    """The words of a post; a "[removed]" or "[deleted]" body has none."""
    return PostWords(words(title or ""), words(body_of(selftext)))
