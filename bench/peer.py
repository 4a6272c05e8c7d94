"""Our agenda beside pretalx's public schedule, in the same wrk rounds.

Usage, from the repository root (``make bench-peer`` runs the first line)::

    .venv/bin/python bench/peer.py
    RUNS=1 DURATION=5s .venv/bin/python bench/peer.py --sizes 8

The peer benchmark in ``../shared/bench/peer-pretalx/`` (its README explains
it) installs pretalx 2026.2.1 into /tmp/peer-pretalx, seeds events of 8 and
200 talks, and ``bench.sh N`` measures pretalx's schedule with wrk (2 threads,
8 connections, 3 interleaved 10 s rounds per URL, browser Accept header).
Its EXTRA_URLS join other servers' pages to the same rounds, and EXTRA_PIDS
keeps their CPU out of its "other work" accounting. What one run does:

1. Runs the peer's ``setup.sh`` if /tmp/peer-pretalx lacks its virtualenv or
   an event of a size asked for.
2. Builds our site in a temporary directory as ``bench/agenda.py`` does
   (``harness.Bench.prepare_site``: a fresh SQLite database, migrate,
   compile_catalogue, collectstatic, load_demo; DJANGO_DEBUG=0), then two
   copies of the riyadh-2020 summit, ``bench-n8`` and ``bench-n200``, seeded
   by ``bench/agenda.py``'s own script with 8 and 200 published sessions of
   three speakers each.
3. For each size: makes that summit the current one (so ``/en/`` is its home
   page), starts gunicorn with 2 sync workers at 127.0.0.1:8812 (or a free
   port) with SITE_URL naming it, checks that both agendas list every
   session, and runs ``bench.sh N`` with our /healthz, agenda in English and
   Arabic, a session page and the home page as EXTRA_URLS, and the gunicorn
   master as EXTRA_PIDS. bench.sh's own output goes to stderr.
4. Prints, from bench.sh's ``summary.json`` and ``runs.tsv``, every URL's
   median req/s and its ratio to its own server's trivial endpoint (ours to
   /healthz, pretalx's to /healthcheck/), then the comparison the agenda is
   held to: a complete agenda page view of ours must beat pretalx's complete
   schedule page view at each size, in absolute requests per second in the
   same run and as a ratio to each system's trivial endpoint. pretalx's page
   view is its HTML shell plus the JSON its app then fetches, combined as its
   README does: 1 / (1/shell + 1/json), with the JSON as normally served
   (warm: from Redis; that is the stronger rival) and built anew (cold).
   Our agenda is one server-rendered request. Static files are left out on
   both sides.
5. Writes the figures to /tmp/peer-pretalx/results/ours-vs-pretalx.json.

Exit status: 0 when the agenda wins everywhere and no request failed, 1
otherwise, 2 when a setup step failed, 130 when interrupted. gunicorn is
stopped and the temporary directory deleted whatever happened; bench.sh stops
pretalx's gunicorn and Redis itself.

Our app runs with its default local-memory cache (no Redis); pretalx needs
Redis and has it. Absolute req/s on the shared 2-core machine mean little:
compare within one run, and distrust a run that bench.sh flags as disturbed.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import agenda
import harness
import serve

PEER_DIR = Path(
    os.environ.get("PEER_DIR", harness.REPO.parent / "shared" / "bench" / "peer-pretalx")
)
# Where the peer's scripts install and write, as they name it (common.sh).
PEER_ROOT = Path(os.environ.get("PEER_ROOT", "/tmp/peer-pretalx"))  # noqa: S108
RESULTS = PEER_ROOT / "results"
PREFERRED_PORT = 8812
WORKERS = 2  # what bench.sh gives pretalx
SIZES = (8, 200)
NOISY = 10.0  # bench.sh leaves runs with more "other" CPU than this out of its medians

# Our URLs, by bench.sh label: /healthz and the pages make bench measures
# (bench/agenda.py's targets), in the table's order.
LABEL = "ours-{}".format
OUR_TRIVIAL = LABEL("healthz")
OUR_AGENDAS = tuple(LABEL(label) for label in agenda.AGENDAS)
OURS = [OUR_TRIVIAL, *(LABEL(label) for label in agenda.targets(1))]
PEER_TRIVIAL = "healthcheck"
PEER_VIEWS = {"warm": "page-view(shell+json-warm)", "cold": "page-view(shell+json-cold)"}
# The rows of the table, in order: pretalx's labels as bench.sh names them.
PEER_ROWS = [
    "healthcheck",
    "robots-txt",
    "schedule-html",
    "schedule-json-warm",
    "schedule-json-cold",
    "schedule-nojs-html",
    "talk-html",
]


summit_slug = agenda.summit_slug


def prepare(bench: harness.Bench, sizes: list[int]) -> None:
    """The site with one summit per size, seeded as bench/agenda.py does."""
    if not agenda.prepare(bench, sizes):
        harness.log("warning: compile_catalogue refused the catalogue; Arabic pages may fall back")


def our_urls(size: int) -> dict[str, str]:
    pages = agenda.targets(size)
    return {OUR_TRIVIAL: agenda.HEALTHZ, **{LABEL(label): path for label, path in pages.items()}}


# The peer -------------------------------------------------------------------------


def peer_ready(sizes: list[int]) -> tuple[bool, list[int]]:
    """Whether pretalx's virtualenv is there, and which sizes lack an event."""
    installed = (PEER_ROOT / "venv" / "bin" / "python").exists() and (
        PEER_ROOT / "data" / "db.sqlite3"
    ).exists()
    missing = [n for n in sizes if not (PEER_ROOT / "data" / f"event-n{n}.json").exists()]
    return installed, missing


def run_peer(label: str, args: list[str], env: dict[str, str]) -> None:
    """Run one of the peer's scripts, its output on our stderr. It runs in a
    process group of its own (with the gunicorn and Redis it starts), which
    gets SIGTERM if we are interrupted, so that its traps stop them."""
    harness.log(f"{label} ...")
    process = subprocess.Popen(
        ["bash", *args], cwd=PEER_DIR, env=env, stdout=sys.stderr, start_new_session=True
    )
    try:
        status = process.wait()
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        raise
    if status != 0:
        raise harness.BenchError(f"{label} failed with exit status {status}")


def set_up_peer(sizes: list[int]) -> None:
    installed, missing = peer_ready(sizes)
    env = {**os.environ, "PEER_ROOT": str(PEER_ROOT)}
    if not installed:
        run_peer("pretalx setup.sh", ["setup.sh", *map(str, sorted({8, 200, *sizes}))], env)
    elif missing:
        seed_only = {**env, "SEED_ONLY": "1"}
        run_peer("pretalx setup.sh (seed only)", ["setup.sh", *map(str, missing)], seed_only)


def peer_round(bench: harness.Bench, size: int) -> dict:
    """Serve our summit of this size and run bench.sh with our URLs in it."""
    urls = our_urls(size)
    agenda.make_current(bench, size)
    pid = serve.start(bench, WORKERS)
    try:
        agenda.check_pages(bench, size, agenda.targets(size))
        harness.log(f"our gunicorn ({WORKERS} sync workers, pid {pid}) is up on port {bench.port}")
        extra = " ".join(f"{label}=http://127.0.0.1:{bench.port}{p}" for label, p in urls.items())
        env = {**os.environ, "PEER_ROOT": str(PEER_ROOT), "EXTRA_URLS": extra}
        env["EXTRA_PIDS"] = str(pid)
        run_peer(f"pretalx bench.sh {size}", ["bench.sh", str(size)], env)
        if bench.gunicorn.poll() is not None:
            raise harness.BenchError(f"our gunicorn died:\n{harness.tail(bench.log_path)}")
    finally:
        serve.stop(bench)
    return read_round(size, urls)


def read_round(size: int, urls: dict[str, str]) -> dict:
    out = RESULTS / f"n{size}"
    summary = json.loads((out / "summary.json").read_text())
    with (out / "runs.tsv").open() as runs_file:
        runs = list(csv.DictReader(runs_file, delimiter="\t"))
    noisy = {}
    for row in runs:
        noisy.setdefault(row["label"], []).append(float(row["other_cpu_pct"]) > NOISY)
    failed = [
        row
        for row in runs
        if row["non2xx"] not in ("0", "") or row["socket_errors"] not in ("none", "")
    ]
    return {
        "size": size,
        "summit": summit_slug(size),
        "our_paths": urls,
        "median_rps": summary["median_rps"],
        "page_views": summary["derived_page_views_per_s"],
        "bytes": summary["bytes"],
        # bench.sh's starred medians: some runs left out as disturbed, not all
        "starred": sorted(label for label, flags in noisy.items() if any(flags) and not all(flags)),
        "busy_before_start_pct": summary["busy_before_start_pct"],
        "max_other_cpu_pct": summary["max_other_cpu_pct"],
        "wrk": summary["wrk"],
        "runs": summary["runs"],
        "failed_runs": failed,
    }


# The report ------------------------------------------------------------------------


def rows_of(result: dict) -> list[tuple[str, str, float, float, int | None]]:
    """(shown label, bench.sh label, median req/s, ratio to its own server's
    trivial endpoint, bytes) per row of the table."""
    med, sizes = result["median_rps"], result["bytes"]
    rows = [
        (f"pretalx {label}", label, med[label], med[label] / med[PEER_TRIVIAL], sizes.get(label))
        for label in PEER_ROWS
    ]
    for kind, key in PEER_VIEWS.items():
        value = result["page_views"][key]
        shown = f"pretalx page view: shell + {kind} JSON"
        rows.append((shown, key, value, value / med[PEER_TRIVIAL], None))
    rows += [
        (f"ours {label.removeprefix('ours-')}", label, med[label],
         med[label] / med[OUR_TRIVIAL], sizes.get(label))
        for label in OURS
    ]  # fmt: skip
    return rows


def verdicts(result: dict) -> list[dict]:
    """Each of our agendas against pretalx's page view, warm and cold."""
    med = result["median_rps"]
    out = []
    for label in OUR_AGENDAS:
        ours = med[label]
        ours_ratio = ours / med[OUR_TRIVIAL]
        for key in PEER_VIEWS.values():
            peer = result["page_views"][key]
            peer_ratio = peer / med[PEER_TRIVIAL]
            out.append(
                {
                    "ours": label,
                    "pretalx": key,
                    "ours_rps": ours,
                    "pretalx_rps": peer,
                    "ours_ratio": ours_ratio,
                    "pretalx_ratio": peer_ratio,
                    "absolute_wins": ours > peer,
                    "ratio_wins": ours_ratio > peer_ratio,
                }
            )
    return out


def report(results: list[dict]) -> bool:
    """Print the table and the verdicts; whether everything passed."""
    first = results[0]
    print(
        f"Our agenda beside pretalx 2026.2.1's schedule, one wrk run per size "
        f"(wrk {first['wrk']}, {first['runs']} interleaved rounds, median req/s; "
        f"each server: gunicorn {WORKERS} sync workers, SQLite, DJANGO_DEBUG=0 / debug off; "
        f"pretalx with Redis, ours with its local-memory cache); "
        f"'÷ trivial' = req/s ÷ the same server's trivial endpoint "
        f"(ours: /healthz, pretalx: /healthcheck/)"
    )
    for result in results:
        busy = result["busy_before_start_pct"]
        print(
            f"N={result['size']}: machine busy before start {busy:.1f}% of all cores "
            f"(idle {100 - busy:.1f}%), other processes at most "
            f"{result['max_other_cpu_pct']:.1f}% during a run"
        )
    tables = [rows_of(result) for result in results]
    width = max(len(row[0]) for row in tables[0])
    header = f"{'url':{width}}"
    for result in results:
        n = result["size"]
        header += f" {f'N={n} bytes':>12} {f'N={n} req/s':>12} {'÷ trivial':>9}"
    print()
    print(header)
    for index, (shown, *_) in enumerate(tables[0]):
        line = f"{shown:{width}}"
        for result, table in zip(results, tables, strict=True):
            _, label, rps, ratio, size = table[index]
            star = "*" if label in result["starred"] else " "
            line += f" {'' if size is None else size:>12} {rps:11.1f}{star} {ratio:9.3f}"
        print(line)
    print("(* = median of the undisturbed runs only, as bench.sh marks it)")

    passed = True
    print()
    print(
        "A complete agenda page view of ours against pretalx's complete schedule page view "
        "(shell + JSON: 1/(1/shell + 1/json)); it must win against both, in absolute "
        "req/s and as a ratio to each system's trivial endpoint:"
    )
    for result in results:
        for verdict in verdicts(result):
            ok = verdict["absolute_wins"] and verdict["ratio_wins"]
            passed &= ok
            print(
                f"  N={result['size']:<4} {verdict['ours']:15} {verdict['ours_rps']:7.1f} req/s "
                f"(÷ trivial {verdict['ours_ratio']:.3f})  vs  pretalx "
                f"{verdict['pretalx']:27} {verdict['pretalx_rps']:7.1f} req/s "
                f"(÷ trivial {verdict['pretalx_ratio']:.3f}):  "
                f"{verdict['ours_rps'] / verdict['pretalx_rps']:5.2f}x absolute, "
                f"{verdict['ours_ratio'] / verdict['pretalx_ratio']:5.2f}x as ratio  "
                f"{'PASS' if ok else 'FAIL'}"
            )
    for result in results:
        for row in result["failed_runs"]:
            passed = False
            print(
                f"  N={result['size']}: {row['label']} run {row['run']} had non-2xx "
                f"{row['non2xx']}, socket errors {row['socket_errors']}"
            )
    print(f"requirement {'met' if passed else 'NOT met'}")
    return passed


# Running --------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Our agenda beside pretalx's schedule in the same wrk rounds.",
        epilog="bench.sh's knobs (RUNS, DURATION, WARMUP, THREADS, CONNS, QUIET_WAIT) "
        "pass through the environment.",
    )
    parser.add_argument(
        "--sizes",
        type=harness.positive(int),
        nargs="+",
        default=list(SIZES),
        help="session counts to compare (pretalx gets events of the same talk counts)",
    )
    parser.add_argument(
        "--port", type=int, default=PREFERRED_PORT, help="our port, if free (pretalx: 8811)"
    )
    return parser.parse_args(argv)


def benchmark(bench: harness.Bench, args: argparse.Namespace) -> int:
    if not (PEER_DIR / "bench.sh").exists():
        raise harness.BenchError(f"the peer benchmark is not at {PEER_DIR}")
    set_up_peer(args.sizes)
    serve.at_port(bench, serve.port_or_free(args.port))
    prepare(bench, args.sizes)
    results = [peer_round(bench, size) for size in args.sizes]
    passed = report(results)
    summary = RESULTS / "ours-vs-pretalx.json"
    summary.write_text(
        json.dumps(
            {"results": results, "verdicts": {r["size"]: verdicts(r) for r in results}},
            indent=1,
        )
    )
    harness.log(f"figures in {summary}; bench.sh's raw output in {RESULTS}/n<N>/")
    return 0 if passed else 1


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return harness.run(lambda bench: benchmark(bench, args))


if __name__ == "__main__":
    sys.exit(main())
