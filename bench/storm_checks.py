"""What ``bench/storm.py`` checks after a registration storm, and the lines
it prints: each check PASS or FAIL, with notes beneath.

Every function takes what Locust recorded (``bench/storm_users.py``: one dict
per request, with its send time, latency, status and, for the register POST,
the messages the site left) and what the database holds afterwards
(``storm.VERIFY_SCRIPT``), and adds its lines to a ``Report``.
"""

from __future__ import annotations

import loadgen

P95_LIMIT = 5.0  # the register POST's p95 over /healthz's
CLOCK_SLACK = 0.005  # seconds: a server time may differ this much from the client's clock


def percentile(milliseconds: list[float], p: float) -> float | None:
    """Nearest-rank percentile in milliseconds, as bench/loadgen.py reports it."""
    latencies = [value / 1000 for value in milliseconds]
    return loadgen.Result(target="", run=1, duration=0, latencies=latencies).percentile(p)


SUCCESS, INFO = 25, 20  # django.contrib.messages levels


def position_told(messages: list | None) -> int | None:
    """The waitlist place in the message the register POST left, if one:
    "The session is full: you are number N on the waitlist"."""
    for level, text in messages or []:
        digits = "".join(ch if ch.isdigit() else " " for ch in text).split()
        if level == INFO and digits:
            return int(digits[0])
    return None


def told_confirmed(messages: list | None) -> bool:
    return any(level == SUCCESS for level, _ in messages or [])


class Report:
    """Lines of the report, each check with PASS or FAIL."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.passed = True

    def check(self, ok: bool, text: str) -> None:
        self.passed &= ok
        self.lines.append(f"{'PASS' if ok else 'FAIL'}  {text}")

    def note(self, text: str) -> None:
        self.lines.append(f"      {text}")


def check_errors(report: Report, records: list[dict], status: dict) -> None:
    failed = [record for record in records if record["error"]]
    by_name: dict[str, int] = {}
    for record in records:
        by_name[record["name"]] = by_name.get(record["name"], 0) + 1
    counts = ", ".join(f"{name} {count}" for name, count in sorted(by_name.items()))
    report.check(not failed, f"errors: {len(failed)} of {len(records)} requests ({counts})")
    for record in failed[:10]:
        report.note(f"{record['name']}: {record['error']}")
    for record in [r for r in records if "told_error" in r][:3]:
        report.note(f"unreadable messages cookie: {record['told_error']}")
    report.check(
        status["registered"] == status["registrants"],
        f"registrations saved: {status['registered']} of {status['registrants']} registrants",
    )


def check_places(report: Report, state: dict, posts: dict[str, dict]) -> None:
    """Capacity, first come first served, and the waitlist in request order."""
    by_session: dict[str, list[dict]] = {}
    for registration in state["registrations"]:
        by_session.setdefault(registration["session"], []).append(registration)
    per_session, over, unfair, told_wrong, inverted, overlapping, off_clock = [], 0, 0, 0, 0, 0, 0
    waitlisted_total = confirmed_total = confirmed_untold = 0
    for slug, registrations in sorted(by_session.items()):
        capacity = state["capacity"][slug]
        confirmed = [r for r in registrations if r["status"] == "confirmed"]
        waiting = [r for r in registrations if r["status"] == "waitlisted"]
        waitlisted_total += len(waiting)
        per_session.append(f"{slug} {len(confirmed)}/{capacity} (+{len(waiting)} waiting)")
        over += len(confirmed) > capacity
        if waiting and confirmed:
            unfair += max(r["confirmed_at"] for r in confirmed) > min(
                r["waitlisted_at"] for r in waiting
            )
        queue = state["queues"][slug]
        for place, email in enumerate(queue, start=1):
            told_wrong += position_told(posts[email].get("told")) != place
        confirmed_untold += sum(
            not told_confirmed(posts[r["email"]].get("told")) for r in confirmed
        )
        confirmed_total += len(confirmed)
        # The server's order: when each registration was decided, inside the lock.
        served = sorted(registrations, key=lambda r: r["confirmed_at"] or r["waitlisted_at"])
        for registration in served:
            post = posts[registration["email"]]
            moment = registration["confirmed_at"] or registration["waitlisted_at"]
            off_clock += not (post["start"] - CLOCK_SLACK <= moment <= post["end"] + CLOCK_SLACK)
        for i, earlier in enumerate(served):
            first = posts[earlier["email"]]
            for later in served[i + 1 :]:
                second = posts[later["email"]]
                if second["end"] < first["start"]:
                    inverted += 1  # answered before the one served first was even sent
                elif second["start"] < first["start"]:
                    overlapping += 1  # sent first, served second, while both were in flight
    report.check(not over, "confirmed per session: " + ", ".join(per_session))
    report.check(
        not unfair,
        f"first come, first served: {unfair} sessions waitlisted someone while a place was free",
    )
    report.check(
        not confirmed_untold,
        f"{confirmed_total - confirmed_untold} of {confirmed_total} confirmed were told so",
    )
    report.check(
        not told_wrong,
        f"waitlist order: {waitlisted_total - told_wrong} of {waitlisted_total} waitlisted "
        "were told the place the queue (by waitlisted_at) gives them",
    )
    report.check(
        not inverted,
        f"request order: {inverted} pairs of registrations of a session were decided in the "
        "opposite order of requests that did not overlap; "
        f"{overlapping} pairs sent while both were in flight were decided in the other order "
        "(either order is right for those)",
    )
    report.check(
        not off_clock,
        f"{off_clock} decisions were timed outside their own request (server and client clocks)",
    )


def check_latency(report: Report, records: list[dict], window: float) -> dict:
    posts = [r for r in records if r["name"] == "register POST"]
    if not posts:
        report.check(False, "no register POST was made")
        return {}
    begin = min(r["start"] for r in posts)
    end = max(r["start"] + r["ms"] / 1000 for r in posts)
    sent_over = max(r["start"] for r in posts) - begin
    report.check(
        sent_over <= window,
        f"storm: {len(posts)} register POSTs sent over {sent_over:.2f} s, "
        f"all answered {end - begin:.2f} s after the first was sent",
    )

    def during(name_prefix: str) -> list[float]:
        return [
            r["ms"]
            for r in records
            if r["name"].startswith(name_prefix) and begin <= r["start"] <= end
        ]

    figures = {}
    for label, values in (
        ("register POST", [r["ms"] for r in posts]),
        ("healthz", during("healthz")),
        ("browsing", during("browse:")),
    ):
        figures[label] = (len(values), percentile(values, 50), percentile(values, 95))
    for label, (count, p50, p95) in figures.items():
        if count:
            report.note(f"{label:14} {count:5} requests  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
    register_p95, healthz_p95 = figures["register POST"][2], figures["healthz"][2]
    if healthz_p95:
        ratio = register_p95 / healthz_p95
        report.check(
            ratio <= P95_LIMIT,
            f"register POST p95 {register_p95:.1f} ms = {ratio:.2f}x /healthz's p95 "
            f"{healthz_p95:.1f} ms during the storm (limit {P95_LIMIT:g}x)",
        )
    else:
        report.check(False, "no /healthz answer during the storm")
    return figures


def check_outbox(report: Report, state: dict) -> None:
    rows = {(row["to"], row["kind"]): row["rows"] for row in state["outbox"]}
    expected = {
        (r["email"], f"registration.{r['status']}")
        for r in state["registrations"]
        if r["status"] in ("confirmed", "waitlisted")
    }
    twice = [key for key, count in rows.items() if count > 1]
    missing = [key for key in expected if key not in rows]
    unexpected = [key for key in rows if key not in expected]
    kinds: dict[str, int] = {}
    for (_, kind), count in rows.items():
        kinds[kind] = kinds.get(kind, 0) + count
    report.check(
        not (twice or missing or unexpected),
        f"outbox: {sum(rows.values())} emails queued for {len(expected)} registrations "
        f"({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}); "
        f"{len(twice)} (to, kind) pairs queued twice, {len(missing)} missing, "
        f"{len(unexpected)} unexpected",
    )
