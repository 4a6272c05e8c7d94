"""A registration storm on PostgreSQL and Redis, driven by Locust.

Usage, from the repository root (``make bench-storm`` runs the first line)::

    .venv/bin/python bench/storm.py
    .venv/bin/python bench/storm.py --registrants 100 --browsers 10 --keep-database

Locust (requirements-bench.txt) is the load generator here rather than
``bench/loadgen.py``: each of its users keeps its own cookies and state, so
500 people can each sign in through the real login form, carry their own
session and CSRF token, and post once at their own moment, while other users
browse and a probe times /healthz, all in one run.

What one run does:

1. Drops and creates the PostgreSQL database (default
   postgres://postgres@127.0.0.1:5432/u20_storm) and empties Redis database
   12, then runs ``migrate``, ``compile_catalogue`` and ``collectstatic``
   with production-like settings (DJANGO_DEBUG=0, DJANGO_HTTPS=0, a random
   secret key, REDIS_URL for the cache and allauth's rate limits, the
   local-memory mail backend: no email leaves the run, and no task worker runs,
   so every email stays queued in the outbox).
2. Seeds a current summit from today with 8 sessions tomorrow (capacity 50,
   three speakers each) and 500 participants, each an account with a
   verified primary address (allauth's EmailAddress, as
   ``tests/factories.make_participant`` makes them), a third of them
   preferring Arabic. The password hashes are PBKDF2 at a low work factor so
   seeding is quick; the first sign-in checks it and stores it again at
   Django's full work factor, as for any outdated hash, so signing in costs
   what it costs in production (sign-in is not what is measured).
3. Starts ``gunicorn u20.wsgi`` with 4 sync workers at a free port, with
   SITE_URL naming it.
4. Runs ``bench/storm_users.py`` with Locust, headless: every registrant
   signs in once and fetches its session's register form; once all are
   ready, the storm begins: registrant i POSTs the register form of session
   i mod 8 at its own moment of a 10-second window (evenly spaced moments,
   shuffled), while 50 anonymous visitors browse the agenda (English and
   Arabic), session pages and the home page, pausing 1-3 s between pages,
   and a probe asks /healthz every 0.1 s.
5. Reads the database and reports, each check PASS or FAIL:
   - errors: failed requests of any kind, sign-ins included (must be 0);
   - confirmed places per session (never over the capacity), and the
     waitlist in request order: nobody was waitlisted while a place was
     free, each waitlisted person was told the place in the queue that the
     queue (``Registration.objects.queue()``, by waitlisted_at) still gives
     them, and no two registrations are in the opposite order of requests
     that did not overlap in time (requests in flight together may be served
     either way round: the lock decides);
   - p50 and p95 latency of the register POST beside /healthz's during the
     storm window (the register POST's p95 at most 5x /healthz's);
   - every email queued exactly once: one outbox row per registration, of
     the kind its outcome calls for, and no (to, kind) pair twice;
   - the load average before and after.
6. Stops gunicorn, drops the database (unless ``--keep-database``) and
   deletes the temporary directory, whatever happened.

Exit status: 0 when every check passes, 1 when one fails, 2 when a setup
step failed, 130 when interrupted.

Steps 1 to 4 are this file (the server side through ``bench/harness.py`` and
``bench/serve.py``), the users ``bench/storm_users.py``, and the checks of
step 5 ``bench/storm_checks.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import harness
import psycopg
import redis
import serve
from psycopg import sql
from storm_checks import (
    Report,
    check_errors,
    check_latency,
    check_outbox,
    check_places,
)

USERS_FILE = Path(__file__).with_name("storm_users.py")
SUMMIT = "storm"
# Every seeded account's password, in a database made for the run and dropped after it.
PASSWORD = "storm-passphrase-for-benchmarks-only-42"  # noqa: S105

# Run with DJANGO_SETTINGS_MODULE=u20.settings; argv[1] is the JSON of what to
# make. Prints one JSON line: the session slugs and the registrants.
SEED_SCRIPT = r"""
import json
import sys
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import django

django.setup()

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import transaction
from django.utils import timezone

from sessions.models import Participant, Session, SessionSpeaker, Speaker
from u20 import pagecache
from u20.models import City, Summit

spec = json.loads(sys.argv[1])
zone = ZoneInfo("Asia/Riyadh")
today = timezone.now().astimezone(zone).date()
tomorrow = today + timedelta(days=1)
hasher = PBKDF2PasswordHasher()

with transaction.atomic():
    city = City.objects.create(
        slug="riyadh", name_en="Riyadh", name_ar="الرياض",
        country_en="Saudi Arabia", country_ar="المملكة العربية السعودية",
    )
    summit = Summit.objects.create(
        slug=spec["summit"], name_en="Registration storm summit", name_ar="قمة عاصفة التسجيل",
        year=today.year, start_date=today, end_date=today + timedelta(days=2),
        time_zone="Asia/Riyadh", host_city=city, is_published=True, is_current=True,
    )
    sessions = Session.objects.bulk_create(
        Session(
            summit=summit,
            slug=f"storm-session-{n}",
            title_en=f"Session {n}: water security in growing cities",
            title_ar=f"الجلسة {n}: الأمن المائي في المدن المتنامية",
            description_en="How cities plan for drought and who pays for it. " * 3,
            description_ar="كيف تستعد المدن للجفاف ومن يتحمل كلفته. " * 3,
            starts_at=datetime.combine(tomorrow, time(9 + n), zone),
            ends_at=datetime.combine(tomorrow, time(9 + n, 50), zone),
            capacity=spec["capacity"],
            is_published=True,
        )
        for n in range(spec["sessions"])
    )
    speakers = Speaker.objects.bulk_create(
        Speaker(slug=f"storm-speaker-{n}", name_en=f"Speaker {n}", name_ar=f"المتحدث {n}")
        for n in range(3 * len(sessions))
    )
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(session=session, speaker=speakers[3 * n + order], order=order)
        for n, session in enumerate(sessions)
        for order in range(3)
    )
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"storm{n:04d}",
            email=f"storm{n:04d}@example.org",
            password=hasher.encode(spec["password"], hasher.salt(), iterations=1000),
        )
        for n in range(spec["registrants"])
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    Participant.objects.bulk_create(
        Participant(
            user=user,
            full_name=f"Registrant {n}",
            language="ar" if n % 3 == 2 else "en",
            time_zone="Asia/Riyadh",
        )
        for n, user in enumerate(users)
    )
    pagecache.content_changed()

print(json.dumps({
    "sessions": [session.slug for session in sessions],
    "registrants": [
        {"email": user.email, "language": "ar" if n % 3 == 2 else "en"}
        for n, user in enumerate(users)
    ],
}))
"""

# argv[1] is the summit. Prints one JSON line: every registration, each
# session's queue and capacity, and the outbox rows by (to, kind).
VERIFY_SCRIPT = r"""
import json
import sys

import django

django.setup()

from django.db.models import Count

from sessions.models import Registration, Session
from u20.models import OutgoingEmail


def stamp(moment):
    return None if moment is None else moment.timestamp()


sessions = Session.objects.filter(summit__slug=sys.argv[1])
registrations = Registration.objects.filter(session__in=sessions).select_related(
    "participant__user", "session"
)
print(json.dumps({
    "capacity": {session.slug: session.capacity for session in sessions},
    "registrations": [
        {
            "pk": registration.pk,
            "email": registration.participant.user.email,
            "session": registration.session.slug,
            "status": registration.status,
            "confirmed_at": stamp(registration.confirmed_at),
            "waitlisted_at": stamp(registration.waitlisted_at),
        }
        for registration in registrations
    ],
    "queues": {
        session.slug: list(
            Registration.objects.queue()
            .filter(session=session)
            .values_list("participant__user__email", flat=True)
        )
        for session in sessions
    },
    "outbox": list(
        OutgoingEmail.objects.values("to", "kind").annotate(rows=Count("pk")).order_by("to", "kind")
    ),
}))
"""


# Setup ------------------------------------------------------------------------------


def fresh_database(url: str) -> None:
    """Drop and create the database url names, through the server's own
    ``postgres`` database."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or parts.scheme not in ("postgres", "postgresql"):
        raise harness.BenchError(f"not a PostgreSQL database URL: {url}")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            for statement in ("DROP DATABASE IF EXISTS {} WITH (FORCE)", "CREATE DATABASE {}"):
                connection.execute(sql.SQL(statement).format(sql.Identifier(name)))
    except psycopg.Error as error:
        raise harness.BenchError(f"could not make database {name}: {error}") from error


def drop_database(url: str) -> None:
    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        connection.execute(statement.format(sql.Identifier(parts.path.lstrip("/"))))


def empty_redis(url: str) -> None:
    try:
        redis.Redis.from_url(url).flushdb()
    except redis.RedisError as error:
        raise harness.BenchError(f"could not empty Redis at {url}: {error}") from error


def prepare(bench: harness.Bench, args: argparse.Namespace) -> dict:
    bench.env.update(
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    serve.at_port(bench, harness.free_port())
    fresh_database(args.database_url)
    empty_redis(args.redis_url)
    bench.manage("migrate", "migrate", "--noinput", "-v", "0")
    if bench.manage("compile_catalogue", "compile_catalogue", fatal=False) is None:
        harness.log("warning: compile_catalogue refused the catalogue; Arabic pages may fall back")
    bench.manage("collectstatic", "collectstatic", "--noinput", "-v", "0")
    spec = {
        "summit": SUMMIT,
        "sessions": args.sessions,
        "capacity": args.capacity,
        "registrants": args.registrants,
        "password": PASSWORD,
    }
    output = bench.django_script(
        f"seed {args.registrants} participants", SEED_SCRIPT, json.dumps(spec)
    )
    return json.loads(output.strip().splitlines()[-1])


def storm_plan(seeded: dict, args: argparse.Namespace) -> dict:
    """Who registers where, and when within the window: evenly spaced
    moments, in an order shuffled with a fixed seed."""
    sessions = seeded["sessions"]
    registrants = [
        {**person, "session": sessions[n % len(sessions)]}
        for n, person in enumerate(seeded["registrants"])
    ]
    offsets = [args.window * k / len(registrants) for k in range(len(registrants))]
    random.Random(20).shuffle(offsets)
    return {
        "summit": SUMMIT,
        "sessions": sessions,
        "password": PASSWORD,
        "registrants": registrants,
        "offsets": offsets,
        "browsers": args.browsers,
        "probes": 2,
        "probe_interval": 0.1,
        "think": [1, 3],
        "lead": 3.0,  # seconds between everyone being ready and the first POST
        "tail": 2.0,  # seconds of browsing after the last registration answered
        "login_concurrency": 4,
    }


# The storm ----------------------------------------------------------------------------


def locust_executable() -> str:
    path = Path(sys.executable).with_name("locust")
    if not path.exists():
        raise harness.BenchError(
            "Locust is not installed: .venv/bin/pip install -r requirements-bench.txt"
        )
    return str(path)


def run_locust(bench: harness.Bench, plan: dict) -> dict:
    """Run the storm; what storm_users.py recorded."""
    plan_path, out_path = bench.tmp / "plan.json", bench.tmp / "records.json"
    plan_path.write_text(json.dumps(plan))
    users = len(plan["registrants"]) + plan["browsers"] + plan["probes"]
    env = {**os.environ, "STORM_PLAN": str(plan_path), "STORM_OUT": str(out_path)}
    args = [
        locust_executable(),
        "-f", str(USERS_FILE),
        "--headless",
        "--host", bench.env["SITE_URL"],
        "--users", str(users),
        "--spawn-rate", "100",
        "--run-time", "20m",  # a bound: the run quits after the last registration
        "--stop-timeout", "5",
        "--only-summary",
        "--loglevel", "WARNING",
    ]  # fmt: skip
    harness.log(f"Locust: {users} users; sign-ins first, then the storm")
    process = subprocess.Popen(args, cwd=harness.REPO, env=env, stdout=sys.stderr)
    try:
        status = process.wait()
    except BaseException:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
        raise
    if bench.gunicorn.poll() is not None:
        raise harness.BenchError(f"gunicorn died:\n{harness.tail(bench.log_path)}")
    if not out_path.exists():
        raise harness.BenchError(f"Locust exited with status {status} and recorded nothing")
    return json.loads(out_path.read_text())


# Running --------------------------------------------------------------------------------


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def benchmark(bench: harness.Bench, args: argparse.Namespace) -> int:
    try:
        seeded = prepare(bench, args)
        plan = storm_plan(seeded, args)
        serve.start(bench, args.workers)
        harness.log(f"gunicorn ({args.workers} sync workers) is up at {bench.env['SITE_URL']}")
        before = load_average()
        recorded = run_locust(bench, plan)
        after = load_average()
        state = json.loads(
            bench.django_script("read the registrations", VERIFY_SCRIPT, SUMMIT)
            .strip()
            .splitlines()[-1]
        )
    finally:
        serve.stop(bench)
        if not args.keep_database:
            with contextlib.suppress(psycopg.Error):
                drop_database(args.database_url)

    records, phases = recorded["records"], recorded["phases"]
    posts = {}
    for record in records:
        if record["name"] == "register POST":
            person = plan["registrants"][record["number"]]
            posts[person["email"]] = {**record, "end": record["start"] + record["ms"] / 1000}
    report = Report()
    check_errors(
        report,
        records,
        {"registered": len(state["registrations"]), "registrants": len(plan["registrants"])},
    )
    check_places(report, state, posts)
    check_latency(report, records, args.window)
    check_outbox(report, state)

    started = datetime.fromtimestamp(phases.get("storm", 0), UTC).strftime("%H:%M:%S UTC")
    sign_in = phases.get("ready", 0) - phases.get("sign_in", 0)
    print(
        f"Registration storm at {started}: {args.registrants} verified participants register "
        f"for {args.sessions} sessions of capacity {args.capacity} within {args.window:g} s, "
        f"while {args.browsers} visitors browse; gunicorn {args.workers} sync workers, "
        f"PostgreSQL, Redis; {os.cpu_count()} CPUs"
    )
    print(
        f"sign-in of every registrant beforehand: {sign_in:.1f} s "
        f"(allauth's login form, {plan['login_concurrency']} at a time)"
    )
    print(f"load average (1, 5, 15 min): {before} before the run, {after} after the storm")
    for line in report.lines:
        print(line)
    print(f"storm {'passed' if report.passed else 'FAILED'}")
    return 0 if report.passed else 1


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="A registration storm on PostgreSQL and Redis, driven by Locust.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    positive = harness.positive
    parser.add_argument("--registrants", type=positive(int), default=500)
    parser.add_argument("--sessions", type=positive(int), default=8)
    parser.add_argument("--capacity", type=positive(int), default=50)
    parser.add_argument("--window", type=positive(float), default=10.0, help="seconds")
    parser.add_argument("--browsers", type=int, default=50, help="anonymous visitors")
    parser.add_argument("--workers", type=positive(int), default=4, help="gunicorn workers")
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/u20_storm",
        help="dropped and created afresh",
    )
    parser.add_argument(
        "--redis-url", default="redis://127.0.0.1:6379/12", help="emptied at the start"
    )
    parser.add_argument(
        "--keep-database", action="store_true", help="leave the database for inspection"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return harness.run(lambda bench: benchmark(bench, args))


if __name__ == "__main__":
    sys.exit(main())
