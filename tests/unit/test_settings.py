"""Settings: defaults, validation that names the variable, and secrets that never show."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import harbor
from harbor.errors import ConfigError
from harbor.logs import RedactingFilter
from harbor.settings import (
    DEFAULT_SUBREDDITS,
    SANDBOX_REDDIT_CLIENT_ID,
    Secret,
    Settings,
    redact_url,
)


def test_defaults_run_on_the_sandbox_with_the_heuristic_scorer() -> None:
    settings = Settings.from_env({})
    assert settings.dsn == "postgresql://postgres@127.0.0.1:5432/harbor"
    assert settings.dataset == "reddit_harbor"
    assert settings.subreddits == DEFAULT_SUBREDDITS
    assert settings.dispatch_seconds == 15
    assert settings.collect_every_seconds == 900
    assert settings.reddit_sandbox
    assert settings.reddit_client_id == SANDBOX_REDDIT_CLIENT_ID
    assert settings.reddit_oauth_url == "http://127.0.0.1:8765"
    assert settings.scorer == "heuristic"
    assert settings.openai_api_key is None


def test_reddit_credentials_switch_to_reddit_and_a_key_to_openai() -> None:
    settings = Settings.from_env(
        {"REDDIT_CLIENT_ID": "abc", "REDDIT_CLIENT_SECRET": "shh", "OPENAI_API_KEY": "sk-real"}
    )
    assert not settings.reddit_sandbox
    assert settings.reddit_oauth_url == "https://oauth.reddit.com"
    assert settings.reddit_url == "https://www.reddit.com"
    assert settings.scorer == "openai"


def test_subreddits_are_deduplicated_case_insensitively_and_trimmed() -> None:
    settings = Settings.from_env({"HARBOR_SUBREDDITS": " SaaS, saas ,startups,,"})
    assert settings.subreddits == ("SaaS", "startups")


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"HARBOR_SUBREDDITS": "SaaS,bad name!"}, "HARBOR_SUBREDDITS: 'bad name!'"),
        ({"HARBOR_SUBREDDITS": "_underscore"}, "'_underscore'"),
        ({"HARBOR_SUBREDDITS": "a" * 22}, "is not a valid subreddit name"),
        ({"HARBOR_DATASET": "reddit; DROP TABLE x"}, "HARBOR_DATASET: 'reddit; DROP TABLE x'"),
        ({"HARBOR_DATASET": "Upper"}, "not a safe SQL identifier"),
        ({"REDIS_URL": "http://nope"}, "REDIS_URL"),
        ({"DATABASE_URL": "mysql://x/y"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgresql://host:99999/db"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgresql://host"}, "names no database"),
        ({"REDDIT_OAUTH_URL": "not a url"}, "REDDIT_OAUTH_URL: 'not a url'"),
        ({"OPENAI_BASE_URL": "ftp://x"}, "OPENAI_BASE_URL"),
        ({"HARBOR_DISPATCH_SECONDS": "soon"}, "HARBOR_DISPATCH_SECONDS: 'soon' is not a number"),
        ({"HARBOR_DISPATCH_SECONDS": "nan"}, "HARBOR_DISPATCH_SECONDS"),
        ({"HARBOR_COLLECT_EVERY_SECONDS": "0"}, "HARBOR_COLLECT_EVERY_SECONDS"),
        ({"HARBOR_DAILY_TOKEN_BUDGET": "-5"}, "HARBOR_DAILY_TOKEN_BUDGET"),
        ({"HARBOR_SCORER": "gpt"}, "HARBOR_SCORER: 'gpt'"),
        ({"HARBOR_SCORER": "openai"}, "needs OPENAI_API_KEY"),
        ({"REDDIT_CLIENT_ID": "only-the-id"}, "REDDIT_CLIENT_SECRET"),
        ({"HARBOR_KEYWORDS": "/no/such/file.txt"}, "HARBOR_KEYWORDS: '/no/such/file.txt'"),
        ({"HARBOR_SCORE_WEIGHTS": "market_demand=0.9"}, "sum to"),
        ({"HARBOR_SCORE_WEIGHTS": "charm=1"}, "HARBOR_SCORE_WEIGHTS: 'charm=1'"),
        ({"HARBOR_LOG_LEVEL": "LOUD"}, "HARBOR_LOG_LEVEL"),
        ({"FLOWER_BASIC_AUTH": "nopassword"}, "FLOWER_BASIC_AUTH"),
    ],
)
def test_a_bad_value_is_refused_with_a_message_naming_it(env: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError) as raised:
        Settings.from_env(env)
    assert named in str(raised.value)


SECRETS = {
    "DATABASE_URL": "postgresql://harbor:pg-Secret-1@db.example:5432/harbor",
    "REDIS_URL": "redis://:redis-Secret-2@cache.example:6379/0",
    "REDDIT_CLIENT_ID": "client-id",
    "REDDIT_CLIENT_SECRET": "reddit-Secret-3",
    "OPENAI_API_KEY": "sk-openai-Secret-4",
    "FLOWER_BASIC_AUTH": "admin:flower-Secret-5",
}


def test_secrets_never_show_in_repr_str_or_errors() -> None:
    settings = Settings.from_env(SECRETS)
    text = repr(settings) + str(settings)
    for secret in ("pg-Secret-1", "redis-Secret-2", "reddit-Secret-3", "Secret-4", "Secret-5"):
        assert secret not in text
    assert settings.reddit_client_secret.get() == "reddit-Secret-3"
    assert str(Secret("x" * 10)) == "Secret('***')"
    for bad in (
        {**SECRETS, "DATABASE_URL": "postgresql://u:pg-Secret-1@host:notaport/db"},
        {**SECRETS, "FLOWER_BASIC_AUTH": "flower-Secret-5"},
        {**SECRETS, "REDIS_URL": "nope://:redis-Secret-2@x"},
    ):
        with pytest.raises(ConfigError) as raised:
            Settings.from_env(bad)
        assert "Secret" not in str(raised.value)


def test_the_redaction_filter_masks_every_configured_secret() -> None:
    import logging

    settings = Settings.from_env(SECRETS)
    assert set(settings.secret_values()) >= {"pg-Secret-1", "reddit-Secret-3", "flower-Secret-5"}
    record = logging.LogRecord(
        "x",
        logging.INFO,
        __file__,
        1,
        "dsn %s key %s",
        (SECRETS["DATABASE_URL"], "sk-openai-Secret-4"),
        None,
    )
    RedactingFilter(settings.secret_values()).filter(record)
    assert "Secret" not in record.getMessage()
    assert redact_url(SECRETS["DATABASE_URL"]) == "postgresql://harbor:***@db.example:5432/harbor"


def test_a_keywords_file_that_exists_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.txt"
    path.write_text("threshold = 1\n")
    assert Settings.from_env({"HARBOR_KEYWORDS": str(path)}).keywords_path == path


def test_the_package_pins_its_public_surface() -> None:
    assert harbor.__all__ == [
        "Opportunity",
        "Settings",
        "ThemeRecord",
        "__version__",
        "opportunities",
        "themes",
        "to_frame",
    ]
    for name in harbor.__all__:
        assert getattr(harbor, name) is not None
    # importing the themes package first does not shadow the API's harbor.themes(...)
    importlib.import_module("harbor.theming.listing")
    assert harbor.themes is importlib.import_module("harbor.api").themes
    assert callable(harbor.opportunities)
    assert harbor.__version__


def test_a_dotenv_file_in_the_working_directory_is_read_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text(
        "HARBOR_DATASET=from_dotenv\n"
        "HARBOR_DISPATCH_SECONDS=7\n"
        "OPENAI_API_KEY=sk-dotenv-Secret-9\n"
        "# a comment\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HARBOR_ENV_FILE")
    monkeypatch.setenv("HARBOR_DISPATCH_SECONDS", "3")
    monkeypatch.delenv("HARBOR_DATASET", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    settings = Settings.from_env()
    assert settings.dataset == "from_dotenv"
    assert settings.dispatch_seconds == 3
    assert settings.scorer == "openai"
    assert "sk-dotenv-Secret-9" in settings.secret_values()
    assert "Secret-9" not in repr(settings)


def test_a_bad_value_in_dotenv_is_named_like_one_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text("HARBOR_REDDIT_QPM=lots\n")
    monkeypatch.setenv("HARBOR_ENV_FILE", str(tmp_path / ".env"))
    monkeypatch.delenv("HARBOR_REDDIT_QPM", raising=False)
    with pytest.raises(ConfigError, match="HARBOR_REDDIT_QPM: 'lots'"):
        Settings.from_env()


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"HARBOR_FILTER_THRESHOLD": "1.5"}, "HARBOR_FILTER_THRESHOLD: '1.5' is above"),
        ({"HARBOR_FILTER_MODEL": "/no/such/model.json"}, "HARBOR_FILTER_MODEL"),
        ({"HARBOR_COLLECT_MIN_SECONDS": "1000"}, "HARBOR_COLLECT_MIN_SECONDS: 1000 is above"),
        ({"HARBOR_WEB_BASIC_AUTH": "nopassword"}, "HARBOR_WEB_BASIC_AUTH"),
        ({"HARBOR_WEBHOOK_URL": "hooks.slack.com/x"}, "HARBOR_WEBHOOK_URL: (value hidden)"),
        ({"HARBOR_ALERT_MIN_TOTAL": "101"}, "HARBOR_ALERT_MIN_TOTAL"),
        ({"HARBOR_LOG_FORMAT": "xml"}, "HARBOR_LOG_FORMAT: 'xml'"),
    ],
)
def test_the_newer_variables_are_checked_too(env: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError) as raised:
        Settings.from_env(env)
    assert named in str(raised.value)


def test_the_webhook_url_and_web_password_are_secrets() -> None:
    hook = "https://hooks.slack.com/services/T000/B000/hook-Secret-7"
    settings = Settings.from_env(
        {"HARBOR_WEBHOOK_URL": hook, "HARBOR_WEB_BASIC_AUTH": "u:web-Secret-8"}
    )
    assert hook in settings.secret_values() and "web-Secret-8" in settings.secret_values()
    assert "Secret-7" not in repr(settings) and "Secret-8" not in repr(settings)
    assert settings.webhook_url is not None and settings.webhook_url.get() == hook
