import importlib
import os
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.functional import empty

from tests.factories import (
    add_partner,
    add_speaker,
    make_participant,
    make_session,
    make_speaker,
    make_summit,
    make_theme,
)
from tests.recommendations.factories import make_communique
from u20.models import Summit

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def summit():
    summit = make_summit(
        name_en="U20 Mayors Summit 2020",
        name_ar="قمة عمداء مجموعة تواصل المجتمع الحضري 2020",
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
        ("ar", "قمة عمداء مجموعة تواصل المجتمع الحضري 2020", "rtl"),
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


def make_past_editions_and_practice():
    """2020 (current), 2019 and 2018, and a practice edition dated after them
    all, as the demo's is."""
    for year in (2020, 2019, 2018):
        make_summit(
            name_en=f"Edition {year}",
            year=year,
            start_date=date(year, 9, 30),
            end_date=date(year, 10, 2),
            is_current=year == 2020,
        )
    return make_summit(
        name_en="Practice edition (sample data)",
        name_ar="دورة تجريبية (بيانات نموذجية)",
        slug="try-it",
        year=2026,
        start_date=date(2026, 11, 30),
        end_date=date(2026, 12, 4),
        is_sample=True,
    )


@pytest.mark.parametrize(
    ("lang", "practice_name", "heading"),
    [
        ("en", "Practice edition (sample data)", "Practice editions"),
        ("ar", "دورة تجريبية (بيانات نموذجية)", "الدورات التجريبية"),
    ],
)
def test_archive_lists_the_practice_edition_apart_from_past_editions(
    client, lang, practice_name, heading
):
    practice = make_past_editions_and_practice()

    response = client.get(f"/{lang}/summits/")

    html = response.content.decode()
    assert [s.year for s in response.context["summits"]] == [2020, 2019, 2018]
    assert [s.pk for s in response.context["samples"]] == [practice.pk]
    assert f'<h2 id="samples-title">{heading}</h2>' in html
    assert html.index('id="samples-title"') < html.index(practice_name)


@pytest.mark.parametrize(
    ("lang", "badge"), [("en", "Sample data"), ("ar", "بيانات نموذجية</span>")]
)
@pytest.mark.parametrize("page", ["", "agenda/", "speakers/", "partners/"])
def test_practice_edition_pages_show_the_sample_badge(client, lang, badge, page):
    practice = make_past_editions_and_practice()
    real = Summit.objects.get(year=2019)

    practice_html = client.get(f"/{lang}/summits/{practice.slug}/{page}").content.decode()
    real_html = client.get(f"/{lang}/summits/{real.slug}/{page}").content.decode()

    assert (practice_html.count('class="sample-data"'), real_html.count('class="sample-data"')) == (
        1,
        0,
    )
    assert badge in practice_html


def test_home_links_to_the_sample_edition_whatever_its_slug(client):
    make_past_editions_and_practice()

    html = client.get("/en/").content.decode()

    assert (
        '<a href="/en/summits/try-it/agenda/">Try registering in the practice edition</a>' in html
    )


def test_migration_marks_the_practice_row_as_sample_data():
    migration = importlib.import_module("u20.migrations.0008_summit_is_sample")
    practice = make_summit(slug="practice")
    other = make_summit()

    migration.mark_practice_edition(apps, None)

    assert list(Summit.objects.filter(is_sample=True)) == [practice]
    migration.unmark_practice_edition(apps, None)
    assert Summit.objects.filter(pk__in=[practice.pk, other.pk], is_sample=True).count() == 0


def menu(html: str) -> str:
    return html[html.index('<nav class="site-nav"') : html.index("</nav>")]


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("en", ["Agenda", "Speakers", "Partners", "Communiqué"]),
        ("ar", ["جدول الأعمال", "المتحدثون", "الشركاء", "البيان الختامي"]),
    ],
)
@pytest.mark.parametrize("path", ["summits/", "media/", "me/"])
def test_pages_without_a_summit_link_the_current_summits_sections(client, lang, labels, path):
    summit = make_summit(slug="riyadh-2020", is_current=True)
    make_communique(summit=summit)
    client.force_login(make_participant().user)

    response = client.get(f"/{lang}/{path}")

    nav = menu(response.content.decode())
    assert response.status_code == 200
    assert [
        f'href="/{lang}/{section}"' in nav
        for section in (
            "summits/riyadh-2020/agenda/",
            "summits/riyadh-2020/speakers/",
            "summits/riyadh-2020/partners/",
            "summits/riyadh-2020/communique/",
        )
    ] == [True, True, True, True]
    assert [f">{label}</a>" in nav for label in labels] == [True, True, True, True]


def test_menu_leaves_out_an_unpublished_communique(client):
    summit = make_summit(slug="riyadh-2020", is_current=True)
    make_communique(summit=summit, is_published=False)

    nav = menu(client.get("/en/summits/").content.decode())

    assert ('href="/en/summits/riyadh-2020/agenda/"' in nav, "Communiqué" in nav) == (True, False)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_menu_without_a_current_summit_has_no_summit_sections(client, lang):
    make_summit(is_current=False)

    response = client.get(f"/{lang}/summits/")

    assert response.status_code == 200
    assert "/agenda/" not in menu(response.content.decode())


def test_menu_of_a_page_with_its_own_summit_looks_up_no_current_summit(client):
    current = make_summit(is_current=True)
    make_summit(slug="riyadh-2019")

    response = client.get("/en/summits/riyadh-2019/")

    assert 'href="/en/summits/riyadh-2019/agenda/"' in menu(response.content.decode())
    assert current.slug not in menu(response.content.decode())
    assert response.context["menu_summit"]._wrapped is empty


def test_menu_of_a_page_without_a_summit_costs_one_query(client, cold_pages):
    make_summit(is_current=True)
    client.get("/en/summits/")
    make_summit(slug="riyadh-2019")

    with CaptureQueriesContext(connection) as queries:
        client.get("/en/summits/")

    assert len(queries) == 2
