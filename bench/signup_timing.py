"""How long a sign-up takes with a new address and with one that has an
account, with the production password hasher. If the two medians differ by
much, the time alone tells a visitor which addresses exist.

    .venv/bin/python bench/signup_timing.py [--rounds 15]

It migrates a throwaway SQLite database in a temporary folder, signs up
through Django's test client (the whole request: forms, hashing, outbox),
and prints both medians and their ratio. Nothing is asserted: a benchmark
reports, the test suite (tests/sessions/test_accounts.py) checks that both
paths do the same work.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="sign-ups of each kind")
    rounds = parser.parse_args().rounds
    folder = tempfile.mkdtemp(prefix="u20-signup-bench-")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "u20.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_HTTPS": "0",
            "DJANGO_SECRET_KEY": "signup-benchmark-only-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "DJANGO_MEDIA_ROOT": f"{folder}/media",
        }
    )
    sys.path.insert(0, str(ROOT))

    import django  # noqa: PLC0415  (after the environment above is set)

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    call_command("migrate", verbosity=0)

    def sign_up(email: str) -> float:
        client = Client()
        form = {
            "email": email,
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
            "full_name": "Amal",
            "language": "en",
            "time_zone": "Asia/Riyadh",
            "role": "public",
        }
        start = time.perf_counter()
        response = client.post("/en/accounts/signup/", form)
        elapsed = time.perf_counter() - start
        if response.status_code != 302:
            raise SystemExit(f"sign-up answered {response.status_code}, not a redirect")
        return elapsed

    sign_up("known@example.org")
    new, known = [], []
    for n in range(rounds):
        new.append(sign_up(f"new-{n}@example.org"))
        known.append(sign_up("known@example.org"))
    new_median, known_median = statistics.median(new), statistics.median(known)
    print(f"{rounds} sign-ups of each kind, production password hasher")
    print(f"new address:   median {new_median * 1000:7.1f} ms")
    print(f"known address: median {known_median * 1000:7.1f} ms")
    print(f"known / new:   {known_median / new_median:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
