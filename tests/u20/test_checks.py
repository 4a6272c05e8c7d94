import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import call_command, get_commands, load_command_class

from u20.checks import LABEL_COMMANDS, agenda_label_mixups

ROOT = Path(__file__).resolve().parents[2]

AGENDA_LABEL_INFO = (
    "?: (u20.I002) The app label 'sessions' is Django's session store "
    "(django.contrib.sessions); the agenda app in the sessions/ folder has the label 'agenda'."
)


def hint(example: str) -> str:
    return f"\tHINT: For the agenda, run: manage.py {example}"


def run_as_typed(monkeypatch, *line: str) -> str:
    """Run a management command as if typed after manage.py, with the system
    checks manage.py runs (call_command skips them unless told); return stderr."""
    monkeypatch.setattr(sys, "argv", ["manage.py", *line])
    stderr = StringIO()
    call_command(*line, skip_checks=False, stdout=StringIO(), stderr=stderr)
    return stderr.getvalue()


def check_ids(stderr: str) -> list[str]:
    return re.findall(r"\((u20\.\w+)\)", stderr)


@pytest.fixture
def session_fixture(tmp_path) -> str:
    """A fixture of Django's session store, what `loaddata --app sessions` loads."""
    path = tmp_path / "django-sessions.json"
    row = {"session_data": "e30", "expire_date": "2030-01-01T00:00:00Z"}
    path.write_text(json.dumps([{"model": "sessions.session", "pk": "k" * 32, "fields": row}]))
    return str(path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("line", "example"),
    [
        (["dumpdata", "sessions"], "dumpdata agenda"),
        (["dumpdata", "sessions.Session"], "dumpdata agenda"),
        (["migrate", "sessions", "--plan"], "migrate agenda"),
        (["showmigrations", "sessions"], "showmigrations agenda"),
        (["makemigrations", "sessions", "--check", "--dry-run"], "makemigrations agenda"),
    ],
)
def test_command_with_the_sessions_label_points_to_agenda(monkeypatch, line, example):
    stderr = run_as_typed(monkeypatch, *line)

    assert check_ids(stderr) == ["u20.I002"]
    assert f"{AGENDA_LABEL_INFO}\n{hint(example)}" in stderr


# SQLite's schema editor, which sqlmigrate uses, refuses to run inside a test's transaction.
@pytest.mark.django_db(transaction=True)
def test_sqlmigrate_of_the_sessions_app_points_to_agenda(monkeypatch):
    stderr = run_as_typed(monkeypatch, "sqlmigrate", "sessions", "0001")

    assert check_ids(stderr) == ["u20.I002"]
    assert f"{AGENDA_LABEL_INFO}\n{hint('sqlmigrate agenda')}" in stderr


@pytest.mark.django_db
def test_loaddata_for_the_sessions_app_points_to_agenda(monkeypatch, session_fixture):
    stderr = run_as_typed(monkeypatch, "loaddata", "--app", "sessions", session_fixture)

    assert check_ids(stderr) == ["u20.I002"]
    assert f"{AGENDA_LABEL_INFO}\n{hint('loaddata --app agenda <fixture>')}" in stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    "line",
    [
        ["dumpdata", "agenda"],
        ["dumpdata", "--exclude", "sessions", "agenda"],
        ["showmigrations", "agenda", "auth"],
        ["migrate", "--plan"],
    ],
)
def test_command_without_the_sessions_label_gives_no_hint(monkeypatch, line):
    assert run_as_typed(monkeypatch, *line) == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["manage.py", "loaddata", "sessions.json"],
        ["manage.py", "runserver"],
        ["manage.py", "check", "sessions"],
        ["manage.py"],
        ["pytest", "tests/u20/test_checks.py"],
    ],
)
def test_agenda_label_check_ignores_other_command_lines(argv):
    assert agenda_label_mixups(argv) == []


def test_label_commands_all_run_the_system_checks():
    # The hint is a system check: it reaches only the commands that run them.
    commands = get_commands()

    quiet = [
        name
        for name in sorted(LABEL_COMMANDS)
        if not load_command_class(commands[name], name).requires_system_checks
    ]

    assert quiet == []


def test_manage_py_dumpdata_sessions_prints_the_hint_beside_a_clean_dump(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": "test-only-secret-key-not-for-production-use-0123456789",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }

    def manage(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    migrate = manage("migrate", "sessions")
    dump = manage("dumpdata", "sessions")

    assert (migrate.returncode, check_ids(migrate.stderr)) == (0, ["u20.I002"])
    assert (dump.returncode, dump.stdout.strip(), check_ids(dump.stderr)) == (0, "[]", ["u20.I002"])
    assert hint("dumpdata agenda") in dump.stderr


@pytest.mark.django_db
def test_opening_an_admin_form_leaves_every_admin_valid(admin_client):
    """Opening a form must not change its admin's options (a form's field
    list once became the Summit admin's `fields`, beside its fieldsets)."""
    for path in ("/admin/u20/summit/add/", "/admin/agenda/participant/"):
        admin_client.get(path)

    problems = [
        error for model_admin in admin.site._registry.values() for error in model_admin.check()
    ]
    assert problems == []
