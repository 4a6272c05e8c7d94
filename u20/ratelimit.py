"""A fixed-window rate limit per visitor, counted in the shared cache so that
every web process sees the same count (atomic with Redis's INCR)."""

import hashlib
import time

from django.core.cache import cache
from django.shortcuts import render

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "5/h" → (5, 3600): how many attempts in how many seconds."""
    count, _, unit = rate.partition("/")
    try:
        limit, period = int(count), UNITS[unit.strip().lower()[:1]]
    except (KeyError, ValueError):
        raise ValueError(f"A rate looks like 5/h or 20/d, not {rate!r}") from None
    if limit < 1:
        raise ValueError(f"A rate must allow at least one attempt, not {rate!r}")
    return limit, period


def client_address(request) -> str:
    """The address the connection came from. Behind a proxy or a load
    balancer, that proxy must put the client's address in REMOTE_ADDR
    (gunicorn's --forwarded-allow-ips with a middleware you trust, or the
    proxy's own setting): X-Forwarded-For is never read here, since any
    visitor can write it and so walk around the limit."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def hit(scope: str, key: str, rate: str) -> bool:
    """Count one attempt of key in scope; True when it goes over the limit."""
    limit, period = parse_rate(rate)
    window = int(time.time() // period)
    # Hashed, so no visitor's address is written to the cache.
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}:{window}"
    cache.add(cache_key, 0, timeout=period)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the key expired between add() and incr()
        cache.add(cache_key, 1, timeout=period)
        count = 1
    return count > limit


def refused(request, rate: str):
    """The page a visitor over rate gets: 429, in their language, saying
    when to try again."""
    response = render(request, "429.html", {"status": 429}, status=429)
    response["Retry-After"] = str(parse_rate(rate)[1])
    return response
