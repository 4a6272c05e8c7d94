"""Serve a ``harness.Bench`` at an address known before gunicorn starts.

Links in pages and emails are made from SITE_URL, and ``u20.middleware``
refuses a request for SITE_URL's host on any other port, so a benchmark that
asks for more than /healthz must name its own address there. ``at_port``
does that in the Bench's environment (call it before seeding, so whatever the
seeding renders links to the same address); ``start`` and ``stop`` run
gunicorn there with the Bench's settings, and ``Bench.close`` still stops it
whatever happens.
"""

from __future__ import annotations

import socket

import harness


def port_or_free(preferred: int) -> int:
    """preferred if nothing listens there on 127.0.0.1, else any free port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", preferred))
        except OSError:
            return harness.free_port()
    return preferred


def at_port(bench: harness.Bench, port: int) -> str:
    """Make port the Bench's address: SITE_URL and Bench.get point there."""
    return bench.at_port(port)


def start(bench: harness.Bench, workers: int, **settings: str) -> int:
    """Start ``gunicorn u20.wsgi`` (sync workers, one thread each) at the
    Bench's port, with settings added to the Bench's environment, and wait
    for /healthz; the master's process id."""
    if not bench.port or "SITE_URL" not in bench.env:
        raise harness.BenchError("serve.at_port() must name the address first")
    env = {**bench.env, **settings}
    bench.gunicorn = harness.start_gunicorn(env, bench.port, workers, bench.log_path)
    harness.wait_until_healthy(bench.port, bench.gunicorn, bench.log_path)
    return bench.gunicorn.pid


def stop(bench: harness.Bench) -> None:
    """Stop gunicorn (its master stops the workers), if it runs."""
    if bench.gunicorn is not None:
        harness.stop_gunicorn(bench.gunicorn)
        bench.gunicorn = None
