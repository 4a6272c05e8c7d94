"""The client side of a benchmark: the load generator and the ratio table.

``load`` runs ``connections`` threads against one path of a server on
127.0.0.1, each with its own ``http.client`` connection, for ``warmup`` then
``duration`` seconds, and records every response completed in the measured
window in a ``Result``. Any non-200 response or connection error, in warm-up or
measurement, counts as an error. ``baseline``, ``as_dict``, ``table`` and
``error_lines`` report a list of results, each target's req/s as a ratio to the
mean of the /healthz runs among them. Nothing here starts a server or knows
Django: ``harness.Bench.measure`` drives ``load`` against its gunicorn.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field

HEALTHZ = "/healthz"
MAX_ERROR_SAMPLES = 5


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


# Load -------------------------------------------------------------------------


def load(
    port: int,
    path: str,
    run: int,
    *,
    duration: float,
    warmup: float,
    connections: int,
    stop: threading.Event,
) -> Result:
    """``connections`` threads hammer path; responses completed in the measured
    window count, and every error (warm-up included) counts as an error."""
    result = Result(target=path, run=run, duration=duration)
    lock = threading.Lock()
    begin = time.perf_counter()
    measure_from = begin + warmup
    measure_to = measure_from + duration

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
        threading.Thread(target=client, name=f"client-{n}", daemon=True) for n in range(connections)
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


def error_lines(rows: list[dict]) -> list[str]:
    """One line per target that had errors, with the first few of them."""
    return [
        f"errors on {row['target']}: {'; '.join(row['error_samples'])}"
        for row in rows
        if row["error_samples"]
    ]
