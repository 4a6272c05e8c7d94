import hashlib
import json

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from recommendations import selectors
from recommendations.exports import CSV_HEADER, communique_data, communique_rows
from recommendations.forms import CommuniqueFilterForm
from u20.links import absolute_url
from u20.pagecache import EXPORT_MAX_AGE, cached_page, public
from u20.spreadsheets import csv_response


@require_safe
@cached_page(query=("theme", "status"))
def communique(request, summit):
    communique = selectors.published_communique(summit)
    form = CommuniqueFilterForm(request.GET, themes=selectors.communique_themes(communique))
    filters = form.valid_values()
    recommendations = list(selectors.recommendations_for(communique, **filters))
    return render(
        request,
        "recommendations/communique.html",
        {
            "summit": communique.summit,
            "communique": communique,
            "form": form,
            "filtered": bool(filters),
            "shown": len(recommendations),
            "areas": selectors.group_by_area(recommendations),
            "status_counts": selectors.status_counts(communique),
            "endorsement_groups": selectors.endorsement_groups(communique),
        },
    )


@require_safe
@cached_page
def recommendation(request, summit, number):
    communique = selectors.published_communique(summit)
    recommendation = selectors.published_recommendation(communique, number)
    return render(
        request,
        "recommendations/recommendation.html",
        {
            "summit": communique.summit,
            "communique": communique,
            "recommendation": recommendation,
            "updates": list(recommendation.updates.all()),
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < communique.recommendation_count else None,
        },
    )


@require_safe
@cached_page(max_age=EXPORT_MAX_AGE)
def communique_json(request, summit):
    communique = selectors.published_communique(summit)
    data = communique_data(communique, url_for=absolute_url)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{communique.summit.slug}-communique.json"'
    return response


@require_safe
@cached_page(max_age=EXPORT_MAX_AGE)
def communique_csv(request, summit):
    communique = selectors.published_communique(summit)
    rows = communique_rows(communique, url_for=absolute_url)
    return csv_response(f"{communique.summit.slug}-communique.csv", CSV_HEADER, rows)


@require_safe
def communique_pdf(request, summit):
    """The official text, sent by us rather than by the media storage, so a
    browser is told what it is and to save it, never to render it in our origin.

    Too large for the page cache, it is revalidated instead: every upload
    gets a new file name, which the ETag is made of, and a conditional GET
    for the copy a reader already has is answered without opening the file."""
    communique = selectors.published_communique(summit)
    if not communique.pdf:
        raise Http404
    etag = quote_etag(hashlib.blake2b(communique.pdf.name.encode(), digest_size=16).hexdigest())
    last_modified = int(communique.updated_at.timestamp())
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return _validated(not_modified, etag, last_modified)
    try:
        pdf = communique.pdf.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(
        pdf,
        as_attachment=True,
        filename=f"{communique.summit.slug}-communique.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return _validated(response, etag, last_modified)


def _validated(response: HttpResponse, etag: str, last_modified: int) -> HttpResponse:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return public(response, max_age=EXPORT_MAX_AGE)
