"""The problem-first filter: keeps posts where someone describes a pain or asks for a fix.

A post is scored with the weighted phrases of a lexicon (see `harbor.collect.lexicon` for
the file format): every pattern that matches the title counts `title_weight` times its
weight, one that matches only the body counts its weight once, each pattern at most once;
exclusions (tutorials, success stories, promotion, jokes...) have negative weights; a
question in the title adds a little. The post is kept when the score reaches the
threshold. A negation just before a match ("not frustrated at all") cancels it for the
groups the lexicon names in `negate`.

Matching runs over word tokens: every token is looked up once in an index of the
patterns' first words (memoised per filter), and only those candidates are checked
further, so the cost grows with the length of the post, not with the size of the lexicon.
The selftext is read up to `body_chars` characters; "[deleted]" and "[removed]" bodies
are ignored, so such a post is decided on its title alone.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from harbor.collect.lexicon import (
    BOUNDARIES,
    MAX_GAP,
    Entry,
    Gap,
    Lexicon,
    Word,
    builtin_lexicon,
    read_lexicon,
    tokenize,
)

__all__ = ["FilterDecision", "ProblemFilter", "default_filter", "load_filter"]

log = logging.getLogger(__name__)

TITLE_CHARS = 1_000
NEGATION_WINDOW = 3
NEGATORS = frozenset(
    {
        "not", "never", "no", "dont", "didnt", "doesnt", "isnt", "wasnt", "arent",
        "werent", "wont", "without", "hardly", "nor", "aint", "havent", "hasnt",
    }
)  # fmt: skip
_PLACEHOLDER_BODIES = frozenset({"[deleted]", "[removed]", "[deleted by user]"})
_MEMO_LIMIT = 200_000


@dataclass(frozen=True)
class FilterDecision:
    """Why a post was kept or dropped: its score and the labels of what matched."""

    kept: bool
    score: float
    matched: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    groups: frozenset[str] = frozenset()  # the lexicon groups of every pattern that matched


# a compiled element: (exact words, prefixes), or None for a gap of 0..MAX_GAP words
_Element = tuple[frozenset[str], tuple[str, ...]] | None
# a candidate: (entry index, elements still to match, anchored, negatable)
_Candidate = tuple[int, tuple[_Element, ...], bool, bool]
# what one token starts: candidates checked from the next token on, and a table of
# candidates keyed by the next token
_Lookup = tuple[tuple[_Candidate, ...], dict[str, list[_Candidate]] | None]
_NOTHING: _Lookup = ((), None)


def _element(element: Word | Gap) -> _Element:
    return None if isinstance(element, Gap) else (element.exact, element.prefixes)


def _matches_rest(tokens: Sequence[str], pos: int, rest: tuple[_Element, ...]) -> bool:
    """Whether `rest` matches tokens from `pos` on (gaps never cross a sentence mark)."""
    for k, element in enumerate(rest):
        if element is None:
            for skip in range(MAX_GAP + 1):
                if _matches_rest(tokens, pos + skip, rest[k + 1 :]):
                    return True
                if pos + skip >= len(tokens) or tokens[pos + skip] in BOUNDARIES:
                    return False
            return False
        if pos >= len(tokens):
            return False
        token = tokens[pos]
        exact, prefixes = element
        if token not in exact and not (prefixes and token.startswith(prefixes)):
            return False
        pos += 1
    return True


def _negated(tokens: Sequence[str], pos: int) -> bool:
    for back in range(pos - 1, max(pos - 1 - NEGATION_WINDOW, -1), -1):
        token = tokens[back]
        if token in BOUNDARIES:
            return False
        if token in NEGATORS:
            return True
    return False


class ProblemFilter:
    """A compiled lexicon: call `match(title, selftext)` for each post."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # patterns are indexed on their first word and, when it is a plain word, their
        # second: common first words ("i", "is", "what") then cost one dict lookup
        self._pairs: dict[str, dict[str, list[_Candidate]]] = {}
        self._firsts: dict[str, list[_Candidate]] = {}
        self._prefixed: list[tuple[str, _Candidate]] = []
        # every token seen so far -> what it starts (bounded: cleared when it grows too big)
        self._memo: dict[str, _Lookup] = {}
        self._labels = [e.label for e in lexicon.entries]
        self._groups = [e.group for e in lexicon.entries]
        for index, entry in enumerate(lexicon.entries):
            negatable = entry.group in lexicon.negate
            for variant in entry.variants:
                first, *others = variant.elements
                assert isinstance(first, Word)  # compile_phrase guarantees it
                second = others[0] if others else None
                by_pair = isinstance(second, Word) and not second.prefixes and not first.prefixes
                rest = tuple(_element(e) for e in (others[1:] if by_pair else others))
                candidate = (index, rest, variant.anchored, negatable)
                if by_pair:
                    assert isinstance(second, Word)
                    for word in first.exact:
                        table = self._pairs.setdefault(word, {})
                        for follower in second.exact:
                            table.setdefault(follower, []).append(candidate)
                    continue
                for word in first.exact:
                    self._firsts.setdefault(word, []).append(candidate)
                self._prefixed.extend((p, candidate) for p in first.prefixes)

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.lexicon.entries

    def labels(self) -> set[str]:
        """Every label `match` can report."""
        return {e.label for e in self.lexicon.entries}

    def _lookup(self, token: str) -> _Lookup:
        candidates = tuple(self._firsts.get(token, ())) + tuple(
            c for p, c in self._prefixed if token.startswith(p)
        )
        followers = self._pairs.get(token)
        found = (candidates, followers) if candidates or followers else _NOTHING
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[token] = found
        return found

    def _scan(self, tokens: Sequence[str]) -> set[int]:
        """Indexes of the entries that match somewhere in `tokens`."""
        found: set[int] = set()
        memo_get = self._memo.get
        last = len(tokens) - 1
        for pos, token in enumerate(tokens):
            hit = memo_get(token)
            if hit is _NOTHING:
                continue
            if hit is None:
                hit = self._lookup(token)
            candidates, followers = hit
            if candidates:
                self._check(tokens, pos, pos + 1, candidates, found)
            if followers is not None and pos < last:
                paired = followers.get(tokens[pos + 1])
                if paired:
                    self._check(tokens, pos, pos + 2, paired, found)
        return found

    @staticmethod
    def _check(
        tokens: Sequence[str],
        start: int,
        pos: int,
        candidates: Sequence[_Candidate],
        found: set[int],
    ) -> None:
        for entry, rest, anchored, negatable in candidates:
            if entry in found or (anchored and start != 0):
                continue
            if rest and not _matches_rest(tokens, pos, rest):
                continue
            if negatable and _negated(tokens, start):
                continue
            found.add(entry)

    def match(self, title: str, selftext: str) -> FilterDecision:
        """Score one post; never raises, whatever the text."""
        title = title if isinstance(title, str) else ""
        body = selftext if isinstance(selftext, str) else ""
        if body.strip().lower() in _PLACEHOLDER_BODIES:
            body = ""
        lex = self.lexicon
        title_tokens = tokenize(title[:TITLE_CHARS])
        body_tokens = tokenize(body[: lex.body_chars]) if body else []
        in_title = self._scan(title_tokens)
        in_body = self._scan(body_tokens)
        score = lex.title_question if "?" in title_tokens else 0.0
        matched: list[str] = []
        excluded: list[str] = []
        hits = in_title | in_body
        groups = frozenset(self._groups[i] for i in hits)
        for index in sorted(hits):
            weight = lex.entries[index].weight
            score += weight * (lex.title_weight if index in in_title else 1.0)
            labels = matched if weight > 0 else excluded
            label = self._labels[index]
            if label not in labels:
                labels.append(label)
        score = round(score, 3)
        return FilterDecision(score >= lex.threshold, score, matched, excluded, groups)

    def keep(self, title: str, selftext: str) -> bool:
        """Shorthand for `match(title, selftext).kept`."""
        return self.match(title, selftext).kept


@functools.lru_cache(maxsize=1)
def default_filter() -> ProblemFilter:
    """The filter built from the built-in lexicon, compiled once per process."""
    return ProblemFilter(builtin_lexicon())


@functools.lru_cache(maxsize=8)
def _file_filter(path: str, mtime_ns: int, size: int) -> ProblemFilter:
    lexicon = read_lexicon(Path(path))
    log.info("problem lexicon: %d patterns from %s", len(lexicon.entries), path)
    return ProblemFilter(lexicon)


def load_filter(path: Path | None) -> ProblemFilter:
    """The filter for HARBOR_KEYWORDS' file, or the built-in one when `path` is None.

    A file is compiled again only when it changes (size or modification time).
    """
    if path is None:
        return default_filter()
    try:
        stat = path.stat()
    except OSError:
        return ProblemFilter(read_lexicon(path))  # read_lexicon raises the ConfigError
    return _file_filter(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
