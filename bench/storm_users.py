"""The people of the registration storm, for Locust (``bench/storm.py`` runs it).

    locust -f bench/storm_users.py --headless --host http://127.0.0.1:PORT ...

with STORM_PLAN naming the JSON plan storm.py wrote (who registers where and
when) and STORM_OUT the JSON file this writes when Locust quits: every request
Locust made, with when it was sent, how long it took, its status and what the
site told the registrant.

Three kinds of user, in the numbers the plan gives:

* ``Registrant``: signs in once through allauth's login form (a GET for the
  CSRF token, then the POST), opens its session's page for the register
  form's token, and waits. When every registrant is ready, the storm begins
  ``lead`` seconds later; each registrant POSTs the register form once, at
  its own offset into the storm window, and stops.
* ``Browser``: an anonymous visitor reading the agenda in English and Arabic,
  a session page and the home page, with a pause between pages, from the
  moment every registrant is ready until the run ends.
* ``Probe``: asks /healthz at a steady pace over the same time, so the
  trivial view's latency is measured under the same load.

Sign-ins are allauth's, rate-limited per client address (30 a minute), so
every user sends from its own loopback address (127.0.0.0/8 all reaches the
server on Linux), as people on their own connections would. Sign-ins are
not what is measured: a few run at a time so that they finish quickly.
Locust quits ``tail`` seconds after the last registration was answered.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import time
import zlib
from pathlib import Path

import gevent
from gevent.event import Event
from gevent.lock import Semaphore
from locust import HttpUser, between, constant, events, task
from locust.exception import StopUser
from urllib3 import PoolManager

PLAN = json.loads(Path(os.environ["STORM_PLAN"]).read_text())
OUT = Path(os.environ["STORM_OUT"])
TIMEOUT = 60  # seconds: a request slower than this is an error
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUMMIT = PLAN["summit"]

records: list[dict] = []  # one per request, from the request event
phases: dict[str, float] = {}  # when each part of the run began, epoch seconds
ready = Event()  # every registrant has signed in (or failed to)
login_slots = Semaphore(PLAN["login_concurrency"])
settled = {"arrived": 0, "finished": 0}


def session_path(language: str, session: str) -> str:
    return f"/{language}/summits/{SUMMIT}/sessions/{session}/"


def told(cookie: str | None) -> list[tuple[int, str]]:
    """The messages a response left in Django's messages cookie, as (level,
    text). The cookie is a signed object, "payload:timestamp:signature", the
    payload base64 JSON (zlib-compressed when it starts with a dot); it is
    read here without checking the signature, which is the server's job."""
    if not cookie:
        return []
    payload = cookie.strip('"').split(":", 1)[0]
    compressed = payload.startswith(".")
    payload = payload.removeprefix(".")
    data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    decoded = json.loads(zlib.decompress(data) if compressed else data)
    # Each message is ["__json_message", is_safe, level, text, extra_tags?].
    return [(part[2], part[3]) for part in decoded if isinstance(part, list) and len(part) > 3]


@events.request.add_listener
def record(request_type, name, response_time, response, exception, start_time, context, **_):
    entry = {
        "method": request_type,
        "name": name,
        "start": start_time,
        "ms": response_time,
        "status": getattr(response, "status_code", 0),
        "error": None if exception is None else f"{type(exception).__name__}: {exception}",
        **context,
    }
    if name == "register POST" and response is not None:
        try:
            entry["told"] = told(response.cookies.get("messages"))
        except (ValueError, zlib.error) as error:  # binascii's and JSON's are ValueErrors
            entry["told_error"] = f"{type(error).__name__}: {error}"
    records.append(entry)


@events.quitting.add_listener
def write_records(environment, **_):
    OUT.write_text(json.dumps({"phases": phases, "records": records}))


class LoopbackUser(HttpUser):
    """A user sending from its own address in 127.<block>.0.0/16."""

    abstract = True
    block = 0

    def __init__(self, *args, **kwargs):
        self.number = next(self.numbers)
        address = f"127.{self.block}.{self.number // 250}.{self.number % 250 + 1}"
        self.pool_manager = PoolManager(source_address=(address, 0))
        super().__init__(*args, **kwargs)

    def fetch(self, method: str, path: str, *, name: str, expect=None, **kwargs):
        """One request, counted as a failure unless it answered 200 (or what
        expect(response), a problem or None, accepts); the response, or None
        when it failed."""
        kwargs.setdefault("timeout", TIMEOUT)
        context = {"user": self.kind, "number": self.number}
        with self.client.request(
            method, path, name=name, catch_response=True, context=context, **kwargs
        ) as response:
            if response.status_code == 0:
                problem = f"no answer: {response.error}"
            elif expect is not None:
                problem = expect(response)
            else:
                problem = None if response.status_code == 200 else f"HTTP {response.status_code}"
            if problem:
                response.failure(problem)
                return None
            response.success()
        return response


def form_token(response) -> str | None:
    match = TOKEN.search(response.text)
    return match.group(1) if match else None


def has_form(response) -> str | None:
    """A page with a form to post: 200, with a CSRF token (and, on a
    session page, the register form)."""
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    if form_token(response) is None:
        return "no form with a CSRF token"
    if "/sessions/" in response.request.path_url and "/register/" not in response.text:
        return "no register form on the session page"
    return None


class Registrant(LoopbackUser):
    fixed_count = len(PLAN["registrants"])
    numbers = itertools.count()
    block, kind = 20, "registrant"
    wait_time = constant(0)

    def on_start(self):
        person = PLAN["registrants"][self.number]
        self.offset = PLAN["offsets"][self.number]
        self.page = session_path(person["language"], person["session"])
        with login_slots:
            phases.setdefault("sign_in", time.time())
            signed_in = self.sign_in(person)
        page = signed_in and self.fetch(
            "GET", self.page, name="session page (signed in)", expect=has_form
        )
        # Django gives a new CSRF token at sign-in: the register form carries it.
        self.token = form_token(page) if page else None
        settled["arrived"] += 1
        if settled["arrived"] == len(PLAN["registrants"]):
            phases["ready"] = time.time()
            phases["storm"] = phases["ready"] + PLAN["lead"]
            ready.set()
        ready.wait()

    def sign_in(self, person: dict) -> bool:
        login = f"/{person['language']}/accounts/login/"
        form = self.fetch("GET", login, name="sign-in form", expect=has_form)
        if form is None:
            return False
        fields = {
            "csrfmiddlewaretoken": form_token(form),
            "login": person["email"],
            "password": PLAN["password"],
        }

        def has_session(response):
            if response.status_code != 302 or "sessionid" not in self.client.cookies:
                return f"HTTP {response.status_code} without a session: not signed in"
            return None

        answer = self.fetch(
            "POST",
            login,
            name="sign-in POST",
            data=fields,
            allow_redirects=False,
            expect=has_session,
        )
        return answer is not None

    def back_to_session(self, response) -> str | None:
        location = response.headers.get("Location")
        if response.status_code != 302 or location != self.page:
            return f"HTTP {response.status_code} to {location}, not back to the session"
        return None

    @task
    def register(self):
        if self.token is not None:
            gevent.sleep(max(0.0, phases["storm"] + self.offset - time.time()))
            self.fetch(
                "POST",
                self.page + "register/",
                name="register POST",
                data={"csrfmiddlewaretoken": self.token},
                allow_redirects=False,
                expect=self.back_to_session,
            )
        settled["finished"] += 1
        if settled["finished"] == len(PLAN["registrants"]):
            phases["storm_end"] = time.time()
            gevent.spawn_later(PLAN["tail"], self.environment.runner.quit)
        raise StopUser


class Browser(LoopbackUser):
    fixed_count = PLAN["browsers"]
    numbers = itertools.count()
    block, kind = 30, "browser"
    wait_time = between(*PLAN["think"])

    def on_start(self):
        ready.wait()

    def read(self, path: str, name: str) -> None:
        self.fetch("GET", path, name=name)

    @task(3)
    def agenda_en(self):
        self.read(f"/en/summits/{SUMMIT}/agenda/", "browse: agenda en")

    @task(2)
    def agenda_ar(self):
        self.read(f"/ar/summits/{SUMMIT}/agenda/", "browse: agenda ar")

    @task(2)
    def session(self):
        slug = PLAN["sessions"][self.number % len(PLAN["sessions"])]
        self.read(session_path("en", slug), "browse: session page")

    @task(1)
    def home(self):
        self.read("/en/", "browse: home")


class Probe(LoopbackUser):
    fixed_count = PLAN["probes"]
    numbers = itertools.count()
    block, kind = 40, "probe"
    wait_time = constant(PLAN["probe_interval"])

    def on_start(self):
        ready.wait()

    @task
    def healthz(self):
        self.fetch("GET", "/healthz", name="healthz")
