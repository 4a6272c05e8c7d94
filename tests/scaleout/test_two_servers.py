"""Two gunicorn servers on one PostgreSQL database and one Redis behave as one
site: a sign-in, a session's capacity, a rate limit and a cached page hold
whichever server a request reaches.

The servers run from this checkout with production settings over plain http,
on the test database pytest-django created and under this test process's
cache prefix, so what a test writes is what they read. The module runs only
when DATABASE_URL names PostgreSQL and REDIS_URL is set (CI's second pass).
"""

import contextlib
import fcntl
import hashlib
import http.cookiejar
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from sessions.models import Registration, Session
from tests.factories import make_participant, make_upcoming_session
from tests.staff import TOTP_SECRET, add_authenticator_app, totp_code, verify_email

pytestmark = [
    pytest.mark.scaleout,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
        or not os.environ.get("REDIS_URL"),
        reason="two servers need one shared database and cache: "
        "set DATABASE_URL to PostgreSQL and REDIS_URL to a Redis",
    ),
]

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "locale" / "ar" / "LC_MESSAGES" / "django.mo"
PASSWORD = "a-long-passphrase-42"
INTERVIEW_RATE = 3
STARTUP_SECONDS = 30
TIMEOUT = 30
INTERVIEW_FORM = "//form[contains(@class, 'interview-form')]"

# Servers read the manifest in the checkout's one STATIC_ROOT, which
# collectstatic deletes and writes anew: servers of any test process hold this
# lock shared while they run, collectstatic holds it alone.
STATIC_LOCK = Path(tempfile.gettempdir()) / (
    "u20-staticfiles-"
    + hashlib.blake2b(str(settings.STATIC_ROOT).encode(), digest_size=8).hexdigest()
    + ".lock"
)


# HTTP ------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    location: str
    text: str

    def form(self, xpath: str = "//form"):
        forms = lxml.html.fromstring(self.text).xpath(xpath)
        assert forms, f"no {xpath} on the page (HTTP {self.status}):\n{self.text[:2000]}"
        return forms[0]

    def csrf_token(self, xpath: str = "//form") -> str:
        return self.form(xpath).inputs["csrfmiddlewaretoken"].value


class _AsItCame(urllib.request.HTTPErrorProcessor):
    """Every answer as the server sent it: the test reads redirects and errors."""

    def http_response(self, request, response):
        return response

    https_response = http_response


class Visitor:
    """One browser's cookies, sent to whichever server it asks: cookies do not
    depend on the port, as behind a load balancer they would not on the server."""

    def __init__(self, session_key: str | None = None) -> None:
        self.cookies = http.cookiejar.CookieJar()
        if session_key:
            self.cookies.set_cookie(_cookie(settings.SESSION_COOKIE_NAME, session_key))
        self._opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),
            urllib.request.HTTPCookieProcessor(self.cookies),
            _AsItCame(),
        )

    def get(self, server: "Server", path: str) -> Answer:
        return self._open(server, path)

    def post(self, server: "Server", path: str, data) -> Answer:
        return self._open(server, path, urllib.parse.urlencode(data, doseq=True).encode())

    def _open(self, server: "Server", path: str, body: bytes | None = None) -> Answer:
        # Always http://127.0.0.1:<port>, built here: no other scheme is reachable.
        request = urllib.request.Request(server.url + path, data=body)  # noqa: S310
        with self._opener.open(request, timeout=TIMEOUT) as response:
            text = response.read().decode("utf-8", errors="replace")
            return Answer(response.status, response.headers.get("Location", ""), text)


def _cookie(name: str, value: str) -> http.cookiejar.Cookie:
    """A cookie as the jar keeps one set by 127.0.0.1 without a Domain."""
    return http.cookiejar.Cookie(
        version=0,
        name=name,
        value=value,
        port=None,
        port_specified=False,
        domain="127.0.0.1",
        domain_specified=False,
        domain_initial_dot=False,
        path="/",
        path_specified=True,
        secure=False,
        expires=None,
        discard=True,
        comment=None,
        comment_url=None,
        rest={},
    )


def signed_in(user) -> Visitor:
    """A visitor whose session, stored in the shared database, holds user."""
    client = Client()
    client.force_login(user)
    return Visitor(client.cookies[settings.SESSION_COOKIE_NAME].value)


# Servers ---------------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:]


@dataclass
class Pair:
    a: Server
    b: Server

    def logs(self) -> str:
        return "\n".join(f"--- server {s.name}:\n{s.log_tail()}" for s in (self.a, self.b))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _test_database_url() -> str:
    """DATABASE_URL with the test database's name in place of the configured one."""
    parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    name = settings.DATABASES["default"]["NAME"]
    return parts._replace(path="/" + urllib.parse.quote(name)).geturl()


def _server_env(media_root: Path) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "PYTEST_")) and name not in {"SITE_URL"}
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        # The test process's key: sessions it stores must be valid on the servers.
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_MEDIA_ROOT=str(media_root),
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=_test_database_url(),
        REDIS_URL=os.environ["REDIS_URL"],
        # tests/conftest.py gives each xdist worker a prefix of its own.
        CACHE_KEY_PREFIX=settings.CACHES["default"]["KEY_PREFIX"],
        # A day's window: the limit cannot reset between two posts of a test.
        INTERVIEW_REQUEST_RATE=f"{INTERVIEW_RATE}/d",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return env


def _start(name: str, env: dict[str, str], log: Path) -> Server:
    port = _free_port()
    # SITE_URL names the address a server answers on; a request for its host
    # on another port is refused (u20.middleware), so each server names its own.
    env = {**env, "SITE_URL": f"http://127.0.0.1:{port}"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    args = [str(gunicorn), "u20.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*args, "--threads", "1", "--timeout", str(TIMEOUT)],
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return Server(name, port, process, log)


def _stop(*servers: Server) -> None:
    """Ask each master to stop its workers, then kill those that have not: a
    worker whose master is gone stops by itself. The servers stay in the test
    process's group, so that whatever stops the test run stops them too."""
    for server in servers:
        if server.process.poll() is None:
            server.process.terminate()
    for server in servers:
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=5)


def _wait_until_healthy(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    last = "no answer"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"server {server.name} exited:\n{server.log_tail()}", pytrace=False)
        try:
            with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
                server.url + "/healthz", timeout=2
            ) as response:
                if response.status == 200:
                    return
                last = f"HTTP {response.status}"
        except OSError as error:
            last = str(error)
        time.sleep(0.2)
    pytest.fail(
        f"server {server.name}: /healthz did not answer 200 within {STARTUP_SECONDS} s "
        f"({last}):\n{server.log_tail()}",
        pytrace=False,
    )


def _static_is_current() -> bool:
    """Whether the manifest is newer than every file collectstatic would copy."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.is_file():
        return False
    collected = manifest.stat().st_mtime
    ignored = apps.get_app_config("staticfiles").ignore_patterns
    return all(
        Path(storage.path(path)).stat().st_mtime <= collected
        for finder in finders.get_finders()
        for path, storage in finder.list(ignored)
    )


def _hold_collected_static(lock, env: dict[str, str]) -> None:
    """Without debugging, pages name static files through the manifest
    collectstatic writes; collect them when a source file is newer, then hold
    the lock shared until the servers stop."""
    fcntl.flock(lock, fcntl.LOCK_SH)
    if _static_is_current():
        return
    fcntl.flock(lock, fcntl.LOCK_UN)
    fcntl.flock(lock, fcntl.LOCK_EX)
    if not _static_is_current():
        _collect_static(env)
    fcntl.flock(lock, fcntl.LOCK_SH)


def _collect_static(env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"collectstatic failed:\n{done.stdout}{done.stderr}"


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """Servers A and B, two sync workers each, on the test database and this
    process's Redis prefix; stopped when the module ends, whatever happened."""
    if not CATALOGUE.is_file():
        pytest.fail(f"{CATALOGUE} is missing: run `make messages` first", pytrace=False)
    folder = tmp_path_factory.mktemp("servers")
    env = _server_env(folder / "media")
    with contextlib.ExitStack() as stack:
        _hold_collected_static(stack.enter_context(STATIC_LOCK.open("w")), env)
        started: list[Server] = []
        stack.callback(lambda: _stop(*started))
        for name in ("A", "B"):
            started.append(_start(name, env, folder / f"{name}.log"))
        for server in started:
            _wait_until_healthy(server)
        yield Pair(*started)


@pytest.fixture(scope="module")
def password_hash() -> str:
    """PASSWORD hashed as the servers hash it. A module fixture runs outside
    the tests' fast hasher (tests/conftest.py), so this is the project's own."""
    return make_password(PASSWORD)


def with_password(user, password_hash: str):
    user.password = password_hash
    user.save(update_fields=["password"])
    return user


def log_in(visitor: Visitor, server: Server, email: str, *, next_path: str = "") -> Answer:
    """Email and password through allauth's form, as a person types them."""
    path = reverse("account_login") + (f"?next={next_path}" if next_path else "")
    form = visitor.get(server, path)
    return visitor.post(
        server,
        path,
        {"csrfmiddlewaretoken": form.csrf_token(), "login": email, "password": PASSWORD},
    )


# Checks ----------------------------------------------------------------------


def test_sign_in_on_one_server_holds_on_the_other(servers, transactional_db, password_hash):
    participant = make_participant(full_name="Layla Haddad")
    with_password(participant.user, password_hash)
    visitor = Visitor()

    signed = log_in(visitor, servers.a, participant.user.email)
    me = visitor.get(servers.b, reverse("me:index"))

    assert (signed.status, signed.location) == (302, reverse("me:index")), signed.text[:2000]
    assert me.status == 200, f"HTTP {me.status} to {me.location}"
    assert "Signed in as <bdi>Layla Haddad</bdi>" in me.text


def test_concurrent_registrations_on_both_servers_fill_capacity_exactly(servers, transactional_db):
    session = make_upcoming_session(capacity=10, title_en="Resilient water systems")
    page = session.get_absolute_url()
    people = [
        (signed_in(make_participant().user), servers.a if n % 2 == 0 else servers.b)
        for n in range(30)
    ]
    start = threading.Barrier(len(people), timeout=TIMEOUT)

    def register_form(visitor: Visitor, server: Server):
        return visitor.get(server, page).form("//form[contains(@action, '/register/')]")

    def register(visitor: Visitor, server: Server, form) -> Answer:
        start.wait()  # every POST leaves at once
        return visitor.post(server, form.action, form.form_values())

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        forms = list(pool.map(lambda person: register_form(*person), people))
        answers = list(pool.map(lambda person, form: register(*person, form), people, forms))

    statuses = Counter(answer.status for answer in answers)
    assert statuses == {302: 30}, f"{statuses}\n{servers.logs()}"
    assert {answer.location for answer in answers} == {page}
    held = Counter(Registration.objects.filter(session=session).values_list("status", flat=True))
    assert held == {"confirmed": 10, "waitlisted": 20}


def test_rate_limit_reached_on_one_server_holds_on_the_other(servers, transactional_db):
    path = reverse("media_contacts:interview_request")
    on_a, on_b = Visitor(), Visitor()
    token_a = on_a.get(servers.a, path).csrf_token(INTERVIEW_FORM)
    token_b = on_b.get(servers.b, path).csrf_token(INTERVIEW_FORM)

    allowed = [
        on_a.post(servers.a, path, {"csrfmiddlewaretoken": token_a, "name": "Sam Reporter"})
        for _ in range(INTERVIEW_RATE)
    ]
    refused_on_a = on_a.post(servers.a, path, {"csrfmiddlewaretoken": token_a})
    refused_on_b = on_b.post(servers.b, path, {"csrfmiddlewaretoken": token_b})

    # Each allowed post is the form again, with what was typed and its errors.
    assert [answer.status for answer in allowed] == [200] * INTERVIEW_RATE
    assert all('value="Sam Reporter"' in answer.text for answer in allowed)
    assert refused_on_a.status == 429
    assert refused_on_b.status == 429
    assert "Too many attempts" in refused_on_b.text


def test_admin_edit_on_one_server_shows_on_the_others_cached_agenda(
    servers, transactional_db, password_hash
):
    session = make_upcoming_session(title_en="Streets for people")
    agenda = reverse("agenda:agenda", kwargs={"summit": session.summit.slug})
    reader = Visitor()
    first, cached = reader.get(servers.b, agenda), reader.get(servers.b, agenda)
    # Changed behind the site's back: server B keeps serving its cached page.
    Session.objects.filter(pk=session.pk).update(title_en="Streets unchanged")
    still_cached = reader.get(servers.b, agenda)

    staff = get_user_model().objects.create_user(
        username="organiser", email="organiser@example.org", is_staff=True, is_superuser=True
    )
    with_password(staff, password_hash)
    verify_email(staff)
    add_authenticator_app(staff)
    organiser = Visitor()
    signed = log_in(organiser, servers.a, staff.email, next_path="/admin/")
    code_form = organiser.get(servers.a, signed.location)
    second = organiser.post(
        servers.a,
        signed.location,
        {"csrfmiddlewaretoken": code_form.csrf_token(), "code": totp_code(TOTP_SECRET)},
    )
    change = reverse("admin:agenda_session_change", args=[session.pk])
    form = organiser.get(servers.a, change).form("//form[@id='session_form']")
    fields = [(name, value) for name, value in form.form_values() if name != "title_en"]
    saved = organiser.post(
        servers.a, change, [*fields, ("title_en", "Streets for everyone"), ("_save", "Save")]
    )
    after = reader.get(servers.b, agenda)

    assert [page.status for page in (first, cached, still_cached)] == [200, 200, 200]
    assert "Streets for people" in cached.text
    assert "Streets for people" in still_cached.text
    assert (second.status, second.location) == (302, "/admin/"), second.text[:2000]
    assert saved.status == 302, _errors(saved)
    assert Session.objects.get(pk=session.pk).title_en == "Streets for everyone"
    assert after.status == 200
    assert "Streets for everyone" in after.text
    assert "Streets for people" not in after.text


def _errors(answer: Answer) -> str:
    if answer.status != 200:
        return f"HTTP {answer.status} to {answer.location}"
    document = lxml.html.fromstring(answer.text)
    errors = document.xpath("//*[contains(@class, 'errorlist') or contains(@class, 'errornote')]")
    return "; ".join(error.text_content().strip() for error in errors)
