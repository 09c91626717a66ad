"""The beat schedule and the Celery config load, and say what the runtime relies on."""

from __future__ import annotations

import pytest

from harbor.runtime.queues import COLLECT_HARD_LIMIT_S, Queue, TaskName, broker_lists
from harbor.settings import Settings, get_settings
from workers.schedule import beat_schedule


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HARBOR_DISPATCH_SECONDS", "7")
    get_settings.cache_clear()
    import workers.tasks  # noqa: F401 - registers the tasks
    from workers import app as celery_app

    yield celery_app
    get_settings.cache_clear()


def test_schedule_dispatches_every_tick() -> None:
    settings = Settings.from_env({"HARBOR_DISPATCH_SECONDS": "4"})
    schedule = beat_schedule(settings)
    assert list(schedule) == ["dispatch"]
    entry = schedule["dispatch"]
    assert entry["task"] == TaskName.DISPATCH
    assert entry["schedule"] == 4.0
    assert entry["options"]["queue"] == Queue.COLLECT
    assert entry["options"]["expires"] >= 4.0


def test_alert_runs_are_scheduled_only_with_a_webhook_on_their_own_queue() -> None:
    settings = Settings.from_env(
        {"HARBOR_DISPATCH_SECONDS": "2", "HARBOR_WEBHOOK_URL": "https://hooks.example/T/B/x"}
    )
    entry = beat_schedule(settings)["alerts"]
    assert entry["task"] == TaskName.ALERTS
    assert entry["options"]["queue"] == Queue.ALERTS
    assert entry["schedule"] == 5.0  # every tick, at least 5 s apart
    assert "hooks.example" not in repr(entry)


def test_schedule_loads_into_celery_with_registered_tasks(app) -> None:  # type: ignore[no-untyped-def]
    from celery.beat import Scheduler

    scheduler = Scheduler(app, lazy=False)
    entry = scheduler.schedule["dispatch"]
    assert entry.task == TaskName.DISPATCH.value
    assert entry.schedule.run_every.total_seconds() == 7.0
    for name in TaskName:
        assert name.value in app.tasks


def test_config_makes_collect_and_score_idempotent_redeliveries(app) -> None:  # type: ignore[no-untyped-def]
    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert {q.name for q in conf.task_queues} == {"collect", "score", "alerts"}
    assert conf.worker_prefetch_multiplier == 1
    assert conf.worker_hijack_root_logger is False
    assert conf.worker_send_task_events and conf.task_send_sent_event
    assert conf.broker_connection_retry_on_startup
    assert conf.beat_scheduler == "workers.beat:LeaderScheduler"
    for name in (TaskName.COLLECT, TaskName.SCORE):
        task = app.tasks[name.value]
        assert task.acks_late and task.reject_on_worker_lost
        assert task.soft_time_limit < task.time_limit
    assert not app.tasks[TaskName.DISPATCH.value].acks_late
    # a slow task must never be redelivered while it still runs
    assert conf.broker_transport_options["visibility_timeout"] > COLLECT_HARD_LIMIT_S
    routes = conf.task_routes
    assert routes[TaskName.SCORE.value]["queue"] == "score"
    # dispatch jumps the collects already waiting in the same queue
    assert routes[TaskName.DISPATCH.value]["priority"] < routes[TaskName.COLLECT.value]["priority"]


def test_broker_lists_cover_every_priority_step() -> None:
    assert broker_lists(Queue.COLLECT) == ["collect", "collect\x06\x163", "collect\x06\x166",
                                          "collect\x06\x169"]  # fmt: skip
