import json
import logging

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from u20 import ratelimit
from u20.models import Summit, SummitPartner
from u20.pagecache import cached_page

logger = logging.getLogger(__name__)


def _with_counts(queryset):
    # Feature apps hang what a summit's pages show of them on reverse
    # relations: the sessions it counts, the communiqué the menu links to.
    return queryset.for_navigation().annotate(
        session_count=Count("sessions", filter=Q(sessions__is_published=True), distinct=True),
        partner_count=Count("partners", distinct=True),
    )


def _published_summit(slug: str) -> Summit:
    return get_object_or_404(
        _with_counts(Summit.objects.published()).prefetch_related("themes"), slug=slug
    )


@require_safe
@cached_page
def home(request):
    summit = _with_counts(Summit.objects.current()).prefetch_related("themes").first()
    practice = Summit.objects.published().filter(is_sample=True).first()
    return render(request, "u20/home.html", {"summit": summit, "practice": practice})


@require_safe
@cached_page
def summit_list(request):
    # One query; a sample edition is not a past edition, so it gets its own place.
    published = list(_with_counts(Summit.objects.published()))
    summits = [summit for summit in published if not summit.is_sample]
    samples = [summit for summit in published if summit.is_sample]
    return render(request, "u20/summit_list.html", {"summits": summits, "samples": samples})


@require_safe
@cached_page
def summit_detail(request, summit):
    summit = _published_summit(summit)
    return render(request, "u20/summit_detail.html", {"summit": summit})


@require_safe
@cached_page
def partners(request, summit):
    summit = _published_summit(summit)
    partnerships = SummitPartner.objects.filter(summit=summit).select_related("organisation")
    groups = {}
    for partnership in partnerships:
        groups.setdefault(partnership.get_role_display(), []).append(partnership.organisation)
    return render(request, "u20/partners.html", {"summit": summit, "groups": list(groups.items())})


@never_cache
@require_safe
def healthz(request):
    """200 when the database and the cache both answer, 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as error:  # any failure means unhealthy, whatever its kind
        checks["database"] = type(error).__name__
    try:
        cache.set("healthz", "ok", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "no answer"
    except Exception as error:
        checks["cache"] = type(error).__name__
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)


# A browser reports each violation it sees; one page can send dozens.
CSP_REPORT_RATE = "60/m"
CSP_REPORT_MAX_BYTES = 16 * 1024


@csrf_exempt  # browsers send reports without any cookie or token
@require_POST
def csp_report(request):
    """Log what the Content Security Policy refused, so that a script or style
    a change forgot shows up in the logs. Rate-limited per client address;
    always 204, so a client learns nothing from the answer."""
    if ratelimit.hit("csp-report", ratelimit.client_address(request), CSP_REPORT_RATE):
        return HttpResponse(status=204)
    body = request.body[:CSP_REPORT_MAX_BYTES]
    try:
        payload = json.loads(body)
    except ValueError:
        return HttpResponse(status=204)
    # report-uri sends {"csp-report": {...}}; the Reporting API a list of
    # {"type": "csp-violation", "body": {...}}.
    reports = payload if isinstance(payload, list) else [payload]
    for report in reports[:10]:
        if not isinstance(report, dict):
            continue
        details = report.get("csp-report") or report.get("body") or {}
        if not isinstance(details, dict):
            continue
        logger.warning(
            "CSP refused %s on %s (%s)",
            str(details.get("blocked-uri") or details.get("blockedURL") or "")[:300],
            str(details.get("document-uri") or details.get("documentURL") or "")[:300],
            str(details.get("violated-directive") or details.get("effectiveDirective") or "")[:100],
        )
    return HttpResponse(status=204)


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to ours."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
