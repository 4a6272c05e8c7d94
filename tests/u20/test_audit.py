"""The audit trail in the organisers' admin: who changed what, and when,
with each field before and after; read-only; pruned after a while."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.factories import make_city, make_theme
from tests.tasks import run_due_tasks
from u20 import audit
from u20.models import City, Theme

pytestmark = pytest.mark.django_db

LOG = "/admin/auditlog/logentry/"


def rename_theme(client, theme, name_en: str):
    return client.post(
        f"/admin/u20/theme/{theme.pk}/change/",
        {
            "name_en": name_en,
            "name_ar": theme.name_ar,
            "description_en": theme.description_en or "",
            "description_ar": theme.description_ar or "",
            "slug": theme.slug,
        },
    )


def listed(client, query: str = "", **headers) -> list[tuple[str, int]]:
    response = client.get(f"{LOG}{query}", **headers)
    assert response.status_code == 200
    return [(entry.object_repr, entry.action) for entry in response.context["cl"].result_list]


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def content_type(model) -> int:
    return ContentType.objects.get_for_model(model).pk


def test_change_in_the_admin_records_the_organiser_and_the_field_before_and_after(
    admin_client, admin_user
):
    theme = make_theme(name_en="Mobility", name_ar="التنقل")

    response = rename_theme(admin_client, theme, "Urban mobility")

    entry = audit.entries_about(Theme, [theme.pk]).get(action=LogEntry.Action.UPDATE)
    assert response.status_code == 302
    assert entry.actor == admin_user
    assert entry.changes["name_en"] == ["Mobility", "Urban mobility"]


def test_change_outside_a_request_has_no_actor_even_after_a_request(admin_client):
    theme = make_theme(name_en="Mobility")
    rename_theme(admin_client, theme, "Urban mobility")
    city = make_city(name_en="Tokyo")

    # As the task worker or a command saves: in the same thread, no request.
    city.name_en = "Tōkyō"
    city.save()

    entry = audit.entries_about(City, [city.pk]).get(action=LogEntry.Action.UPDATE)
    assert entry.actor is None
    assert entry.changes["name_en"] == ["Tokyo", "Tōkyō"]


def test_log_list_filters_by_record_type_actor_action_and_date(admin_client, admin_user):
    theme = make_theme(name_en="Mobility")
    make_city(name_en="Tokyo")
    rename_theme(admin_client, theme, "Urban mobility")
    old = audit.entries_about(Theme, [theme.pk]).get(action=LogEntry.Action.CREATE)
    LogEntry.objects.filter(pk=old.pk).update(timestamp=datetime(2021, 5, 1, tzinfo=UTC))

    assert listed(admin_client, f"?resource_type={content_type(Theme)}") == [
        ("Urban mobility", LogEntry.Action.UPDATE),
        ("Mobility", LogEntry.Action.CREATE),
    ]
    assert listed(admin_client, f"?actor={admin_user.pk}") == [
        ("Urban mobility", LogEntry.Action.UPDATE)
    ]
    assert listed(admin_client, "?actor=none") == [
        ("Tokyo", LogEntry.Action.CREATE),
        ("Mobility", LogEntry.Action.CREATE),
    ]
    assert listed(admin_client, "?action__exact=1") == [("Urban mobility", LogEntry.Action.UPDATE)]
    assert listed(admin_client, "?timestamp__year=2021") == [("Mobility", LogEntry.Action.CREATE)]


def test_log_list_ignores_a_filter_value_it_does_not_know(admin_client):
    make_city(name_en="Tokyo")

    assert listed(admin_client, "?resource_type=x&actor=%27") == [("Tokyo", LogEntry.Action.CREATE)]


@pytest.mark.parametrize(
    ("lang", "title", "nobody"),
    [
        ("en", "By author", "Nobody: the task worker or a command"),
        ("ar", "حسب صاحب التغيير", "لا أحد: منفِّذ المهام في الخلفية أو أمر إداري"),
    ],
)
def test_log_list_names_who_made_a_change_in_the_organisers_language(
    admin_client, lang, title, nobody
):
    make_city(name_en="Tokyo")

    html = admin_client.get(LOG, HTTP_ACCEPT_LANGUAGE=lang).content.decode()

    assert title in html
    assert html.count(nobody) == 2  # the filter's choice, and the entry's column


def test_change_page_links_to_the_records_own_trail(admin_client):
    theme = make_theme(name_en="Mobility")
    other = make_theme(name_en="Water")
    rename_theme(admin_client, theme, "Urban mobility")
    rename_theme(admin_client, other, "Clean water")

    html = admin_client.get(f"/admin/u20/theme/{theme.pk}/change/").content.decode()
    url = audit.trail_url(theme)

    assert f'<a href="{url.replace("&", "&amp;")}" class="historylink">Audit trail</a>' in html
    assert listed(admin_client, url.removeprefix(LOG)) == [
        ("Urban mobility", LogEntry.Action.UPDATE),
        ("Mobility", LogEntry.Action.CREATE),
    ]


def test_change_page_link_to_the_trail_is_in_arabic_for_an_arabic_organiser(admin_client):
    theme = make_theme()

    html = admin_client.get(
        f"/admin/u20/theme/{theme.pk}/change/", HTTP_ACCEPT_LANGUAGE="ar"
    ).content.decode()

    assert "سجل التدقيق" in html


def test_untracked_record_has_no_link_to_a_trail(admin_client, admin_user):
    html = admin_client.get(f"/admin/auth/user/{admin_user.pk}/change/").content.decode()

    assert audit.trail_url(admin_user) == ""
    assert "Audit trail" not in html


def test_entries_cannot_be_added_changed_or_deleted_by_url(admin_client):
    theme = make_theme(name_en="Mobility")
    entry = audit.entries_about(Theme, [theme.pk]).get()
    change = f"{LOG}{entry.pk}/change/"

    page = admin_client.get(change)
    posted = admin_client.post(change, {"object_repr": "Forged", "action": "2"})
    deleted = admin_client.post(f"{LOG}{entry.pk}/delete/", {"post": "yes"})
    added = admin_client.post(f"{LOG}add/", {"object_repr": "Forged", "action": "0"})
    admin_client.post(
        LOG, {"action": "delete_selected", "_selected_action": [str(entry.pk)], "post": "yes"}
    )

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert (posted.status_code, deleted.status_code, added.status_code) == (403, 403, 403)
    assert list(LogEntry.objects.values_list("pk", "object_repr")) == [(entry.pk, "Mobility")]


def test_prune_command_removes_entries_older_than_the_retention_period(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    old, recent = make_theme(name_en="Old"), make_theme(name_en="Recent")
    entries = LogEntry.objects.filter(object_repr="Old")
    entries.update(timestamp=timezone.now() - timedelta(days=31))

    output = run("prune_audit_log")

    assert output == "1 audit log entry deleted.\n"
    assert list(LogEntry.objects.values_list("object_repr", flat=True)) == [recent.name_en]
    assert Theme.objects.filter(pk=old.pk).exists()


def test_prune_command_takes_a_number_of_days_and_refuses_a_negative_one():
    make_theme(name_en="Old")
    LogEntry.objects.update(timestamp=timezone.now() - timedelta(days=10))

    first = run("prune_audit_log", "--days", "11")
    second = run("prune_audit_log", "--days", "9")

    assert (first, second) == ("0 audit log entries deleted.\n", "1 audit log entry deleted.\n")
    assert LogEntry.objects.count() == 0
    with pytest.raises(CommandError):
        call_command("prune_audit_log", "--days", "-1")


def test_prune_handed_to_the_task_worker_deletes_old_entries():
    make_theme(name_en="Old")
    LogEntry.objects.update(timestamp=timezone.now() - timedelta(days=731))

    run("prune_audit_log", "--enqueue")
    results = run_due_tasks()

    assert results == [1]
    assert LogEntry.objects.count() == 0
