"""The server side of a benchmark of this app under gunicorn, whatever it measures.

A benchmark script beside this file (``bench/agenda.py`` is the first) imports
it, and ``bench/loadgen.py`` (the load generator and the ratio table), as
``import harness`` and ``import loadgen``: ``python bench/<script>.py`` puts the
script's folder first on ``sys.path``, so no package or ``sys.path`` edit is
needed and ``make bench`` can keep running the script by its path.

* ``run(body)`` makes a ``Bench``: a temporary directory holding a throwaway
  SQLite database and media root, and an environment with production-like
  settings (DJANGO_DEBUG=0, DJANGO_HTTPS=0, a random DJANGO_SECRET_KEY,
  DJANGO_ALLOWED_HOSTS=127.0.0.1). It returns ``body(bench)``, or 2 if a
  ``BenchError`` (a setup step failed) escaped, or 130 on Ctrl-C or SIGTERM;
  whatever happened, gunicorn is stopped and the directory deleted first.
* ``Bench.prepare_site()`` runs ``migrate``, ``compile_catalogue``,
  ``collectstatic`` and ``load_demo`` against that database, as ``make run``
  does; ``Bench.django_script()`` runs Python with Django set up against it,
  to seed what the benchmark needs.
* ``Bench.serve(workers)`` starts ``gunicorn u20.wsgi --workers N --threads 1``
  on a free port of 127.0.0.1 and waits for ``/healthz`` to answer 200.
* ``Bench.measure(plan, ...)`` runs ``loadgen.load`` on each target of the
  plan in turn, and fails if gunicorn died meanwhile.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import loadgen
from loadgen import HEALTHZ

REPO = Path(__file__).resolve().parent.parent


class BenchError(Exception):
    """Setup failed; the message says which step."""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


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


def tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


# One run ----------------------------------------------------------------------


class Bench:
    """One run's temporary directory, settings and gunicorn; ``run`` makes it."""

    def __init__(self, prefix: str = "u20-bench-") -> None:
        self.stop = threading.Event()
        self.gunicorn: subprocess.Popen | None = None
        self.port = 0
        self.tmp = Path(tempfile.mkdtemp(prefix=prefix))
        self.log_path = self.tmp / "gunicorn.log"
        self.env: dict[str, str] = {}

    def setup(self) -> None:
        self.env = bench_env(self.tmp)
        (self.tmp / "media").mkdir()

    def manage(self, label: str, *args: str, fatal: bool = True) -> str | None:
        """``manage.py *args`` against the throwaway database; see run_step."""
        return run_step(label, [sys.executable, "manage.py", *args], self.env, log, fatal)

    def prepare_site(self) -> bool:
        """Migrate, compile the catalogue, collect static files and load the
        demo data; whether the catalogue compiled."""
        self.manage("migrate", "migrate", "--noinput", "-v", "0")
        # An incomplete catalogue (translations in progress) should not stop a
        # performance run: the Arabic pages then fall back to English strings.
        compiled = self.manage("compile_catalogue", "compile_catalogue", fatal=False)
        self.manage("collectstatic", "collectstatic", "--noinput", "-v", "0")
        self.manage("load_demo", "load_demo")
        return compiled is not None

    def django_script(self, label: str, code: str, *args: str) -> str:
        """Run ``python -c code *args`` with DJANGO_SETTINGS_MODULE=u20.settings
        (the code calls django.setup()); its stdout."""
        env = {**self.env, "DJANGO_SETTINGS_MODULE": "u20.settings"}
        return run_step(label, [sys.executable, "-c", code, *args], env, log)

    def at_port(self, port: int) -> str:
        """Make port the site's address: links are made for SITE_URL, and a
        request for another port of its host is refused."""
        self.port = port
        self.env["SITE_URL"] = f"http://127.0.0.1:{port}"
        return self.env["SITE_URL"]

    def serve(self, workers: int) -> None:
        """Start gunicorn on a free port and wait until /healthz answers 200."""
        self.at_port(free_port())
        self.gunicorn = start_gunicorn(self.env, self.port, workers, self.log_path)
        wait_until_healthy(self.port, self.gunicorn, self.log_path)

    def get(self, path: str) -> tuple[int, bytes]:
        return get(self.port, path)

    def measure(
        self, plan: list[str], *, duration: float, warmup: float, connections: int
    ) -> list[loadgen.Result]:
        """Load each target of plan in turn; a target listed twice is run twice."""
        results, runs = [], {}
        for path in plan:
            runs[path] = runs.get(path, 0) + 1
            log(f"{path}: {warmup:g} s warm-up, {duration:g} s measured, {connections} connections")
            result = loadgen.load(
                self.port,
                path,
                runs[path],
                duration=duration,
                warmup=warmup,
                connections=connections,
                stop=self.stop,
            )
            if self.gunicorn.poll() is not None:
                raise BenchError(f"gunicorn died during {path}:\n{tail(self.log_path)}")
            results.append(result)
        return results

    def close(self) -> None:
        self.stop.set()
        with contextlib.suppress(KeyboardInterrupt):
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # finish cleaning up first
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            if self.gunicorn is not None:
                stop_gunicorn(self.gunicorn)
            shutil.rmtree(self.tmp, ignore_errors=True)


def run(body: Callable[[Bench], int]) -> int:
    """body(bench)'s exit status, 2 if setup failed, 130 if interrupted; the
    temporary directory and gunicorn are gone when this returns."""

    def terminate(signum, frame):
        raise KeyboardInterrupt  # so SIGTERM cleans up like Ctrl-C

    signal.signal(signal.SIGTERM, terminate)

    bench = Bench()
    try:
        bench.setup()
        return body(bench)
    except BenchError as error:
        log(f"error: {error}")
        return 2
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        bench.close()


# Options ----------------------------------------------------------------------


def positive(kind):
    def parse(text: str):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, not {text}")
        return value

    return parse


def add_load_arguments(parser: argparse.ArgumentParser) -> None:
    """--duration, --warmup and --connections, the arguments of Bench.measure."""
    parser.add_argument(
        "--duration", type=positive(float), default=10.0, help="measured seconds per target"
    )
    parser.add_argument(
        "--warmup", type=float, default=2.0, help="unmeasured seconds before each target"
    )
    parser.add_argument(
        "--connections", type=positive(int), default=8, help="concurrent client connections"
    )


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    """--workers (Bench.serve) and --json (the report's format)."""
    parser.add_argument("--workers", type=positive(int), default=2, help="gunicorn workers")
    parser.add_argument("--json", action="store_true", help="print results as JSON")


def check_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.warmup < 0:
        parser.error("--warmup cannot be negative")
