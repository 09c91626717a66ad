"""The problem lexicon: its file format, its parser and its printer.

The built-in lexicon (`harbor/collect/lexicon.txt`) and any file named in HARBOR_KEYWORDS
use one plain-text format, so a user can run `harbor keywords > my.txt`, edit the copy and
point HARBOR_KEYWORDS at it.

    # a comment (whole lines only)
    threshold = 3            a post is kept when its score reaches this
    title_weight = 1.5       a match in the title counts this many times its weight
    title_question = 0.5     added when the title asks a question (contains "?")
    body_chars = 20000       only the first N characters of the selftext are read
    negate = feeling, pain   groups whose matches a negation just before cancels
                             ("not frustrated at all", "never struggled with")

    WEIGHT  GROUP  PHRASE    one pattern per line, fields separated by spaces or tabs

WEIGHT is a number; a negative weight makes the pattern an exclusion (tutorials, success
stories, promotion...). GROUP is a name of letters, digits and underscores. PHRASE is
matched case-insensitively on whole words; apostrophes are ignored (can't = cant) and
punctuation other than . ? ! ; : is ignored. In a phrase:

    word*        a word that starts with "word": frustrat* matches frustrated, frustrating
    *            any 0 to 3 words in between, within one sentence: waste * hours
    {a|b|c}      one of the alternatives; an alternative may be several words or empty
                 ({so|} tired of = "so tired of" or "tired of")
    ^            at the very start: the phrase must open the title or the body (^update)
    $* 1*        prefixes work on amounts too: "hit $*" matches "hit $10k"
    ? !          match those punctuation marks: "ideas ?"

A phrase may start with a [label]: the short name `matched_keywords` records when the
pattern matches ("[stressed] {exhausted|overwhelmed|burned out}"); without one, the label
is the phrase with each {a|b|c} replaced by its first alternative ("is there a tool").
A line that cannot be read raises ConfigError naming the file, the line and the problem.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from harbor.errors import ConfigError

__all__ = [
    "BOUNDARIES",
    "BUILTIN_SOURCE",
    "FORMAT_HELP",
    "MAX_GAP",
    "Entry",
    "Gap",
    "Lexicon",
    "Variant",
    "Word",
    "builtin_lexicon",
    "compile_phrase",
    "parse_lexicon",
    "read_lexicon",
    "render_lexicon",
    "strip_apostrophes",
    "tokenize",
]

BUILTIN_SOURCE = "built-in"
MAX_GAP = 3
MAX_VARIANTS = 256

# the same tokenizer reads posts and phrases, so both sides agree on what a word is
_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018`\u00b4")
_TOKEN_RE = re.compile(r"[\w$]+(?:[,.](?=\d)\w+)*|[.!?;:\n]")
BOUNDARIES = frozenset({".", "!", "?", ";", ":", "\n"})
_PIECE_RE = re.compile(r"\{[^{}]*\}|[^\s{}]+|[{}]")
_GROUP_RE = re.compile(r"^[A-Za-z0-9_]{1,40}$")
_PREFIX_RE = re.compile(r"^\$?\w*$")
_SETTING_RE = re.compile(r"^([a-z_]+)\s*=\s*(.*)$")
_LABEL_RE = re.compile(r"^\[([^\[\]]{0,40})\]\s*(.*)$")

FORMAT_HELP = (
    "format: one pattern per line: WEIGHT GROUP PHRASE (spaces or tabs between fields)",
    "  WEIGHT  a number; negative = exclusion (tutorials, success stories, promotion)",
    "  GROUP   letters, digits, underscores",
    "  PHRASE  [label] (optional: the name stored in matched_keywords) then whole words,",
    "          any case, apostrophes ignored (can't = cant);",
    "          word* = a word starting with 'word'; * alone = 0 to 3 words in between;",
    "          {a|b|c} = one of these (may be several words, or empty for optional);",
    "          a leading ^ = the phrase must open the title or the body;",
    "          ? and ! match themselves",
    "settings: threshold = N (keep a post when its score reaches N);",
    "          title_weight = N (title matches count N times); title_question = N (title",
    "          asks a question); body_chars = N (read the first N chars of the selftext);",
    "          negate = g1, g2 (a 'not/never/no/don't' up to 3 words before cancels a match",
    "          in these groups)",
    "lines starting with # are comments; matched_keywords records each matching pattern's",
    "[label], or else its phrase with every {a|b|c} reduced to its first alternative",
)


def strip_apostrophes(text: str) -> str:
    """`text` without apostrophes of any kind (can't, can’t and cant read the same)."""
    return text.translate(_APOSTROPHES)


def tokenize(text: str) -> list[str]:
    """Lower-case words, amounts and sentence marks of `text`, apostrophes dropped."""
    return _TOKEN_RE.findall(text.lower().translate(_APOSTROPHES))


@dataclass(frozen=True)
class Word:
    """One position of a phrase: any of the exact words, or a word with one of the prefixes."""

    exact: frozenset[str]
    prefixes: tuple[str, ...] = ()

    def accepts(self, token: str) -> bool:
        return token in self.exact or any(token.startswith(p) for p in self.prefixes)


@dataclass(frozen=True)
class Gap:
    """Any 0..MAX_GAP words, none of them a sentence boundary."""

    most: int = MAX_GAP


Element = Word | Gap


@dataclass(frozen=True)
class Variant:
    """One concrete shape of a phrase after its optional and multi-word parts are expanded."""

    elements: tuple[Element, ...]
    anchored: bool


@dataclass(frozen=True)
class Entry:
    """One line of the lexicon: a weighted, grouped phrase."""

    weight: float
    group: str
    phrase: str
    variants: tuple[Variant, ...] = field(compare=False, repr=False)
    line: int = field(default=0, compare=False)
    given_label: str = ""

    @property
    def label(self) -> str:
        """The short, stable name recorded in `matched_keywords`: the [label] written
        before the phrase, else the phrase with each {a|b|c} replaced by its first
        alternative ("is there a tool")."""
        return self.given_label or _label(self.phrase)


@dataclass(frozen=True)
class Lexicon:
    """A parsed lexicon: its patterns and the settings of the scoring."""

    entries: tuple[Entry, ...]
    threshold: float = 3.0
    title_weight: float = 1.5
    title_question: float = 0.5
    body_chars: int = 20_000
    negate: frozenset[str] = frozenset()
    source: str = field(default=BUILTIN_SOURCE, compare=False)

    @property
    def groups(self) -> list[str]:
        """Group names in order of first appearance."""
        return list(dict.fromkeys(e.group for e in self.entries))


def _word(text: str) -> list[Word]:
    """The Word elements of one piece of a phrase (a piece may hold several words: no-show)."""
    raw = text.lower().translate(_APOSTROPHES)
    if raw.endswith("*") and len(raw) > 1:
        stem = raw[:-1]
        if not _PREFIX_RE.match(stem) or not stem:
            raise ValueError(f"{text!r}: a prefix before * must be a single word")
        return [Word(frozenset(), (stem,))]
    tokens = _TOKEN_RE.findall(raw)
    if not tokens:
        raise ValueError(f"{text!r} has nothing to match (no letters, digits, ? or !)")
    return [Word(frozenset({t})) for t in tokens]


def _options(piece: str) -> list[tuple[Element, ...]]:
    """Every way one piece of a phrase can be spelled, as element sequences."""
    if piece == "*":
        return [(Gap(),)]
    if not piece.startswith("{"):
        return [tuple(_word(piece))]
    if not piece.endswith("}"):
        raise ValueError(f"unbalanced braces in {piece!r}")
    singles: list[Word] = []
    others: list[tuple[Element, ...]] = []
    for alt in piece[1:-1].split("|"):
        words = alt.split()
        if not words:
            others.append(())
            continue
        if "*" in words and len(words) == 1:
            raise ValueError(f"{piece!r}: a gap * cannot be an alternative on its own")
        seq: list[Element] = []
        for w in words:
            seq.extend([Gap()] if w == "*" else _word(w))
        if len(seq) == 1 and isinstance(seq[0], Word):
            singles.append(seq[0])
        else:
            others.append(tuple(seq))
    options = list(others)
    if singles:
        merged = Word(
            frozenset().union(*(w.exact for w in singles)),
            tuple(dict.fromkeys(p for w in singles for p in w.prefixes)),
        )
        options.insert(0, (merged,))
    return options


def compile_phrase(phrase: str) -> tuple[Variant, ...]:
    """Expand a phrase into its variants; raise ValueError with a readable reason."""
    text = phrase.strip()
    anchored = text.startswith("^")
    if anchored:
        text = text[1:].strip()
    if "^" in text:
        raise ValueError("^ is only allowed once, at the very start of a phrase")
    pieces = _PIECE_RE.findall(text)
    if not pieces:
        raise ValueError("empty phrase")
    if any(p in ("{", "}") for p in pieces):
        raise ValueError("unbalanced braces")
    slots = [_options(p) for p in pieces]
    if math.prod(len(s) for s in slots) > MAX_VARIANTS:
        raise ValueError(f"too many combinations of alternatives (more than {MAX_VARIANTS})")
    variants: list[Variant] = []
    for combo in itertools.product(*slots):
        elements: list[Element] = []
        for part in combo:
            for e in part:
                if isinstance(e, Gap) and elements and isinstance(elements[-1], Gap):
                    continue  # two gaps in a row are one gap
                elements.append(e)
        if not elements:
            continue
        if isinstance(elements[0], Gap) or isinstance(elements[-1], Gap):
            raise ValueError("a phrase cannot start or end with the gap *")
        variant = Variant(tuple(elements), anchored)
        if variant not in variants:
            variants.append(variant)
    if not variants:
        raise ValueError("every alternative is empty: nothing to match")
    return tuple(variants)


def _label(phrase: str) -> str:
    words: list[str] = []
    for piece in _PIECE_RE.findall(phrase.lstrip("^ ")):
        if piece.startswith("{") and piece.endswith("}"):
            alternatives = [a.strip() for a in piece[1:-1].split("|") if a.strip()]
            piece = alternatives[0] if alternatives else ""
        if piece:
            words.append(piece)
    return " ".join(words)


def _number(name: str, raw: str, minimum: float) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {raw!r}") from None
    if not math.isfinite(value) or value < minimum:
        raise ValueError(f"{name} must be a finite number >= {minimum}, not {raw!r}")
    return value


def parse_lexicon(text: str, source: str) -> Lexicon:
    """Parse lexicon text; `source` names the file in errors and in `harbor keywords`."""
    entries: list[Entry] = []
    settings: dict[str, object] = {}
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            setting = _SETTING_RE.match(line)
            if setting:
                _apply_setting(settings, setting.group(1), setting.group(2).strip())
                continue
            parts = line.split(None, 2)
            if len(parts) < 3:
                raise ValueError(
                    "expected 'WEIGHT GROUP PHRASE' or 'name = value', got " + repr(line[:80])
                )
            weight_raw, group, phrase = parts
            try:
                weight = float(weight_raw)
            except ValueError:
                raise ValueError(f"weight {weight_raw!r} is not a number") from None
            if not math.isfinite(weight) or weight == 0:
                raise ValueError(f"weight {weight_raw!r} must be a non-zero finite number")
            if not _GROUP_RE.match(group):
                raise ValueError(f"group {group!r} must be letters, digits or underscores")
            label = ""
            labelled = _LABEL_RE.match(phrase)
            if phrase.startswith("[") and not labelled:
                raise ValueError("a [label] needs its closing ] and at most 40 characters")
            if labelled:
                label, phrase = " ".join(labelled.group(1).split()), labelled.group(2)
                if not label:
                    raise ValueError("empty [label]")
            phrase = " ".join(phrase.split())
            variants = compile_phrase(phrase)
            entries.append(Entry(weight, group, phrase, variants, number, label))
        except ValueError as exc:
            raise ConfigError(f"{source}, line {number}: {exc}") from None
    if not any(e.weight > 0 for e in entries):
        raise ConfigError(f"{source}: no pattern with a positive weight: nothing would be kept")
    groups = {e.group for e in entries}
    negate = settings.get("negate", frozenset())
    assert isinstance(negate, frozenset)
    unknown = sorted(negate - groups)
    if unknown:
        raise ConfigError(f"{source}: negate names groups that have no pattern: {unknown}")
    return Lexicon(entries=tuple(entries), source=source, **settings)  # type: ignore[arg-type]


def _apply_setting(settings: dict[str, object], name: str, raw: str) -> None:
    if name in settings:
        raise ValueError(f"{name} is set twice")
    if name == "threshold":
        settings[name] = _number(name, raw, 0.0)
        if settings[name] == 0:
            raise ValueError("threshold must be above 0")
    elif name in ("title_weight", "title_question"):
        settings[name] = _number(name, raw, 0.0)
    elif name == "body_chars":
        value = _number(name, raw, 1.0)
        if value != int(value):
            raise ValueError(f"body_chars must be a whole number, not {raw!r}")
        settings[name] = int(value)
    elif name == "negate":
        names = [n.strip() for n in raw.split(",") if n.strip()]
        bad = [n for n in names if not _GROUP_RE.match(n)]
        if bad:
            raise ValueError(f"negate: {bad[0]!r} is not a group name")
        settings[name] = frozenset(names)
    else:
        raise ValueError(
            f"unknown setting {name!r} (known: threshold, title_weight, title_question, "
            "body_chars, negate)"
        )


def read_lexicon(path: Path) -> Lexicon:
    """Read and parse a lexicon file; ConfigError names the file when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"HARBOR_KEYWORDS: cannot read {str(path)!r}: {exc}") from None
    return parse_lexicon(text, str(path))


def builtin_lexicon() -> Lexicon:
    """The lexicon shipped with RedditHarbor."""
    text = resources.files("harbor.collect").joinpath("lexicon.txt").read_text("utf-8")
    return parse_lexicon(text, BUILTIN_SOURCE)


def _fmt(value: float) -> str:
    return f"{value:g}"


def render_lexicon(lexicon: Lexicon) -> str:
    """The lexicon in its own file format, grouped, with a header saying where it came from."""
    origin = (
        "built-in (harbor/collect/lexicon.txt)"
        if lexicon.source == BUILTIN_SOURCE
        else f"{lexicon.source} (HARBOR_KEYWORDS)"
    )
    lines = ["# RedditHarbor problem lexicon", f"# in effect: {origin}", "#"]
    lines += [f"# {h}" for h in FORMAT_HELP]
    lines += [
        "",
        f"threshold = {_fmt(lexicon.threshold)}",
        f"title_weight = {_fmt(lexicon.title_weight)}",
        f"title_question = {_fmt(lexicon.title_question)}",
        f"body_chars = {lexicon.body_chars}",
    ]
    if lexicon.negate:
        lines.append("negate = " + ", ".join(g for g in lexicon.groups if g in lexicon.negate))
    width = max((len(e.group) for e in lexicon.entries), default=5)
    for group in lexicon.groups:
        members = [e for e in lexicon.entries if e.group == group]
        kind = "exclusions" if all(e.weight < 0 for e in members) else "patterns"
        lines += ["", f"# group {group}: {len(members)} {kind}"]
        lines += [
            f"{_fmt(e.weight):<6} {e.group:<{width}}  "
            + (f"[{e.given_label}] " if e.given_label else "")
            + e.phrase
            for e in members
        ]
    return "\n".join(lines) + "\n"
