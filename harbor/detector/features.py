"""What the problem classifier reads of a post: three bags of hashed n-grams and signals.

- words: lower-cased word 1- and 2-grams of the title and the body together;
- title: word 1- to 3-grams of the title alone (how a title asks says a lot);
- chars: character 2- to 5-grams within words, over title and body (typos, inflections);
- signals: a few dozen named, explainable numbers: whether the title asks, whether the
  author speaks of themselves ("I", "my"), asks for help or describes something broken,
  addresses the crowd ("what's your favourite..."), tells a story without asking anything,
  is a link to an image, is a table of figures; and what the lexicon matched.

The n-grams are hashed (`HASH_BUCKETS` buckets), so a model holds weights per bucket and
never a vocabulary: no Reddit text ends up in a model file. Text is read up to
`TITLE_CHARS` / `BODY_CHARS`; "[deleted]"-style bodies count as empty. Apostrophes are
dropped before anything else (can't = cant, whichever apostrophe was typed), as the
lexicon does. FEATURES_VERSION changes whenever any of this changes meaning, so a model
trained on other features is refused instead of silently misread.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import HashingVectorizer

from harbor.collect.lexicon import strip_apostrophes, tokenize
from harbor.collect.problem_filter import FilterDecision, ProblemFilter

__all__ = [
    "BLOCKS",
    "BODY_CHARS",
    "FEATURES_VERSION",
    "HASH_BUCKETS",
    "PostText",
    "block_counts",
    "lexicon_decisions",
    "signal_matrix",
    "signal_names",
]

FEATURES_VERSION = 1
HASH_BUCKETS = 2**20
TITLE_CHARS = 1_000
BODY_CHARS = 3_000
BLOCKS = ("words", "title", "chars")

_PLACEHOLDER_BODIES = frozenset({"[deleted]", "[removed]", "[deleted by user]"})

FIRST_PERSON = frozenset({"i", "my", "me", "mine", "im", "ive", "id", "ill", "myself"})
WE = frozenset({"we", "our", "us", "ourselves", "weve"})
YOU = frozenset({"you", "your", "yours", "youre", "yall", "guys"})
HELP_WORDS = frozenset(
    """
    help anyone anybody someone somebody advice recommend recommendation recommendations
    suggestion suggestions tips need needs looking trying issue issues problem problems
    error errors fix stuck cant wont doesnt isnt broken bug crash crashes struggling
    frustrated hate why how question please thanks possible way work working works
    """.split()  # noqa: SIM905 - a word list reads better as one string
)
# the patterns below run on text with apostrophes dropped ("won't" reads "wont")
_REQUEST = re.compile(
    r"\b(help|recommend\w*|advice|advise|suggest\w*|tips?|how (do|can|should|would) i"
    r"|what (should|can|do) i|should i|is there (a|an|any)|any (way|ideas|tips|advice|suggestions)"
    r"|anyone (know|have|got|else)|does anyone|has anyone|looking for|need (a|an|some|help|to)"
    r"|can (someone|somebody|anyone|you)|could (someone|somebody|anyone|you)|please|thanks"
    r"|thank you|i need|i want|trying to|wondering if|how to|what do i|where (can|do|should) i"
    r"|am i|is it (possible|normal|safe|ok|okay|worth))\b",
    re.IGNORECASE,
)
_PROBLEM = re.compile(
    r"\b(problem|issue|error|bug|broken|crash\w*|fail\w*|stuck|wont|cant|cannot|doesnt|isnt"
    r"|not working|keeps|kept|lost|stolen|hate|annoy\w*|frustrat\w*|struggl\w*|worried|scared"
    r"|confused|sick|hurt\w*|pain|help)\b",
    re.IGNORECASE,
)
# a title that speaks to the crowd about them, not about the author's situation
_CROWD = re.compile(
    r"\b(of reddit|redditors|reddit,|people who|whats your|what is your|what are your"
    r"|your fav\w*|you guys|would you|if you could|what do you think|who else|what was your"
    r"|who is your|how would you|do you think|what are some|which is your|what makes you"
    r"|tell me about|have you ever|whats the best|what is the best|would you rather)\b",
    re.IGNORECASE,
)
# a poll of the crowd's tastes or experiences ("the weirdest thing you've ever...")
_POLL = re.compile(
    r"\b(favou?rite|fav|coolest|weirdest|strangest|craziest|funniest|scariest|creepiest"
    r"|dumbest|worst|most|overrated|underrated|youve ever|you ever|have you ever"
    r"|whats something|what is something|that one|if you could|would you rather"
    r"|hypothetically|your opinion|unpopular opinion|do you think|what do you think"
    r"|opinion on|thoughts on|who would win|what if)\b",
    re.IGNORECASE,
)
# a concrete need behind a question ("websites to sell...", "tips for beginners")
_NEED = re.compile(
    r"\b(recommend\w*|good (\w+ )?(for|to)|ideas for|tips for|advice for"
    r"|where (can|do|should) i|how (do|can|should) i|what should i|websites? (to|for|that)"
    r"|apps? (to|for|that)|places? to|sites? (to|for)|tools? (to|for|that)|for (a )?beginners?"
    r"|help me|i need|im looking|i am looking|looking for|any suggestions|suggestions for"
    r"|best way to|how to (get|fix|make|stop|find|keep|deal))\b",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"^(how|what|why|is|are|can|could|should|would|does|do|did|where|which|who|any|anyone"
    r"|has|have|help)\b",
    re.IGNORECASE,
)
_MEDIA = re.compile(
    r"(i\.redd\.it|imgur|v\.redd\.it|youtube|youtu\.be|gfycat|twitter|instagram"
    r"|\.jpg|\.jpeg|\.png|\.gif)",
    re.IGNORECASE,
)
_TABLE_SYMBOLS = re.compile(r"[|*#\-:=_>\[\]()]")
_DIGITS = re.compile(r"\d")


@dataclass(frozen=True)
class PostText:
    """The text of one post as the classifier reads it (already cut and cleaned)."""

    title: str
    body: str
    is_self: bool = True
    url: str = ""

    @classmethod
    def of(cls, title: Any, selftext: Any, is_self: Any = None, url: Any = None) -> PostText:
        """Clean Reddit's values: non-strings become empty, placeholders empty, cut to size.

        `is_self` unknown (None) counts as a text post when there is a body.
        """
        clean_title = title if isinstance(title, str) else ""
        body = selftext if isinstance(selftext, str) else ""
        if body.strip().lower() in _PLACEHOLDER_BODIES:
            body = ""
        selfpost = bool(is_self) if isinstance(is_self, bool) else bool(body) or not url
        return cls(
            strip_apostrophes(clean_title[:TITLE_CHARS]),
            strip_apostrophes(body[:BODY_CHARS]),
            selfpost,
            url if isinstance(url, str) else "",
        )

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> PostText:
        """From a submissions row or a labelled record (title, selftext, is_self, url)."""
        return cls.of(row.get("title"), row.get("selftext"), row.get("is_self"), row.get("url"))


def _ngrams(tokens: Sequence[str], most: int) -> list[str]:
    grams = list(tokens)
    for n in range(2, most + 1):
        grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return grams


def _words(post: PostText) -> list[str]:
    return _ngrams([*tokenize(post.title), "\n", *tokenize(post.body)], 2)


def _title(post: PostText) -> list[str]:
    return _ngrams(tokenize(post.title), 3)


def _hasher(analyzer: Any, **kwargs: Any) -> HashingVectorizer:
    return HashingVectorizer(
        n_features=HASH_BUCKETS, alternate_sign=False, norm=None, analyzer=analyzer, **kwargs
    )


_HASHERS = {
    "words": _hasher(_words),
    "title": _hasher(_title),
    "chars": _hasher("char_wb", ngram_range=(2, 5), lowercase=True),
}


def block_counts(block: str, posts: Sequence[PostText]) -> csr_matrix:
    """Raw n-gram counts of `block` for each post, one row per post (hashed columns)."""
    if block == "chars":
        documents: Sequence[Any] = [f"{p.title} \n {p.body}" for p in posts]
    else:
        documents = posts
    counts = _HASHERS[block].transform(documents)
    return csr_matrix(counts, dtype=np.float64)


# the signals of one post, by name; the order is the column order of signal_matrix
_SIGNAL_NAMES = (
    "title_question",
    "title_opens_with_question_word",
    "body_questions",
    "has_body",
    "body_words_log",
    "title_words_log",
    "is_self",
    "links_to_media",
    "first_person_in_title",
    "first_person_rate_in_body",
    "first_person_in_body",
    "we_in_title",
    "you_in_title",
    "help_words_in_title",
    "help_words_rate_in_body",
    "asks_anything",
    "requests_anything",
    "describes_a_problem",
    "first_person_asks",
    "first_person_requests",
    "first_person_problem",
    "story_without_a_question",
    "bare_question_to_the_crowd",
    "addresses_the_crowd",
    "asks_without_first_person",
    "title_first_person_problem",
    "body_ends_with_question",
    "table_symbol_rate",
    "digit_rate",
    "non_ascii_rate",
    "poll_in_title",
    "need_in_title",
    "need_in_body",
    "poll_without_a_need",
    "lexicon_score",
    "lexicon_kept",
    "lexicon_matches",
    "lexicon_exclusions",
)


def signal_names(lexicon_groups: Sequence[str]) -> list[str]:
    """Every signal's name, the lexicon's groups last (`lexicon_group_<name>`)."""
    return [*_SIGNAL_NAMES, *(f"lexicon_group_{g}" for g in lexicon_groups)]


def _signals(post: PostText, decision: FilterDecision, groups: Sequence[str]) -> list[float]:
    title, body = post.title, post.body
    title_tokens, body_tokens = tokenize(title), tokenize(body)
    body_words = len(body_tokens)
    asks_title, asks_body = "?" in title, "?" in body
    requests = bool(_REQUEST.search(title) or _REQUEST.search(body))
    problem = bool(_PROBLEM.search(title) or _PROBLEM.search(body))
    me_title = sum(t in FIRST_PERSON for t in title_tokens)
    me_body_rate = sum(t in FIRST_PERSON for t in body_tokens) / (body_words + 5)
    me = me_title > 0 or me_body_rate > 0.01
    asks = asks_title or asks_body
    poll = bool(_POLL.search(title))
    need_title, need_body = bool(_NEED.search(title)), bool(_NEED.search(body))
    values = [
        float(asks_title),
        float(bool(_QUESTION_START.match(title.strip()))),
        float(min(3, body.count("?"))),
        float(body_words > 0),
        math.log1p(body_words),
        math.log1p(len(title_tokens)),
        float(post.is_self),
        float(bool(_MEDIA.search(post.url)) and not post.is_self),
        float(min(3, me_title)),
        me_body_rate,
        float(me_body_rate > 0),
        float(any(t in WE for t in title_tokens)),
        float(min(2, sum(t in YOU for t in title_tokens))),
        float(min(3, sum(t in HELP_WORDS for t in title_tokens))),
        sum(t in HELP_WORDS for t in body_tokens) / (body_words + 5),
        float(asks),
        float(requests),
        float(problem),
        float(me and asks),
        float(me and requests),
        float(me and problem),
        float(me_body_rate > 0.03 and body_words > 60 and not asks and not requests),
        float(asks_title and me_title == 0 and body_words == 0),
        float(bool(_CROWD.search(title)) and me_title == 0),
        float(asks and not me),
        float(me_title > 0 and bool(_PROBLEM.search(title))),
        float(body.rstrip().endswith("?")),
        len(_TABLE_SYMBOLS.findall(body)) / (len(body) + 20),
        len(_DIGITS.findall(body)) / (len(body) + 20),
        _non_ascii(title + body) / (len(title) + len(body) + 10),
        float(poll),
        float(need_title),
        float(need_body),
        float(poll and not need_title and not need_body),
        max(-5.0, min(10.0, decision.score)),
        float(decision.kept),
        float(len(decision.matched)),
        float(len(decision.excluded)),
    ]
    values += [float(g in decision.groups) for g in groups]
    return values


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def lexicon_decisions(posts: Sequence[PostText], lexicon: ProblemFilter) -> list[FilterDecision]:
    """The lexicon's decision on each post (a signal, and the explanation when the lexicon
    in effect is the one the model was trained with: computed once for both)."""
    return [lexicon.match(post.title, post.body) for post in posts]


def signal_matrix(
    posts: Sequence[PostText],
    lexicon: ProblemFilter,
    decisions: Sequence[FilterDecision] | None = None,
) -> np.ndarray:
    """The signals of each post, one row per post, columns as `signal_names` says."""
    groups = lexicon.lexicon.groups
    if decisions is None:
        decisions = lexicon_decisions(posts, lexicon)
    width = len(_SIGNAL_NAMES) + len(groups)
    matrix = np.zeros((len(posts), width), dtype=np.float64)
    for i, (post, decision) in enumerate(zip(posts, decisions, strict=True)):
        matrix[i] = _signals(post, decision, groups)
    return matrix
