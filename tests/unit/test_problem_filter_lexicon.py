"""The lexicon file format (HARBOR_KEYWORDS), its errors, and `harbor keywords`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harbor.collect.lexicon import (
    BUILTIN_SOURCE,
    builtin_lexicon,
    parse_lexicon,
    read_lexicon,
    render_lexicon,
)
from harbor.collect.problem_filter import ProblemFilter
from harbor.errors import ConfigError


def run_harbor(*args: str, keywords: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a fresh interpreter, as a user would."""
    env = {k: v for k, v in os.environ.items() if k != "HARBOR_KEYWORDS"}
    if keywords is not None:
        env["HARBOR_KEYWORDS"] = str(keywords)
    return subprocess.run(
        [sys.executable, "-m", "harbor", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_builtin_lexicon_is_grouped_with_pain_groups_and_exclusions() -> None:
    lexicon = builtin_lexicon()
    assert lexicon.source == BUILTIN_SOURCE
    assert len(lexicon.entries) > 100
    assert {"request", "cope", "wish", "pain", "feeling", "cost"} <= set(lexicon.groups)
    assert {"promo", "success", "guide", "resolved"} <= set(lexicon.groups)
    # written grouped, so that printing it keeps the file's own order
    seen: list[str] = []
    for entry in lexicon.entries:
        if not seen or seen[-1] != entry.group:
            assert entry.group not in seen, f"group {entry.group} is split in lexicon.txt"
            seen.append(entry.group)


def test_render_then_parse_gives_the_same_lexicon() -> None:
    lexicon = builtin_lexicon()
    again = parse_lexicon(render_lexicon(lexicon), "copy.txt")
    assert again == lexicon
    assert [e.label for e in again.entries] == [e.label for e in lexicon.entries]
    assert render_lexicon(again).splitlines()[3:] == render_lexicon(lexicon).splitlines()[3:]


def test_a_user_file_with_mixed_groups_is_printed_grouped_and_reads_back_the_same() -> None:
    text = (
        "# my words\n"
        "threshold = 2.5\n"
        "negate = feel\n"
        "2\tfeel\tfrustrat*\n"
        "3   ask     is there {a|an} {app|tool}\n"
        "-4  promo   [promo] {check it out|link in bio}\n"
        "1   feel    meh\n"
    )
    lexicon = parse_lexicon(text, "mine.txt")
    rendered = render_lexicon(lexicon)
    assert "# in effect: mine.txt (HARBOR_KEYWORDS)" in rendered
    body = [line for line in rendered.splitlines() if line and not line.startswith("#")]
    assert body[-4:] == [
        "2      feel   frustrat*",
        "1      feel   meh",
        "3      ask    is there {a|an} {app|tool}",
        "-4     promo  [promo] {check it out|link in bio}",
    ]
    again = parse_lexicon(rendered, "mine.txt")
    assert again.threshold == 2.5 and again.negate == frozenset({"feel"})
    assert sorted(again.entries, key=repr) == sorted(lexicon.entries, key=repr)


def test_defaults_apply_when_settings_are_left_out() -> None:
    lexicon = parse_lexicon("3 pain stuck", "x.txt")
    assert (lexicon.threshold, lexicon.title_weight, lexicon.title_question) == (3.0, 1.5, 0.5)
    assert lexicon.body_chars == 20_000
    assert lexicon.negate == frozenset()


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("three pain stuck", "weight 'three' is not a number"),
        ("0 pain stuck", "non-zero"),
        ("inf pain stuck", "non-zero finite"),
        ("2 pain", "expected 'WEIGHT GROUP PHRASE'"),
        ("2 pa-in stuck", "group 'pa-in'"),
        ("2 pain {stuck|lost", "unbalanced braces"),
        ("2 pain stuck}", "unbalanced braces"),
        ("2 pain * stuck", "cannot start or end with the gap"),
        ("2 pain stuck *", "cannot start or end with the gap"),
        ("2 pain {*|x} stuck", "gap * cannot be an alternative"),
        ("2 pain stuck ^ again", "^ is only allowed"),
        ("2 pain ... ---", "nothing to match"),
        ("2 pain {|}", "every alternative is empty"),
        ("2 pain [unclosed label stuck", "closing ]"),
        ("2 pain [] stuck", "empty [label]"),
        ("2 pain ab-cd* x", "a prefix before * must be a single word"),
        ("2 pain " + " ".join(["{a b|c d|}"] * 6), "too many combinations"),
        ("colour = blue", "unknown setting 'colour'"),
        ("threshold = lots", "threshold must be a number"),
        ("threshold = 0", "threshold must be above 0"),
        ("title_weight = -1", "title_weight must be a finite number >= 0"),
        ("body_chars = 12.5", "body_chars must be a whole number"),
        ("negate = pain, bad-name", "'bad-name' is not a group name"),
    ],
)
def test_a_bad_line_names_the_file_the_line_and_the_problem(line: str, problem: str) -> None:
    text = "# header\n3 ok fine\n"
    with pytest.raises(ConfigError) as caught:
        parse_lexicon(text + line + "\n", "/etc/harbor/words.txt")
    message = str(caught.value)
    assert message.startswith("/etc/harbor/words.txt, line 3: "), message
    assert problem in message


def test_a_setting_given_twice_is_refused() -> None:
    with pytest.raises(ConfigError, match="line 3: threshold is set twice"):
        parse_lexicon("threshold = 2\n2 pain x\nthreshold = 3\n", "w.txt")


def test_a_lexicon_that_can_keep_nothing_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"w\.txt: no pattern with a positive weight"):
        parse_lexicon("# only exclusions\n-3 promo check it out\n", "w.txt")


def test_an_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    binary = tmp_path / "words.bin"
    binary.write_bytes(b"\xff\xfe\x00 not utf-8 \xc3")
    with pytest.raises(ConfigError, match="cannot read"):
        read_lexicon(binary)
    with pytest.raises(ConfigError, match="cannot read"):
        read_lexicon(tmp_path)
    with pytest.raises(ConfigError, match="cannot read"):
        read_lexicon(tmp_path / "missing.txt")


def test_comments_blank_lines_and_tabs_are_fine() -> None:
    text = "\n# comment\n   # indented comment\n\n3\tpain\t  driving   me  crazy  \n"
    lexicon = parse_lexicon(text, "w.txt")
    assert [e.phrase for e in lexicon.entries] == ["driving me crazy"]
    assert ProblemFilter(lexicon).match("", "It's DRIVING me crazy").kept


def test_harbor_keywords_prints_the_builtin_lexicon_and_says_so() -> None:
    result = run_harbor("keywords")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# RedditHarbor problem lexicon"
    assert lines[1] == "# in effect: built-in (harbor/collect/lexicon.txt)"
    assert "# group request: " in result.stdout
    assert "# group promo: " in result.stdout and "exclusions" in result.stdout
    assert parse_lexicon(result.stdout, "stdout") == builtin_lexicon()


def test_harbor_keywords_output_round_trips_through_harbor_keywords(tmp_path: Path) -> None:
    copy = tmp_path / "my.txt"
    copy.write_text(run_harbor("keywords").stdout, encoding="utf-8")
    result = run_harbor("keywords", keywords=copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == f"# in effect: {copy} (HARBOR_KEYWORDS)"
    assert result.stdout.splitlines()[2:] == copy.read_text("utf-8").splitlines()[2:]
    assert run_harbor("keywords", "--builtin", keywords=copy).stdout.splitlines()[1] == (
        "# in effect: built-in (harbor/collect/lexicon.txt)"
    )


def test_harbor_keywords_uses_an_edited_file_and_explains_a_decision(tmp_path: Path) -> None:
    mine = tmp_path / "mine.txt"
    mine.write_text("threshold = 2\n2 pain [invoices] {invoice|invoices}\n", encoding="utf-8")
    result = run_harbor("keywords", "--explain", "Invoices again", keywords=mine)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {
        k: report[k] for k in ("matched", "excluded", "lexicon_score", "lexicon_threshold")
    } == {
        "matched": ["invoices"],
        "excluded": [],
        "lexicon_score": 3.0,
        "lexicon_threshold": 2.0,
    }
    # the classifier decides, whatever the edited lexicon scores
    assert 0.0 <= report["filter_score"] <= 1.0
    assert report["kept"] == (report["filter_score"] >= report["filter_threshold"])
    assert report["filter_model"].startswith("pc")


def test_harbor_keywords_with_a_bad_file_exits_2_naming_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("threshold = 2\n2 pain ok\nnot a weight here\n", encoding="utf-8")
    result = run_harbor("keywords", keywords=bad)
    assert result.returncode == 2
    message = " ".join(result.stderr.split())  # the error console may wrap long lines
    assert f"{bad}, line 3: weight 'not' is not a number" in message
