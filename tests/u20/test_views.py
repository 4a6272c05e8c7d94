import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.factories import (
    add_partner,
    add_speaker,
    make_session,
    make_speaker,
    make_summit,
    make_theme,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def summit():
    summit = make_summit(
        name_en="U20 Mayors Summit 2020",
        name_ar="قمة رؤساء بلديات مدن مجموعة العشرين 2020",
        chair_name_en="Fahd Al-Rasheed",
        chair_name_ar="فهد الرشيد",
        is_current=True,
        is_virtual=True,
    )
    summit.themes.add(
        make_theme(name_en="Nature-based Urban Solutions", name_ar="حلول حضرية قائمة على الطبيعة")
    )
    add_partner(summit)
    add_partner(summit)
    make_session(summit=summit)
    return summit


@pytest.mark.parametrize(
    ("lang", "name", "direction"),
    [
        ("en", "U20 Mayors Summit 2020", "ltr"),
        ("ar", "قمة رؤساء بلديات مدن مجموعة العشرين 2020", "rtl"),
    ],
)
def test_home_shows_current_summit_in_each_language(client, summit, lang, name, direction):
    response = client.get(f"/{lang}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert f'<h1 id="summit-title">{name}</h1>' in html
    assert f'href="/{lang}/summits/{summit.slug}/agenda/"' in html


def test_home_counts_sessions_and_partners(client, summit):
    response = client.get("/en/")

    assert (response.context["summit"].session_count, response.context["summit"].partner_count) == (
        1,
        2,
    )


def test_home_without_current_summit_points_to_archive(client):
    make_summit(is_current=False)

    response = client.get("/en/")

    assert response.status_code == 200
    assert b'href="/en/summits/"' in response.content
    assert response.context["summit"] is None


def test_root_redirects_to_the_visitors_language(client):
    response = client.get("/", headers={"accept-language": "ar,en;q=0.5"})

    assert (response.status_code, response["Location"]) == (302, "/ar/")


def test_unknown_language_prefix_is_a_404_page(client):
    response = client.get("/fr/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_archive_lists_published_editions_newest_first(client, summit):
    older = make_summit(
        name_en="Tokyo 2019",
        year=2019,
        start_date=summit.start_date.replace(year=2019),
        end_date=summit.end_date.replace(year=2019),
    )
    make_summit(name_en="Draft edition", is_published=False)

    response = client.get("/en/summits/")

    assert [s.pk for s in response.context["summits"]] == [summit.pk, older.pk]
    assert b"Draft edition" not in response.content


def test_unpublished_summit_is_not_found(client):
    draft = make_summit(is_published=False)

    assert client.get(f"/en/summits/{draft.slug}/").status_code == 404


def test_summit_page_shows_its_facts(client, summit):
    response = client.get(f"/ar/summits/{summit.slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "فهد الرشيد" in html
    assert "حلول حضرية قائمة على الطبيعة" in html


def test_partners_page_groups_by_role(client, summit):
    convener = add_partner(summit, role="convener")

    response = client.get(f"/en/summits/{summit.slug}/partners/")

    groups = dict(response.context["groups"])
    assert [o.pk for o in groups["Convener"]] == [convener.organisation_id]
    assert len(groups["Knowledge partner"]) == 2


def test_speakers_page_lists_speakers_with_their_sessions(client, summit):

    session = summit.sessions.get()
    add_speaker(session, make_speaker(name_en="Maimunah Mohd Sharif", name_ar="ميمونة محمد شريف"))

    response = client.get(f"/ar/summits/{summit.slug}/speakers/")

    html = response.content.decode()
    assert "ميمونة محمد شريف" in html
    assert (
        session.get_absolute_url().replace("/en/", "/ar/") in html
        or f"/ar/summits/{summit.slug}/sessions/{session.slug}/" in html
    )


@pytest.mark.parametrize(
    "path",
    ["/en/summits/nope/", "/ar/summits/nope/agenda/", "/en/summits/x%00y/", "/en/summits/%D9%85/"],
)
def test_unknown_summit_paths_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_not_found_page_is_in_arabic_under_the_arabic_prefix(client):
    response = client.get("/ar/summits/nope/")

    assert response.status_code == 404
    assert 'dir="rtl"' in response.content.decode()


def test_post_to_a_page_is_refused(client, summit):
    assert client.post("/en/").status_code == 405


def test_pages_send_csp_without_unsafe_inline(client, summit):
    response = client.get("/en/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client, summit):
    html = client.get("/en/").content.decode()

    assert "<script>" not in html
    assert " style=" not in html
    assert " onclick=" not in html


def test_healthz_answers_when_database_and_cache_answer(client):
    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (200, {"database": "ok", "cache": "ok"})


def test_healthz_is_unavailable_when_the_cache_is_down(client):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "ok"
    assert response.json()["cache"] != "ok"


PRODUCTION = {
    "DJANGO_SECRET_KEY": "k" * 20 + "production-like-secret-9f8e7d6c5b4a3928171615",
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": "summit.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def check_deploy(**environment):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_silent_with_production_settings():
    result = check_deploy(**PRODUCTION)

    assert (result.returncode, result.stdout.strip(), result.stderr.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
        "",
    )


def test_check_deploy_warns_when_each_process_would_keep_its_own_cache():
    without_redis = {name: value for name, value in PRODUCTION.items() if name != "REDIS_URL"}

    result = check_deploy(**without_redis)

    assert result.returncode != 0
    assert "u20.W003" in result.stderr
    assert "REDIS_URL" in result.stderr


def run_without_secret_key(*args: str, debug: str | None = "0"):
    env = {"PATH": os.environ["PATH"]}
    if debug is not None:
        env["DJANGO_DEBUG"] = debug
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_web_application_refuses_to_start_without_a_secret_key_in_production():
    result = run_without_secret_key("-c", "import u20.wsgi")

    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development)." in result.stderr


def test_system_checks_flag_a_missing_secret_key():
    result = run_without_secret_key("manage.py", "check", "--fail-level", "WARNING")

    assert result.returncode != 0
    assert "u20.W001" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_migration_check_runs_without_any_configuration():
    result = run_without_secret_key(
        "manage.py", "makemigrations", "--check", "--dry-run", debug=None
    )

    assert (result.returncode, result.stdout.strip()) == (0, "No changes detected")


def test_favicon_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")

    assert (response.status_code, response["Location"]) == (301, "/static/favicon.svg")


def test_arabic_catalogue_is_complete():

    out = StringIO()
    call_command("compile_catalogue", "--check-only", stdout=out)

    assert ", 0 untranslated, 0 fuzzy" in out.getvalue()
