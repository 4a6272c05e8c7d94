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
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SUMMIT = "riyadh-2020"
HEALTHZ = "/healthz"
AGENDA_EN = f"/en/summits/{SUMMIT}/agenda/"
AGENDA_AR = f"/ar/summits/{SUMMIT}/agenda/"
HOME_EN = "/en/"
# Order of the runs: the trivial view first and last, the pages in between.
PLAN = [HEALTHZ, AGENDA_EN, AGENDA_AR, HOME_EN, HEALTHZ]
MAX_ERROR_SAMPLES = 5

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


class BenchError(Exception):
    """Setup failed; the message says which step."""


@dataclass
class Result:
    target: str
    run: int
    duration: float
    requests: int = 0
    errors: int = 0
    connects: int = 0
    body_bytes: int = 0
    client_cpu: float = 0.0
    latencies: list[float] = field(default_factory=list, repr=False)
    error_samples: list[str] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.duration if self.duration else 0.0

    def percentile(self, p: float) -> float | None:
        """Latency percentile in milliseconds (nearest rank)."""
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        rank = max(1, round(p / 100 * len(ordered)))
        return ordered[min(rank, len(ordered)) - 1] * 1000


# Setup ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DJANGO_SETTINGS_MODULE", "REDIS_URL", "DJANGO_BEHIND_PROXY"):
        env.pop(name, None)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite3'}",
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def run_step(label: str, args: list[str], env: dict[str, str], log, fatal: bool = True):
    """Run a setup command from the repository root; its stdout, or None if a
    non-fatal step failed."""
    log(f"{label} ...")
    started = time.perf_counter()
    process = subprocess.Popen(
        args, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        stdout, stderr = process.communicate()
    except BaseException:  # Ctrl-C or SIGTERM: do not leave the step running
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        raise
    completed = subprocess.CompletedProcess(args, process.returncode, stdout, stderr)
    if completed.returncode != 0:
        output = f"{completed.stdout[-3000:]}{completed.stderr[-3000:]}"
        if fatal:
            raise BenchError(f"{label} failed with exit status {completed.returncode}:\n{output}")
        summary = (completed.stdout + completed.stderr).strip().splitlines()[:3]
        log(f"warning: {label} failed with exit status {completed.returncode}:")
        for line in summary:
            log(f"  {line}")
        return None
    log(f"{label} done in {time.perf_counter() - started:.1f} s")
    return completed.stdout


def prepare_database(env: dict[str, str], sessions: int, log) -> dict:
    python = sys.executable
    manage = [python, "manage.py"]
    run_step("migrate", [*manage, "migrate", "--noinput", "-v", "0"], env, log)
    # An incomplete catalogue (translations in progress) should not stop a
    # performance run: the Arabic pages then fall back to English strings.
    compiled = run_step("compile_catalogue", [*manage, "compile_catalogue"], env, log, fatal=False)
    run_step("collectstatic", [*manage, "collectstatic", "--noinput", "-v", "0"], env, log)
    run_step("load_demo", [*manage, "load_demo"], env, log)
    seed_env = {**env, "DJANGO_SETTINGS_MODULE": "u20.settings"}
    output = run_step(
        f"seed {sessions} sessions", [python, "-c", SEED_SCRIPT, str(sessions)], seed_env, log
    )
    seeded = json.loads(output.strip().splitlines()[-1])
    if seeded["published_sessions"] != sessions or seeded["well_formed"] != sessions:
        raise BenchError(f"seeding made the wrong agenda: {seeded}")
    seeded["catalogue_compiled"] = compiled is not None
    return seeded


def gunicorn_executable() -> str:
    for candidate in (
        REPO / ".venv" / "bin" / "gunicorn",
        Path(sys.executable).with_name("gunicorn"),
    ):
        if candidate.exists():
            return str(candidate)
    raise BenchError("gunicorn is not installed in the virtualenv")


def start_gunicorn(env: dict[str, str], port: int, workers: int, log_path: Path):
    log_file = log_path.open("wb")
    try:
        return subprocess.Popen(
            [
                gunicorn_executable(),
                "u20.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--threads",
                "1",
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us; we stop gunicorn ourselves
        )
    finally:
        log_file.close()


def stop_gunicorn(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the group gunicorn leads, nothing else
        process.wait(timeout=5)


def get(port: int, path: str, timeout: float = 10.0) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_until_healthy(port: int, process: subprocess.Popen, log_path: Path, limit=30.0) -> None:
    deadline = time.monotonic() + limit
    last = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn exited with status {process.returncode}:\n{tail(log_path)}")
        try:
            status, body = get(port, HEALTHZ, timeout=2)
            if status == 200:
                return
            last = f"HTTP {status}: {body[:200]!r}"
        except OSError as error:
            last = f"{type(error).__name__}: {error}"
        time.sleep(0.1)
    raise BenchError(
        f"/healthz did not answer 200 within {limit:.0f} s ({last}):\n{tail(log_path)}"
    )


def check_pages(port: int, sessions: int) -> dict[str, int]:
    """Each target answers 200 once, and the agendas list every session."""
    sizes = {}
    for path in dict.fromkeys(PLAN):
        status, body = get(port, path)
        if status != 200:
            raise BenchError(f"{path} answered {status}, not 200: {body[:300]!r}")
        if path in (AGENDA_EN, AGENDA_AR):
            rows = body.count(b'<li class="session')
            if rows != sessions:
                raise BenchError(f"{path} lists {rows} sessions, not {sessions}")
        sizes[path] = len(body)
    return sizes


def tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


# Load -------------------------------------------------------------------------


def load(port: int, path: str, run: int, args, stop: threading.Event) -> Result:
    """args.connections threads hammer path; responses completed in the measured
    window count, and every error (warm-up included) counts as an error."""
    result = Result(target=path, run=run, duration=args.duration)
    lock = threading.Lock()
    begin = time.perf_counter()
    measure_from = begin + args.warmup
    measure_to = measure_from + args.duration

    def client() -> None:
        latencies, errors, samples = [], 0, []
        connects, body_bytes = 0, 0
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while not stop.is_set():
                started = time.perf_counter()
                if started >= measure_to:
                    break
                if connection.sock is None:
                    connects += 1
                try:
                    connection.request("GET", path)
                    response = connection.getresponse()
                    body = response.read()
                    status = response.status
                except (OSError, http.client.HTTPException) as error:
                    connection.close()
                    errors += 1
                    if len(samples) < MAX_ERROR_SAMPLES:
                        samples.append(f"{type(error).__name__}: {error}")
                    continue
                finished = time.perf_counter()
                if status != 200:
                    errors += 1
                    if len(samples) < MAX_ERROR_SAMPLES:
                        samples.append(f"HTTP {status}")
                elif measure_from <= finished <= measure_to:
                    latencies.append(finished - started)
                    body_bytes = len(body)
        finally:
            connection.close()
            with lock:
                result.latencies.extend(latencies)
                result.errors += errors
                result.connects += connects
                result.body_bytes = max(result.body_bytes, body_bytes)
                room = MAX_ERROR_SAMPLES - len(result.error_samples)
                result.error_samples.extend(samples[:room])

    cpu_before = time.process_time()
    threads = [
        threading.Thread(target=client, name=f"client-{n}", daemon=True)
        for n in range(args.connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        while thread.is_alive():  # a timed join lets Ctrl-C through
            thread.join(timeout=0.2)
    elapsed = max(time.perf_counter() - begin, 1e-9)
    result.client_cpu = (time.process_time() - cpu_before) / elapsed
    result.requests = len(result.latencies)
    return result


# Report -----------------------------------------------------------------------


def baseline(results: list[Result]) -> float:
    runs = [r.rps for r in results if r.target == HEALTHZ]
    return statistics.fmean(runs) if runs else 0.0


def as_dict(result: Result, base: float) -> dict:
    return {
        "target": result.target,
        "run": result.run,
        "requests": result.requests,
        "duration_s": result.duration,
        "rps": round(result.rps, 1),
        "p50_ms": round(result.percentile(50), 2) if result.latencies else None,
        "p95_ms": round(result.percentile(95), 2) if result.latencies else None,
        "errors": result.errors,
        "ratio_to_healthz": round(result.rps / base, 4) if base else None,
        "connects": result.connects,
        "body_bytes": result.body_bytes,
        "client_cpu": round(result.client_cpu, 2),
        "error_samples": result.error_samples,
    }


def table(rows: list[dict]) -> str:
    header = ("target", "requests", "req/s", "p50 ms", "p95 ms", "errors", "vs healthz")
    lines = []
    for row in rows:
        name = row["target"] + (f" (run {row['run']})" if row["target"] == HEALTHZ else "")
        lines.append(
            (
                name,
                str(row["requests"]),
                f"{row['rps']:.1f}",
                "-" if row["p50_ms"] is None else f"{row['p50_ms']:.1f}",
                "-" if row["p95_ms"] is None else f"{row['p95_ms']:.1f}",
                str(row["errors"]),
                "-" if row["ratio_to_healthz"] is None else f"{row['ratio_to_healthz']:.3f}",
            )
        )
    widths = [max(len(cell) for cell in column) for column in zip(header, *lines, strict=True)]

    def fmt(cells) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest])

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([fmt(header), rule, *(fmt(line) for line in lines)])


# Main -------------------------------------------------------------------------


def positive(kind):
    def parse(text: str):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, not {text}")
        return value

    return parse


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark the agenda page against /healthz under gunicorn.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--duration", type=positive(float), default=10.0, help="measured seconds per target"
    )
    parser.add_argument(
        "--warmup", type=float, default=2.0, help="unmeasured seconds before each target"
    )
    parser.add_argument(
        "--connections", type=positive(int), default=8, help="concurrent client connections"
    )
    parser.add_argument(
        "--sessions", type=positive(int), default=200, help=f"published sessions of {SUMMIT}"
    )
    parser.add_argument("--workers", type=positive(int), default=2, help="gunicorn workers")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    args = parser.parse_args(argv)
    if args.warmup < 0:
        parser.error("--warmup cannot be negative")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def log(message: str) -> None:
        print(f"[bench] {message}", file=sys.stderr, flush=True)

    def terminate(signum, frame):
        raise KeyboardInterrupt  # so SIGTERM cleans up like Ctrl-C

    signal.signal(signal.SIGTERM, terminate)

    stop = threading.Event()
    gunicorn = None
    tmp = Path(tempfile.mkdtemp(prefix="u20-bench-"))
    try:
        env = bench_env(tmp)
        (tmp / "media").mkdir()
        seeded = prepare_database(env, args.sessions, log)
        log(
            f"{seeded['published_sessions']} published sessions of {SUMMIT}, each with 3 "
            f"speakers, a city, an organisation and a theme ({seeded['speakers']} speakers, "
            f"{seeded['cities']} cities, {seeded['organisations']} organisations, "
            f"{seeded['themes']} themes)"
        )

        port = free_port()
        log_path = tmp / "gunicorn.log"
        gunicorn = start_gunicorn(env, port, args.workers, log_path)
        wait_until_healthy(port, gunicorn, log_path)
        sizes = check_pages(port, args.sessions)
        log(f"gunicorn ({args.workers} sync workers) is up on 127.0.0.1:{port}")

        results, runs = [], {}
        for path in PLAN:
            runs[path] = runs.get(path, 0) + 1
            log(
                f"{path}: {args.warmup:g} s warm-up, {args.duration:g} s measured, "
                f"{args.connections} connections"
            )
            result = load(port, path, runs[path], args, stop)
            if gunicorn.poll() is not None:
                raise BenchError(f"gunicorn died during {path}:\n{tail(log_path)}")
            results.append(result)

        base = baseline(results)
        rows = [as_dict(result, base) for result in results]
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
            print(table(rows))
            for row in rows:
                if row["error_samples"]:
                    print(f"errors on {row['target']}: {'; '.join(row['error_samples'])}")
        if errors:
            log(f"{errors} requests failed")
            return 1
        return 0
    except BenchError as error:
        log(f"error: {error}")
        return 2
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        stop.set()
        with contextlib.suppress(KeyboardInterrupt):
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # finish cleaning up first
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            if gunicorn is not None:
                stop_gunicorn(gunicorn)
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
