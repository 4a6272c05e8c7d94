"""Lists in pages of a chosen size, numbered from 1, with the addresses of
the pages either side. The order of every list ends on a unique key (see
api.selectors), so that a row is on exactly one page."""

import math
from collections.abc import Callable

from django.db.models import QuerySet
from django.http import HttpRequest

from api.schemas import PageQuery
from u20.links import absolute_url


def _link(request: HttpRequest, page: int) -> str:
    """This list's address at another page, with every other parameter kept."""
    query = request.GET.copy()
    query["page"] = str(page)
    return f"{absolute_url(request.path)}?{query.urlencode()}"


def page_of(request: HttpRequest, queryset: QuerySet, query: PageQuery, present: Callable) -> dict:
    """One page of queryset, each row written by present: two queries, the
    count and the rows (with whatever the queryset prefetches)."""
    count = queryset.count()
    size = query.page_size
    pages = max(1, math.ceil(count / size))
    offset = (query.page - 1) * size
    rows = list(queryset[offset : offset + size]) if offset < count else []
    return {
        "count": count,
        "page": query.page,
        "page_size": size,
        "pages": pages,
        "next": _link(request, query.page + 1) if query.page < pages else None,
        "previous": _link(request, min(query.page - 1, pages)) if query.page > 1 else None,
        "results": [present(row) for row in rows],
    }
