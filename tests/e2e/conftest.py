"""Browser tests: one Chromium for the session, a fresh context and page per
test, the demo summit in both languages, and the axe-core check every page
visited must pass."""

import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.factories import (
    RIYADH,
    add_host,
    add_partner,
    add_speaker,
    make_city,
    make_organisation,
    make_session,
    make_speaker,
    make_summit,
    make_theme,
)
from tests.staff import (
    STAFF_PASSWORD,
    TOTP_SECRET,
    add_authenticator_app,
    totp_code,
    verify_email,
)
from tests.translations import ui

# Playwright's sync API runs an event loop in this thread, so Django would
# refuse the ORM calls the tests make between page actions.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Impacts that fail a page; "minor" and "moderate" findings are left to review.
BLOCKING_IMPACTS = {"serious", "critical"}
MAX_TARGETS = 8  # per rule in a failure message; the count of the rest follows
LANGUAGES = ["en", "ar"]

# axe-core as axe-playwright-python ships it, put into a page once per document.
AXE_SOURCE = Axe().axe_script
AXE_OPTIONS = {"resultTypes": ["violations"]}
# Only what a failure message names crosses back from the page: axe's whole
# answer (every rule that passed, every node's HTML) cost more to send and
# decode than the scan itself.
AXE_VIOLATIONS = """([context, options]) => axe.run(context || document, options).then(
  (results) => results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  })),
)"""


def axe_violations(page, *, exclude: list[str] = ()) -> list[dict]:
    """axe-core's violations on the page, outside the elements exclude selects."""
    if page.evaluate("typeof window.axe") != "object":
        page.evaluate(AXE_SOURCE)
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    return page.evaluate(AXE_VIOLATIONS, [context, AXE_OPTIONS])


def assert_accessible(page, *, exclude: list[str] = ()) -> None:
    """Fail when axe-core finds a serious or critical violation on the page,
    outside the elements that exclude selects (a third party's widget)."""
    problems = []
    for violation in axe_violations(page, exclude=exclude):
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        targets = violation["targets"]
        shown = "; ".join(targets[:MAX_TARGETS])
        more = f" (and {len(targets) - MAX_TARGETS} more)" if len(targets) > MAX_TARGETS else ""
        problems.append(f"{violation['id']} ({violation['impact']}): {shown}{more}")
    assert problems == [], f"axe-core on {page.url}:\n" + "\n".join(problems)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: the browser tests need Debian's chromium "
            "(`make browser`, or apt-get install -y --no-install-recommends chromium).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def browser_page(browser, live_server, *, timezone_id: str, locale: str):
    """A page in a fresh context whose clock runs in timezone_id. On leaving,
    it fails if the page broke the content security policy: the policy
    forbids inline scripts and styles, and Chromium reports every refusal on
    the console, which axe does not see."""
    context = browser.new_context(base_url=live_server.url, timezone_id=timezone_id, locale=locale)
    # How long an action or an expectation waits for the page, not a bound on
    # its speed (bench/ measures that): with two browser tests per CPU at the
    # end of a run, a click's navigation has taken more than 5 s.
    context.set_default_timeout(15_000)
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert refused == [], "Content Security Policy violations:\n" + "\n".join(refused)


@pytest.fixture
def page(browser, live_server):
    # A viewer outside the summit's zone, so the script that adds local times
    # has something to show and axe scans what it adds too.
    with browser_page(browser, live_server, timezone_id="Europe/London", locale="en-GB") as page:
        yield page


@dataclass
class Demo:
    summit: object
    themes: dict
    sessions: dict
    riyadh: object


@pytest.fixture
def demo(live_server) -> Demo:
    """The 2020 Riyadh summit with part of its first day, in both languages."""
    riyadh = make_city(
        name_en="Riyadh",
        name_ar="الرياض",
        slug="riyadh",
        country_en="Saudi Arabia",
        country_ar="المملكة العربية السعودية",
    )
    summit = make_summit(
        name_en="U20 Mayors Summit 2020",
        name_ar="قمة عمداء مجموعة تواصل المجتمع الحضري 2020",
        slug="riyadh-2020",
        host_city=riyadh,
        is_current=True,
        is_virtual=True,
        chair_name_en="Fahd bin Abdulmohsen Al-Rasheed",
        chair_name_ar="فهد بن عبدالمحسن الرشيد",
        summary_en="Mayors of G20 and observer cities meet, online from Riyadh, "
        "to agree the recommendations they send to the G20.",
        summary_ar="يلتقي عمداء مدن مجموعة العشرين والمدن المراقِبة افتراضياً من الرياض "
        "للاتفاق على التوصيات التي يرفعونها إلى مجموعة العشرين.",
    )
    themes = {
        "inclusive": make_theme(
            name_en="Inclusive Prosperous Communities",
            name_ar="مجتمعات شاملة ومزدهرة",
            slug="inclusive-communities",
        ),
        "circular": make_theme(
            name_en="Circular, Carbon-neutral Economies",
            name_ar="اقتصادات دائرية محايدة كربونياً",
            slug="circular-economies",
        ),
        "nature": make_theme(
            name_en="Nature-based Urban Solutions",
            name_ar="حلول حضرية قائمة على الطبيعة",
            slug="nature-based-solutions",
        ),
    }
    summit.themes.add(*themes.values())

    organisations = {
        "iclei": make_organisation(
            name_en="ICLEI – Local Governments for Sustainability",
            name_ar="الحكومات المحلية من أجل الاستدامة",
            acronym_en="ICLEI",
            acronym_ar="إكلي",
            slug="iclei",
        ),
        "wef": make_organisation(
            name_en="World Economic Forum",
            name_ar="المنتدى الاقتصادي العالمي",
            slug="wef",
        ),
        "un-habitat": make_organisation(
            name_en="UN-Habitat",
            name_ar="برنامج الأمم المتحدة للمستوطنات البشرية",
            slug="un-habitat",
        ),
        "uitp": make_organisation(
            name_en="International Association of Public Transport",
            name_ar="الاتحاد الدولي للنقل العام",
            acronym_en="UITP",
            slug="uitp",
        ),
    }
    for organisation in organisations.values():
        add_partner(summit, organisation)

    speakers = {
        "rasheed": make_speaker(
            name_en="Fahd bin Abdulmohsen Al-Rasheed",
            name_ar="فهد بن عبدالمحسن الرشيد",
            title_en="U20 Chair",
            title_ar="رئيس مجموعة تواصل المجتمع الحضري",
            slug="fahd-al-rasheed",
        ),
        "sharif": make_speaker(
            name_en="Maimunah Mohd Sharif",
            name_ar="ميمونة محمد شريف",
            title_en="Executive Director",
            title_ar="المديرة التنفيذية",
            organisation=organisations["un-habitat"],
            slug="maimunah-mohd-sharif",
        ),
        "kamal-chaoui": make_speaker(
            name_en="Lamia Kamal-Chaoui",
            name_ar="لمياء كمال شاوي",
            slug="lamia-kamal-chaoui",
        ),
        "raggi": make_speaker(
            name_en="Virginia Raggi", name_ar="فيرجينيا راجي", slug="virginia-raggi"
        ),
    }

    def session(slug, hour, minute, *, hosts, people, theme, **fields):
        starts_at = datetime(2020, 9, 30, hour, minute, tzinfo=RIYADH)
        created = make_session(
            summit=summit,
            slug=slug,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1),
            **fields,
        )
        for order, host in enumerate(hosts):
            add_host(created, host, order=order)
        for order, (person, role) in enumerate(people):
            add_speaker(created, speakers[person], role=role, order=order)
        created.themes.add(themes[theme])
        return created

    sessions = {
        "future": session(
            "cities-of-the-future",
            10,
            0,
            hosts=[riyadh],
            people=[("rasheed", "keynote"), ("kamal-chaoui", "moderator")],
            theme="inclusive",
            kind="plenary",
            title_en="Cities of the Future: Post COVID-19",
            title_ar="مُدُن المستقبل: ما بعد جائحة كوفيد-19",
            description_en="How ready cities are for pandemics, and how to design "
            "city services during and after a crisis.",
            description_ar="مدى جاهزية المُدن للتعامل مع الأوبئة والأزمات، وتصميم "
            "خدماتها أثناء الأزمات وبعدها.",
        ),
        "equity": session(
            "equity-green-recovery",
            11,
            30,
            hosts=[organisations["iclei"]],
            people=[("raggi", "speaker")],
            theme="circular",
            title_en="Equity as a Model for a Green Recovery",
            title_ar="العدالة المالية والاجتماعية نموذجاً للتعافي الأخضر",
            description_en="Financial, economic and social equity in a green recovery.",
            description_ar="تحقيق العدالة المالية والاقتصادية والاجتماعية في تعافٍ صديق للبيئة.",
        ),
        "energy": session(
            "energy-and-buildings",
            13,
            0,
            hosts=[organisations["wef"]],
            people=[("kamal-chaoui", "speaker")],
            theme="circular",
            title_en="The Energy and Buildings Transition in 100 Cities by 2030",
            title_ar="التحول في الطاقة والمباني في 100 مدينة بحلول 2030",
            description_en="Retrofitting buildings and cleaning up city energy.",
            # Written without hamza, as many people type it.
            description_ar="اعادة تأهيل المباني وتنظيف مصادر الطاقة في المدن.",
        ),
        "sdgs": session(
            "urban-transformation-sdgs",
            14,
            30,
            hosts=[organisations["un-habitat"]],
            people=[("sharif", "keynote")],
            theme="nature",
            title_en="Urban Transformation for the Sustainable Development Goals",
            title_ar="التحوّل الحضري لتسريع أهداف التنمية المستدامة",
            description_en="Using urban change to reach the SDGs sooner.",
            description_ar="الاستفادة من التحول الحضري لتسريع تحقيق أهداف التنمية المستدامة.",
        ),
        "transport": session(
            "public-transport",
            16,
            0,
            hosts=[organisations["uitp"], riyadh],
            people=[("raggi", "speaker"), ("sharif", "speaker")],
            theme="nature",
            title_en="Public Transport and Rebuilding Cities Better",
            title_ar="النقل العام ودوره في إعادة بناء المدن",
            description_en="The central role of public transport in rebuilding cities.",
            description_ar="الدور المحوري لوسائل النقل العام في إعادة تشكيل المدن.",
        ),
    }
    return Demo(summit=summit, themes=themes, sessions=sessions, riyadh=riyadh)


def sign_in_to_admin(page, user, *, goto: str = "/admin/", lang: str = "en") -> None:
    """Sign a staff member in as the admin asks: email and password on the
    accounts page, then a code from their authenticator app (set up here,
    with the test's secret, unless it already is)."""
    verify_email(user)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        add_authenticator_app(user)
    page.goto(f"/{lang}/accounts/login/?next={goto}")
    page.get_by_label(ui(lang, "Email")).fill(user.email)
    page.get_by_label(ui(lang, "Password")).fill(STAFF_PASSWORD)
    page.get_by_role("button", name=ui(lang, "Sign In")).click()
    page.get_by_label(ui(lang, "Code")).fill(totp_code(TOTP_SECRET))
    page.get_by_role("button", name=ui(lang, "Sign In")).click()
    page.wait_for_url(f"**{goto}")
