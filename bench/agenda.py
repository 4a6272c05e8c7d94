"""Benchmark the public pages against a trivial view, under gunicorn.

Usage, from the repository root (``make bench`` runs the first line)::

    .venv/bin/python bench/agenda.py
    .venv/bin/python bench/agenda.py --duration 5 --warmup 1 --connections 4
    .venv/bin/python bench/agenda.py --sizes 200 --json > results.json

Options: ``--duration`` seconds measured per target (default 10), ``--warmup``
seconds before each measurement (default 2), ``--connections`` concurrent
client connections (default 8), ``--sizes`` the session counts to measure
(default 8 and 200), ``--workers`` gunicorn workers (default 2), ``--json``
to print the results as JSON instead of tables.

What one run does:

1. Makes a temporary directory holding a throwaway SQLite database and media
   root, and runs ``migrate``, ``compile_catalogue``, ``collectstatic`` and
   ``load_demo`` against it with production-like settings (DJANGO_DEBUG=0,
   DJANGO_HTTPS=0, a random DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS=127.0.0.1).
2. Copies the riyadh-2020 summit once per size (``bench-n8``, ``bench-n200``:
   the same days, zone, host city and themes) and gives each that many
   generated published sessions over its three days, each with three
   speakers, two hosts (a city, then an organisation) and one theme, in both
   English and Arabic, then checks that every session has that shape.
3. For each size, makes that summit the current one (the home page shows
   it), starts ``gunicorn u20.wsgi --workers 2 --threads 1``, checks that
   every target answers 200 and that the agendas list every session, and
   measures in turn /healthz, the English and the Arabic agenda, a session
   page, the home page and /healthz again: the pages as anonymous visitors
   get them, from the page cache (``u20.pagecache``).
4. At the largest size, serves the same site again with
   ``PAGE_CACHE_SECONDS=0``, so that every request builds its page anew,
   and measures /healthz, both agendas and /healthz again: the cold path.
5. At the smallest size, weighs the English agenda as a browser first loads
   it: the HTML and every stylesheet, script, image and font it names (and
   the fonts and images its stylesheets name), each in bytes and gzip'd
   (level 6). Any of them on another host is a third-party request.
6. Prints each phase's table (requests, req/s, p50 and p95 latency, errors,
   ratio to the mean of the phase's two /healthz runs), the page weight, and
   the bounds the site is held to, each PASS or FAIL:
   - the cached agendas, English and Arabic, at every size: >= 0.7 x /healthz;
   - the cold agendas at the largest size: >= 1/40 x /healthz;
   - the agenda with its CSS and JS: at most 100 KB gzip'd, no third party.
   The session page and the home page are measured and shown, not bounded.

Exit status: 0 when every bound holds and no request failed, 1 otherwise, 2
when a setup step failed, 130 when interrupted. gunicorn is stopped and the
temporary directory deleted whatever happened.

gunicorn's sync worker (``--threads 1``) closes the connection after every
response, so the client reconnects for every request. The client is plain
Python threads on the same machine as the server: if its CPU use
(``client_cpu`` in the JSON, in cores) approaches the number of cores, the
client rather than the server is the limit. Compare ratios rather than
absolute numbers, and distrust a phase whose two /healthz rows differ much.

Steps 1 and the serving are ``bench/harness.py`` and ``bench/serve.py``, the
load and the tables ``bench/loadgen.py``; ``bench/peer.py`` seeds its summits
with this file's functions.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import re
import sys
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import harness
import loadgen
import serve

SUMMIT = "riyadh-2020"
HEALTHZ = loadgen.HEALTHZ
SIZES = (8, 200)
CACHED_BOUND = 0.7
COLD_BOUND = 1 / 40
WEIGHT_BOUND = 100 * 1024  # gzip'd bytes of the agenda with its CSS and JS

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


def summit_slug(size: int) -> str:
    return f"bench-n{size}"


def targets(size: int) -> dict[str, str]:
    """The pages measured at a size, by label."""
    summit = summit_slug(size)
    session = f"bench-session-{size // 2:05d}"  # the middle one
    return {
        "agenda-en": f"/en/summits/{summit}/agenda/",
        "agenda-ar": f"/ar/summits/{summit}/agenda/",
        "session": f"/en/summits/{summit}/sessions/{session}/",
        "home": "/en/",
    }


AGENDAS = ("agenda-en", "agenda-ar")

# argv[1] is the summit to copy, argv[2:] the slugs of the copies: the same days,
# time zone, host city and themes, published, not current, with no sessions yet.
CLONE_SCRIPT = r"""
import sys

import django

django.setup()

from django.db import transaction

from u20.models import Summit

with transaction.atomic():
    source = Summit.objects.get(slug=sys.argv[1])
    themes = list(source.themes.all())
    for slug in sys.argv[2:]:
        copy = Summit.objects.get(pk=source.pk)
        copy.pk = None
        copy._state.adding = True
        copy.slug = slug
        copy.is_current = False
        copy.save()
        copy.themes.set(themes)
print(len(sys.argv) - 2)
"""

# argv[1] becomes the one current summit: the edition the home page shows.
CURRENT_SCRIPT = r"""
import sys

import django

django.setup()

from django.db import transaction

from u20 import pagecache
from u20.models import Summit

with transaction.atomic():
    Summit.objects.update(is_current=False)
    made = Summit.objects.filter(slug=sys.argv[1]).update(is_current=True)
    pagecache.content_changed()
print(made)
"""


def seed_script(slug: str) -> str:
    """SEED_SCRIPT aimed at summit slug, its speakers named after the summit
    so that two seeded summits never share a slug."""
    return SEED_SCRIPT.replace(f'"{SUMMIT}"', f'"{slug}"').replace(
        '"bench-speaker-', f'"{slug}-speaker-'
    )


def prepare(bench: harness.Bench, sizes: list[int]) -> bool:
    """The site, with one seeded summit per size; whether the catalogue compiled."""
    compiled = bench.prepare_site()
    bench.django_script(
        f"copy {SUMMIT}", CLONE_SCRIPT, SUMMIT, *(summit_slug(size) for size in sizes)
    )
    for size in sizes:
        output = bench.django_script(
            f"seed {size} sessions", seed_script(summit_slug(size)), str(size)
        )
        seeded = json.loads(output.strip().splitlines()[-1])
        if seeded["published_sessions"] != size or seeded["well_formed"] != size:
            raise harness.BenchError(f"seeding {summit_slug(size)} made {seeded}")
    return compiled


def make_current(bench: harness.Bench, size: int) -> None:
    bench.django_script(f"make {summit_slug(size)} current", CURRENT_SCRIPT, summit_slug(size))


def check_pages(bench: harness.Bench, size: int, paths: dict[str, str]) -> None:
    """Every target answers 200, and the agendas list every session."""
    for label, path in paths.items():
        status, body = bench.get(path)
        if status != 200:
            raise harness.BenchError(f"{label} {path} answered {status}: {body[:300]!r}")
        if label in AGENDAS and body.count(b'<li class="session') != size:
            raise harness.BenchError(f"{path} does not list {size} sessions")


# The page's weight ---------------------------------------------------------------


class _Assets(HTMLParser):
    """The URLs a page makes its browser fetch: stylesheets, icons and
    preloads, scripts, images and media sources."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            rel = set((attrs.get("rel") or "").lower().split())
            if rel & {"stylesheet", "icon", "preload", "modulepreload", "manifest"}:
                self.urls.append(attrs["href"])
        elif tag in ("script", "img", "source", "audio", "video", "iframe") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if attrs.get("srcset"):
            self.urls += [part.split()[0] for part in attrs["srcset"].split(",") if part.strip()]


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def _fetch(port: int, path: str) -> tuple[int, bytes, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read(), response.getheader("Content-Type", "")
    finally:
        connection.close()


def page_weight(bench: harness.Bench, path: str) -> dict:
    """The page and everything it makes a browser fetch, each in bytes and
    gzip'd; the URLs on another host than the site."""
    origin = f"http://127.0.0.1:{bench.port}"
    site = urlsplit(origin).netloc
    seen, queue, files, third_party = set(), [origin + path], [], []
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        parts = urlsplit(url)
        if parts.scheme == "data":
            continue
        if parts.netloc != site:
            third_party.append(url)
            continue
        local = parts.path + (f"?{parts.query}" if parts.query else "")
        status, body, content_type = _fetch(bench.port, local)
        if status != 200:
            raise harness.BenchError(f"{local}, named by {path}, answered {status}")
        files.append(
            {
                "path": local,
                "type": content_type.split(";")[0],
                "bytes": len(body),
                "gzip_bytes": len(gzip.compress(body, compresslevel=6, mtime=0)),
            }
        )
        if "html" in content_type:
            parser = _Assets()
            parser.feed(body.decode("utf-8", "replace"))
            queue += [urljoin(url, found) for found in parser.urls]
        elif "css" in content_type:
            for match in CSS_URL.finditer(body.decode("utf-8", "replace")):
                found = match.group(1) or match.group(2)
                if not found.startswith("data:"):
                    queue.append(urljoin(url, found))
    return {
        "files": files,
        "bytes": sum(f["bytes"] for f in files),
        "gzip_bytes": sum(f["gzip_bytes"] for f in files),
        "third_party": third_party,
    }


# Measuring -----------------------------------------------------------------------


def phase(bench, args, name: str, paths: dict[str, str], **env) -> dict:
    """Serve the site (with env added to its settings), check it and load
    /healthz, each path and /healthz again; the phase's figures."""
    serve.start(bench, args.workers, **env)
    try:
        harness.log(f"{name}: gunicorn ({args.workers} sync workers) on port {bench.port}")
        results = bench.measure(
            [HEALTHZ, *paths.values(), HEALTHZ],
            duration=args.duration,
            warmup=args.warmup,
            connections=args.connections,
        )
    finally:
        serve.stop(bench)
    base = loadgen.baseline(results)
    rows = [loadgen.as_dict(result, base) for result in results]
    by_path = {row["target"]: row for row in rows if row["target"] != HEALTHZ}
    return {
        "name": name,
        "settings": env,
        "healthz_rps_mean": round(base, 1),
        "rows": rows,
        "ratios": {label: by_path[path]["ratio_to_healthz"] for label, path in paths.items()},
        "errors": sum(result.errors for result in results),
    }


def bounds(phases: list[dict], weight: dict | None) -> list[dict]:
    """Each bound the pages are held to, with what was measured."""
    out = []
    for measured in phases:
        bound = COLD_BOUND if measured["cold"] else CACHED_BOUND
        for label in AGENDAS:
            ratio = measured["ratios"][label]
            out.append(
                {
                    "what": f"{measured['name']}: {label} / healthz",
                    "measured": ratio,
                    "bound": f">= {bound:.3f}",
                    "passed": ratio is not None and ratio >= bound,
                }
            )
    if weight is not None:
        out.append(
            {
                "what": f"{weight['size']} sessions: agenda with its CSS and JS, gzip'd bytes",
                "measured": weight["gzip_bytes"],
                "bound": f"<= {WEIGHT_BOUND}",
                "passed": weight["gzip_bytes"] <= WEIGHT_BOUND,
            }
        )
        out.append(
            {
                "what": f"{weight['size']} sessions: third-party requests of the agenda",
                "measured": len(weight["third_party"]),
                "bound": "== 0",
                "passed": not weight["third_party"],
            }
        )
    return out


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark the public pages against /healthz under gunicorn.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    harness.add_load_arguments(parser)
    parser.add_argument(
        "--sizes",
        type=harness.positive(int),
        nargs="+",
        default=list(SIZES),
        help="published sessions of the summits measured",
    )
    harness.add_server_arguments(parser)
    args = parser.parse_args(argv)
    harness.check_arguments(parser, args)
    return args


def report(args, phases: list[dict], weight: dict | None, verdicts: list[dict]) -> None:
    print(
        f"{args.connections} connections, {args.warmup:g} s warm-up + {args.duration:g} s "
        f"per target, gunicorn {args.workers} workers x 1 thread, {os.cpu_count()} CPUs; "
        "ratio is req/s over the mean of the phase's two /healthz runs"
    )
    for measured in phases:
        print()
        print(measured["name"])
        print(loadgen.table(measured["rows"]))
        for line in loadgen.error_lines(measured["rows"]):
            print(line)
    if weight is not None:
        print()
        print(f"The English agenda with {weight['size']} sessions, as a browser first loads it:")
        for item in weight["files"]:
            print(
                f"  {item['path']:60} {item['type']:24} {item['bytes']:>8} B "
                f"{item['gzip_bytes']:>8} B gzip'd"
            )
        print(f"  {'total':60} {'':24} {weight['bytes']:>8} B {weight['gzip_bytes']:>8} B gzip'd")
        for url in weight["third_party"]:
            print(f"  third party: {url}")
    print()
    for verdict in verdicts:
        measured = verdict["measured"]
        shown = f"{measured:.3f}" if isinstance(measured, float) else str(measured)
        print(
            f"{'PASS' if verdict['passed'] else 'FAIL'}  {verdict['what']}: {shown} "
            f"(bound {verdict['bound']})"
        )


def benchmark(bench: harness.Bench, args: argparse.Namespace) -> int:
    sizes = sorted(set(args.sizes))
    serve.at_port(bench, harness.free_port())
    compiled = prepare(bench, sizes)
    phases, weight = [], None
    for size in sizes:
        paths = targets(size)
        make_current(bench, size)
        serve.start(bench, args.workers)
        try:
            check_pages(bench, size, paths)
            if size == sizes[0]:
                weight = {"size": size, **page_weight(bench, paths["agenda-en"])}
        finally:
            serve.stop(bench)
        measured = phase(bench, args, f"{size} sessions, from the page cache", paths)
        phases.append({**measured, "size": size, "cold": False})
    cold = {label: path for label, path in targets(sizes[-1]).items() if label in AGENDAS}
    measured = phase(
        bench, args, f"{sizes[-1]} sessions, cold: every page built anew", cold,
        PAGE_CACHE_SECONDS="0",
    )  # fmt: skip
    phases.append({**measured, "size": sizes[-1], "cold": True})

    verdicts = bounds(phases, weight)
    errors = sum(measured["errors"] for measured in phases)
    if args.json:
        settings = {
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "connections": args.connections,
            "sizes": sizes,
            "gunicorn_workers": args.workers,
            "gunicorn_threads": 1,
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "catalogue_compiled": compiled,
        }
        print(
            json.dumps(
                {
                    "settings": settings,
                    "phases": phases,
                    "weight": weight,
                    "bounds": verdicts,
                    "errors": errors,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        if not compiled:
            print(
                "warning: compile_catalogue refused the catalogue, so the Arabic pages "
                "ran with whatever .mo files already existed"
            )
        report(args, phases, weight, verdicts)
    if errors:
        harness.log(f"{errors} requests failed")
    return 0 if not errors and all(verdict["passed"] for verdict in verdicts) else 1


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return harness.run(lambda bench: benchmark(bench, args))


if __name__ == "__main__":
    sys.exit(main())
