"""Capacity under concurrency: many people registering or cancelling at the
same moment, each in a thread with its own database connection, on whichever
database the suite runs against (SQLite by default, PostgreSQL in CI)."""

import fcntl
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.db import connections, transaction

from sessions import services
from sessions.models import Registration, Session
from tests.factories import make_participant, make_upcoming_session

pytestmark = pytest.mark.django_db(transaction=True)

# Each test here holds up to sixty connections at once. Two of them on two
# workers at the same moment would pass PostgreSQL's hundred, so they take
# turns, whichever worker runs them, through a lock every worker can see.
TURNS = Path(tempfile.gettempdir()) / "u20-tests-many-connections.lock"


@pytest.fixture(autouse=True)
def one_at_a_time():
    with TURNS.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def run_together(work, items) -> list[BaseException]:
    """Run work(item) for every item in its own thread, all released at once;
    return the exceptions raised."""
    barrier = threading.Barrier(len(items))
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(item):
        try:
            barrier.wait()
            work(item)
        except BaseException as error:  # every failure is reported, whatever its kind
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def status_counts(session) -> dict[str, int]:
    counts = {"confirmed": 0, "waitlisted": 0, "cancelled": 0}
    for status in Registration.objects.filter(session=session).values_list("status", flat=True):
        counts[status] += 1
    return counts


@pytest.mark.parametrize("run", range(5))
def test_sixty_people_registering_at_once_never_overbook_ten_places(run):
    session = make_upcoming_session(capacity=10)
    people = [make_participant() for _ in range(60)]

    errors = run_together(
        lambda person: services.register(session=session, participant=person), people
    )

    assert errors == []
    assert status_counts(session) == {"confirmed": 10, "waitlisted": 50, "cancelled": 0}
    positions = sorted(
        r.waitlist_position() for r in Registration.objects.waitlisted().filter(session=session)
    )
    assert positions == list(range(1, 51))


@pytest.mark.parametrize("cancelling", [1, 5, 10])
def test_k_cancellations_at_once_give_exactly_k_promotions(cancelling):
    session = make_upcoming_session(capacity=10)
    for _ in range(25):
        services.register(session=session, participant=make_participant())
    leaving = list(Registration.objects.confirmed().filter(session=session)[:cancelling])
    promoted: list[int] = []
    lock = threading.Lock()

    def leave(registration):
        result = services.cancel(registration=registration)
        with lock:
            promoted.extend(r.pk for r in result)

    errors = run_together(leave, leaving)

    assert errors == []
    assert len(promoted) == cancelling
    assert len(set(promoted)) == cancelling
    assert status_counts(session) == {
        "confirmed": 10,
        "waitlisted": 15 - cancelling,
        "cancelled": cancelling,
    }


def test_register_waits_while_another_transaction_holds_the_session_row():
    session = make_upcoming_session(capacity=10)
    person = make_participant()
    events: list[str] = []
    held, registering = threading.Event(), threading.Event()

    def hold_the_row():
        with transaction.atomic():
            # FOR NO KEY UPDATE on PostgreSQL: it stops register's FOR UPDATE but not the
            # foreign key check of its insert, so only the service's own lock can make it
            # wait. SQLite has no row locks: there the whole write transaction waits.
            Session.objects.select_for_update(no_key=True).get(pk=session.pk)
            held.set()
            registering.wait(timeout=30)
            time.sleep(1)  # long enough for an unlocked register to finish first
            events.append("released")

    def register_meanwhile():
        held.wait(timeout=30)
        registering.set()
        services.register(session=session, participant=person)
        events.append("registered")

    errors = run_together(lambda job: job(), [hold_the_row, register_meanwhile])

    assert errors == []
    assert events == ["released", "registered"]
    assert status_counts(session) == {"confirmed": 1, "waitlisted": 0, "cancelled": 0}
