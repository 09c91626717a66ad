"""The log handler: malformed calls never raise, JSON is one object per line, secrets masked."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harbor.logs import JsonFormatter, RedactingFilter, TextFormatter, setup_logging

SECRET = "sk-live-0123456789abcdef"


@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger whose records go through harbor's filter and JSON formatter into a buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactingFilter([SECRET]))
    logger = logging.getLogger("harbor.test_logs")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def _record(msg: object, args: tuple[object, ...]) -> logging.LogRecord:
    return logging.LogRecord("harbor.x", logging.INFO, __file__, 1, msg, args, None)


class _Unprintable:
    def __str__(self) -> str:
        raise RuntimeError("no str for you")

    __repr__ = __str__


@pytest.mark.parametrize(
    ("msg", "args"),
    [
        ("two %s %s", (1,)),
        ("one %s", (1, 2)),
        ("a number %d", ("not a number",)),
        ("a key %(name)s", (1,)),
        ("no placeholder", (SECRET,)),
        ("broken %", ()),
        (_Unprintable(), ()),
        ("fine %s", (_Unprintable(),)),
    ],
)
@pytest.mark.parametrize("secrets", [(), (SECRET,)])
def test_a_malformed_log_call_never_raises(
    msg: object, args: tuple[object, ...], secrets: tuple[str, ...]
) -> None:
    record = _record(msg, args)
    assert RedactingFilter(secrets).filter(record)
    line = TextFormatter().format(record)
    assert (SECRET in line) == (not secrets and args == (SECRET,))
    assert json.loads(JsonFormatter().format(record))["level"] == "INFO"


@given(
    msg=st.text(alphabet="%sdr()xab \n", max_size=20),
    args=st.lists(st.one_of(st.integers(), st.text(max_size=5), st.none()), max_size=3),
)
def test_any_format_string_and_arguments_are_written_without_raising(
    msg: str, args: list[object]
) -> None:
    record = _record(msg, tuple(args))
    RedactingFilter([SECRET]).filter(record)
    TextFormatter().format(record)
    json.loads(JsonFormatter().format(record))


def test_json_gives_one_object_per_line_with_secrets_masked(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = captured
    logger.info("plain")
    logger.warning("two\nlines with %s inside", SECRET)
    logger.info("wrong args %s %s", "only one")
    try:
        raise ValueError(f"failed with {SECRET}")
    except ValueError:
        logger.exception("it broke")
    lines = stream.getvalue().splitlines()
    entries = [json.loads(line) for line in lines]
    assert len(entries) == 4
    assert [e["level"] for e in entries] == ["INFO", "WARNING", "INFO", "ERROR"]
    assert entries[1]["message"] == "two\nlines with *** inside"
    assert "only one" in entries[2]["message"]
    assert "ValueError: failed with ***" in entries[3]["exc"]
    assert SECRET not in stream.getvalue()
    assert {"ts", "level", "logger", "message"} <= set(entries[0])


def test_a_record_with_a_task_id_shows_it_in_both_formats() -> None:
    record = _record("scored %s", ("t3_abc",))
    record.task_id = "6f1c2d4e-0000-4000-8000-000000000000"
    RedactingFilter(()).filter(record)
    assert "[6f1c2d4e-0000-4000-8000-000000000000]: scored t3_abc" in TextFormatter().format(record)
    assert json.loads(JsonFormatter().format(record))["task_id"] == record.task_id
    plain = _record("no task", ())
    RedactingFilter(()).filter(plain)
    assert "harbor.x: no task" in TextFormatter().format(plain)
    assert "task_id" not in json.loads(JsonFormatter().format(plain))


def test_setup_logging_installs_the_chosen_format_once(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        setup_logging("INFO", [SECRET], "json")
        setup_logging("INFO", [SECRET], "json")
        ours = [h for h in root.handlers if getattr(h, "_harbor", False)]
        assert len(ours) == 1
        assert isinstance(ours[0].formatter, JsonFormatter)
        logging.getLogger("harbor.test").warning("key %s", SECRET)
        entry = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
        assert entry["message"] == "key ***"
    finally:
        for handler in list(root.handlers):
            if handler not in before:
                root.removeHandler(handler)
