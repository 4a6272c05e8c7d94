"""Benchmark the public agenda page against a trivial view, under gunicorn.

Usage, from the repository root (``make bench`` runs the first line)::

    .venv/bin/python bench/agenda.py
    .venv/bin/python bench/agenda.py --duration 5 --warmup 1 --connections 4
    .venv/bin/python bench/agenda.py --sessions 500 --json > results.json

Options: ``--duration`` seconds measured per target (default 10), ``--warmup``
seconds before each measurement (default 2), ``--connections`` concurrent
client connections (default 8), ``--sessions`` published sessions the
riyadh-2020 summit gets (default 200), ``--workers`` gunicorn workers
(default 2), ``--json`` to print the results as JSON instead of a table.

What one run does:

1. Makes a temporary directory holding a throwaway SQLite database and media
   root, and runs ``migrate``, ``compile_catalogue``, ``collectstatic`` and
   ``load_demo`` against it with production-like settings (DJANGO_DEBUG=0,
   DJANGO_HTTPS=0, a random DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS=127.0.0.1).
   ``compile_catalogue`` writes the git-ignored ``locale/*/LC_MESSAGES/*.mo``
   and ``collectstatic`` the git-ignored ``staticfiles/``, as ``make run`` does.
2. Replaces the riyadh-2020 summit's ten hand-written demo sessions (whose
   speakers and hosts vary) with ``--sessions`` generated published sessions
   over its three days (2020-09-30 to 2020-10-02, Asia/Riyadh), each with
   three speakers, two hosts (a city, then an organisation) and one theme, in
   both English and Arabic, then checks that every session has that shape.
3. Starts ``gunicorn u20.wsgi --workers 2 --threads 1`` on a free port of
   127.0.0.1 and waits for ``/healthz`` to answer 200.
4. For each target in turn (/healthz, the English agenda, the Arabic agenda,
   the English home page, /healthz again) runs ``--connections`` threads, each
   with its own ``http.client`` connection, for ``--warmup`` then
   ``--duration`` seconds, and records every response completed in the
   measured window. Running /healthz first and last shows how much the machine
   drifted during the run; page ratios are against the mean of the two.
5. Prints requests, req/s, p50 and p95 latency, errors and the ratio to
   /healthz per target. Any non-200 response or connection error, in warm-up
   or measurement, is an error and makes the exit status 1.
6. Stops gunicorn and deletes the temporary directory, whatever happened.

gunicorn's sync worker (``--threads 1``) closes the connection after every
response, so the client reconnects for every request; the ``connects`` field
of the JSON output counts the TCP connections each run opened (warm-up
included). The client is plain Python threads: if its CPU use (``client_cpu``
in the JSON, in cores) approaches the number of cores, the client rather than
the server is the limit. The server shares the machine with the client and
with anything else running, so compare ratios rather than absolute numbers,
and distrust a run whose two /healthz rows differ much.

Steps 1, 3 and 6 are ``bench/harness.py``, step 4 and the table
``bench/loadgen.py``, for any benchmark of this app; this file is what the
agenda benchmark seeds, checks, runs and reports.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import harness
import loadgen

SUMMIT = "riyadh-2020"
HEALTHZ = loadgen.HEALTHZ
AGENDA_EN = f"/en/summits/{SUMMIT}/agenda/"
AGENDA_AR = f"/ar/summits/{SUMMIT}/agenda/"
HOME_EN = "/en/"
# Order of the runs: the trivial view first and last, the pages in between.
PLAN = [HEALTHZ, AGENDA_EN, AGENDA_AR, HOME_EN, HEALTHZ]

# Run inside a subprocess with DJANGO_SETTINGS_MODULE=u20.settings; argv[1] is
# the number of sessions. Prints one JSON line describing what it made.
SEED_SCRIPT = r"""
import json
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import django

django.setup()

from django.db import transaction
from django.db.models import Count, Q

from sessions.models import Session, SessionHost, SessionSpeaker, Speaker
from u20.models import City, Organisation, Summit, Theme

count = int(sys.argv[1])
riyadh = ZoneInfo("Asia/Riyadh")
kinds = [choice.value for choice in Session.Kind]
roles = ["moderator", "speaker", "speaker"]

with transaction.atomic():
    summit = Summit.objects.get(slug="__SUMMIT__")
    days = summit.days()
    cities = list(City.objects.order_by("pk"))
    organisations = list(Organisation.objects.order_by("pk"))
    themes = list(summit.themes.order_by("pk")) or list(Theme.objects.order_by("pk"))
    assert cities and organisations and themes, "load_demo made no cities, organisations or themes"
    summit.sessions.all().delete()

    pool = max(3, count)  # most speakers appear in three sessions, as at a real summit
    Speaker.objects.bulk_create(
        Speaker(
            slug=f"bench-speaker-{n:05d}",
            name_en=f"Speaker {n} Al-Example",
            name_ar=f"المتحدث {n} المثال",
            title_en=f"Director of Urban Policy {n}",
            title_ar=f"مدير السياسات الحضرية {n}",
            organisation=organisations[n % len(organisations)],
        )
        for n in range(pool)
    )
    speakers = list(Speaker.objects.filter(slug__startswith="bench-speaker-").order_by("slug"))

    sessions = []
    for n in range(count):
        day = days[n % len(days)]
        # Parallel tracks from 08:00, a new session every ten minutes per day.
        minutes = (n // len(days)) * 10 % (12 * 60)
        starts = datetime(day.year, day.month, day.day, 8, tzinfo=riyadh) + timedelta(
            minutes=minutes
        )
        sessions.append(
            Session(
                summit=summit,
                slug=f"bench-session-{n:05d}",
                title_en=f"Session {n}: financing resilient and inclusive cities",
                title_ar=f"الجلسة {n}: تمويل مدن مرنة وشاملة",
                description_en="How mayors pay for climate adaptation and who benefits. " * 4,
                description_ar="كيف يمول العمداء التكيف المناخي ومن يستفيد منه. " * 4,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=60),
                kind=kinds[n % len(kinds)],
                capacity=100 + n,
                status=Session.Status.SCHEDULED,
                is_published=True,
            )
        )
    sessions = Session.objects.bulk_create(sessions)
    if any(session.pk is None for session in sessions):  # backends without RETURNING
        sessions = list(summit.sessions.filter(slug__startswith="bench-session-").order_by("slug"))

    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(
            session=session,
            speaker=speakers[(3 * n + order) % pool],
            role=roles[order],
            order=order,
        )
        for n, session in enumerate(sessions)
        for order in range(3)
    )
    SessionHost.objects.bulk_create(
        host
        for n, session in enumerate(sessions)
        for host in (
            SessionHost(session=session, city=cities[n % len(cities)], order=0),
            SessionHost(
                session=session, organisation=organisations[n % len(organisations)], order=1
            ),
        )
    )
    Session.themes.through.objects.bulk_create(
        Session.themes.through(session=session, theme=themes[n % len(themes)])
        for n, session in enumerate(sessions)
    )

shapes = (
    Session.objects.published()
    .filter(summit__slug="__SUMMIT__")
    .annotate(
        n_speakers=Count("session_speakers", distinct=True),
        n_cities=Count("hosts", filter=Q(hosts__city__isnull=False), distinct=True),
        n_organisations=Count("hosts", filter=Q(hosts__organisation__isnull=False), distinct=True),
        n_themes=Count("themes", distinct=True),
    )
    .values_list("n_speakers", "n_cities", "n_organisations", "n_themes")
)
shapes = list(shapes)
print(
    json.dumps(
        {
            "published_sessions": len(shapes),
            "well_formed": sum(1 for shape in shapes if shape == (3, 1, 1, 1)),
            "speakers": len(speakers),
            "cities": len(cities),
            "organisations": len(organisations),
            "themes": len(themes),
        }
    )
)
""".replace("__SUMMIT__", SUMMIT)


def prepare_database(bench: harness.Bench, sessions: int) -> dict:
    compiled = bench.prepare_site()
    output = bench.django_script(f"seed {sessions} sessions", SEED_SCRIPT, str(sessions))
    seeded = json.loads(output.strip().splitlines()[-1])
    if seeded["published_sessions"] != sessions or seeded["well_formed"] != sessions:
        raise harness.BenchError(f"seeding made the wrong agenda: {seeded}")
    seeded["catalogue_compiled"] = compiled
    return seeded


def check_pages(bench: harness.Bench, sessions: int) -> dict[str, int]:
    """Each target answers 200 once, and the agendas list every session."""
    sizes = {}
    for path in dict.fromkeys(PLAN):
        status, body = bench.get(path)
        if status != 200:
            raise harness.BenchError(f"{path} answered {status}, not 200: {body[:300]!r}")
        if path in (AGENDA_EN, AGENDA_AR):
            rows = body.count(b'<li class="session')
            if rows != sessions:
                raise harness.BenchError(f"{path} lists {rows} sessions, not {sessions}")
        sizes[path] = len(body)
    return sizes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark the agenda page against /healthz under gunicorn.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    harness.add_load_arguments(parser)
    parser.add_argument(
        "--sessions",
        type=harness.positive(int),
        default=200,
        help=f"published sessions of {SUMMIT}",
    )
    harness.add_server_arguments(parser)
    args = parser.parse_args(argv)
    harness.check_arguments(parser, args)
    return args


def benchmark(bench: harness.Bench, args: argparse.Namespace) -> int:
    seeded = prepare_database(bench, args.sessions)
    harness.log(
        f"{seeded['published_sessions']} published sessions of {SUMMIT}, each with 3 "
        f"speakers, a city, an organisation and a theme ({seeded['speakers']} speakers, "
        f"{seeded['cities']} cities, {seeded['organisations']} organisations, "
        f"{seeded['themes']} themes)"
    )

    bench.serve(args.workers)
    sizes = check_pages(bench, args.sessions)
    harness.log(f"gunicorn ({args.workers} sync workers) is up on 127.0.0.1:{bench.port}")

    results = bench.measure(
        PLAN, duration=args.duration, warmup=args.warmup, connections=args.connections
    )
    base = loadgen.baseline(results)
    rows = [loadgen.as_dict(result, base) for result in results]
    errors = sum(result.errors for result in results)
    if args.json:
        print(
            json.dumps(
                {
                    "settings": {
                        "duration_s": args.duration,
                        "warmup_s": args.warmup,
                        "connections": args.connections,
                        "sessions": args.sessions,
                        "gunicorn_workers": args.workers,
                        "gunicorn_threads": 1,
                        "cpus": os.cpu_count(),
                        "python": sys.version.split()[0],
                    },
                    "seeded": seeded,
                    "page_bytes": sizes,
                    "healthz_rps_mean": round(base, 1),
                    "results": rows,
                    "errors": errors,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        print(
            f"{args.sessions} sessions, {args.connections} connections, "
            f"{args.warmup:g} s warm-up + {args.duration:g} s per target, gunicorn "
            f"{args.workers} workers x 1 thread, {os.cpu_count()} CPUs; "
            "ratio is req/s over the mean of the two /healthz runs"
        )
        if not seeded["catalogue_compiled"]:
            print(
                "warning: compile_catalogue refused the catalogue, so the Arabic pages "
                "ran with whatever .mo files already existed"
            )
        print(loadgen.table(rows))
        for line in loadgen.error_lines(rows):
            print(line)
    if errors:
        harness.log(f"{errors} requests failed")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return harness.run(lambda bench: benchmark(bench, args))


if __name__ == "__main__":
    sys.exit(main())
