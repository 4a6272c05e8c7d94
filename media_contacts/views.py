from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from media_contacts import services
from media_contacts.forms import InterviewRequestForm
from media_contacts.markdown import render_markdown
from media_contacts.models import MediaContact, PressRelease, new_reference, press_zone
from u20 import ratelimit
from u20.pagecache import cached_page

RELEASES_PER_PAGE = 10
# The session remembers the last reference, so only its own visitor sees it.
REFERENCE_SESSION_KEY = "media_contacts:reference"


def _contacts() -> tuple[MediaContact | None, list[MediaContact]]:
    contacts = list(MediaContact.objects.published())
    desk = next((contact for contact in contacts if contact.is_desk), None)
    return desk, [contact for contact in contacts if not contact.is_desk]


@require_safe
@cached_page(query=("page",))
def newsroom(request):
    paginator = Paginator(PressRelease.objects.published().for_listing(), RELEASES_PER_PAGE)
    # get_page: a page number that is not a number gives the first page, one
    # past the end the last; never an error.
    page = paginator.get_page(request.GET.get("page"))
    desk, team = _contacts()
    return render(
        request,
        "media_contacts/newsroom.html",
        {"page": page, "releases": page.object_list, "desk": desk, "team": team},
    )


@require_safe
@cached_page
def release_detail(request, slug):
    release = get_object_or_404(PressRelease.objects.published().for_listing(), slug=slug)
    desk, _team = _contacts()
    return render(
        request,
        "media_contacts/release_detail.html",
        {"release": release, "body": render_markdown(release.body), "desk": desk},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def interview_request(request):
    zone = press_zone()
    # Times typed in the form are read in the press office's zone.
    with timezone.override(zone):
        if request.method == "POST":
            # Every POST counts, valid or not: a flood of junk is stopped as
            # surely as a flood of well-formed spam.
            if ratelimit.hit(
                "interview-request",
                ratelimit.client_address(request),
                settings.INTERVIEW_REQUEST_RATE,
            ):
                return ratelimit.refused(request, settings.INTERVIEW_REQUEST_RATE)
            form = InterviewRequestForm(request.POST, zone=zone)
            if form.is_spam:
                # The same page a person sees, with a reference that exists
                # nowhere: nothing is stored and nothing is sent.
                request.session[REFERENCE_SESSION_KEY] = new_reference()
                return redirect("media_contacts:thanks")
            if form.is_valid():
                try:
                    interview = services.submit_request(**form.request_fields())
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    request.session[REFERENCE_SESSION_KEY] = interview.reference
                    return redirect("media_contacts:thanks")
        else:
            form = InterviewRequestForm(zone=zone, initial={"language": get_language()})
        response = render(request, "media_contacts/interview_request.html", {"form": form})
    return response


@never_cache
@require_safe
def thanks(request):
    reference = request.session.get(REFERENCE_SESSION_KEY)
    if not reference:
        return redirect("media_contacts:interview_request")
    return render(request, "media_contacts/thanks.html", {"reference": reference})
