from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from media_contacts import accreditation as accreditation_service
from media_contacts import alerts as alert_service
from media_contacts import embargo, presskits, services
from media_contacts.forms import AccreditationForm, AlertSubscriptionForm, InterviewRequestForm
from media_contacts.markdown import render_markdown
from media_contacts.models import (
    Accreditation,
    AlertSubscription,
    EmbargoAccess,
    MediaContact,
    PressKit,
    PressKitItem,
    PressRelease,
    new_reference,
    press_zone,
)
from media_contacts.printing import badge_pdf
from sessions.services import participant_for
from u20 import ratelimit
from u20.forms import add_service_error
from u20.links import absolute_url
from u20.pagecache import cached_page, fresh_until, private
from u20.times import parse_zone

RELEASES_PER_PAGE = 10
# The session remembers the last reference, so only its own visitor sees it.
REFERENCE_SESSION_KEY = "media_contacts:reference"


def _contacts() -> tuple[MediaContact | None, list[MediaContact]]:
    contacts = list(MediaContact.objects.published())
    desk = next((contact for contact in contacts if contact.is_desk), None)
    return desk, [contact for contact in contacts if not contact.is_desk]


def _viewer_zone(request):
    participant = (
        getattr(request.user, "participant", None) if request.user.is_authenticated else None
    )
    return parse_zone(participant.time_zone) if participant else None


@require_safe
@cached_page(query=("page",))
def newsroom(request):
    accreditation = accreditation_service.valid_for(request.user)
    releases = PressRelease.objects.visible(accredited=accreditation is not None).for_listing()
    paginator = Paginator(releases, RELEASES_PER_PAGE)
    # get_page: a page number that is not a number gives the first page, one
    # past the end the last; never an error.
    page = paginator.get_page(request.GET.get("page"))
    desk, team = _contacts()
    viewer_zone = _viewer_zone(request)
    now = timezone.now()
    embargoed = [release for release in page.object_list if release.is_embargoed_at(now)]
    fallback = embargo.press_summit() if any(not r.summit_id for r in embargoed) else None
    for release in page.object_list:
        release.embargo_notice = (
            embargo.notice(release, viewer_zone, fallback=fallback) if release in embargoed else ""
        )
    response = render(
        request,
        "media_contacts/newsroom.html",
        {
            "page": page,
            "releases": page.object_list,
            "desk": desk,
            "team": team,
            "accreditation": accreditation,
            "press_kits": list(
                PressKit.objects.visible(accredited=False, now=now)
                .filter(summit__isnull=False)
                .select_related("summit")
                .order_by("-summit__start_date")
            ),
        },
    )
    if accreditation is not None:
        embargo.log_access(
            page.object_list, accreditation=accreditation, via=EmbargoAccess.Via.NEWSROOM, now=now
        )
        return private(response)
    # The list changes when the next release comes out or an embargo lifts.
    return fresh_until(response, PressRelease.objects.next_change(now=now))


@require_safe
@cached_page
def release_detail(request, slug):
    accreditation = accreditation_service.valid_for(request.user)
    # One query, the same for a release that does not exist and one under
    # embargo: a visitor cannot tell them apart, by the answer or its time.
    release = get_object_or_404(
        PressRelease.objects.visible(accredited=accreditation is not None)
        .for_listing()
        .select_related("press_kit"),
        slug=slug,
    )
    kit = getattr(release, "press_kit", None)
    desk, _team = _contacts()
    now = timezone.now()
    embargoed = release.is_embargoed_at(now)
    viewer_zone = _viewer_zone(request)
    response = render(
        request,
        "media_contacts/release_detail.html",
        {
            "release": release,
            "body": render_markdown(release.body),
            "desk": desk,
            "corrections": list(release.corrections.all()),
            "press_kit": kit if kit is not None and kit.is_published else None,
            "embargo_notices": embargo.notices(release, viewer_zone) if embargoed else [],
        },
    )
    if embargoed:
        embargo.log_access(
            [release], accreditation=accreditation, via=EmbargoAccess.Via.PAGE, now=now
        )
        return private(response)
    if accreditation is not None:
        return private(response)
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def interview_request(request):
    zone = press_zone()
    # A journalist signed in with a valid accreditation finds their details
    # filled in, and the media team sees the request marked accredited.
    accredited = accreditation_service.valid_for(request.user)
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
            form = InterviewRequestForm(request.POST, zone=zone, accreditation=accredited)
            if form.is_spam:
                # The same page a person sees, with a reference that exists
                # nowhere: nothing is stored and nothing is sent.
                request.session[REFERENCE_SESSION_KEY] = new_reference()
                return redirect("media_contacts:thanks")
            if form.is_valid():
                try:
                    interview = services.submit_request(
                        **form.request_fields(), accreditation=accredited
                    )
                except ValidationError as error:
                    add_service_error(form, error)
                else:
                    request.session[REFERENCE_SESSION_KEY] = interview.reference
                    return redirect("media_contacts:thanks")
        else:
            initial = {"language": get_language()}
            if accredited is not None:
                initial |= {
                    name: getattr(accredited, name)
                    for name in ("name", "outlet", "role", "email", "phone", "country")
                }
            form = InterviewRequestForm(zone=zone, initial=initial, accreditation=accredited)
        response = render(request, "media_contacts/interview_request.html", {"form": form})
    return response


@never_cache
@require_safe
def thanks(request):
    reference = request.session.get(REFERENCE_SESSION_KEY)
    if not reference:
        return redirect("media_contacts:interview_request")
    return render(request, "media_contacts/thanks.html", {"reference": reference})


# Media accreditation ------------------------------------------------------------


def _application_initial(request, participant) -> dict:
    return {
        "name": participant.full_name,
        "outlet": participant.organisation,
        "country": participant.country,
        "language": get_language(),
    }


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def accreditation(request):
    """A journalist's accreditation page: the application form, and then
    where it stands, the badge, the private feed and the answer to a
    request for more information."""
    participant = participant_for(user=request.user)
    applications = list(
        Accreditation.objects.filter(user=request.user)
        .select_related("summit")
        .prefetch_related("history")
        .order_by("-created_at")
    )
    for application in applications:
        # What the media team last asked, for a request waiting on the journalist.
        steps = list(application.history.all())
        application.team_message = (
            steps[-1].message
            if steps and application.status == Accreditation.Status.MORE_INFO
            else ""
        )
    summits = accreditation_service.open_summits()
    applied = {application.summit_id for application in applications}
    answering = next((a for a in applications if a.status == Accreditation.Status.MORE_INFO), None)
    can_apply = participant.has_verified_email and (
        answering is not None or summits.exclude(pk__in=applied).exists()
    )
    form = None
    if can_apply:
        choices = (
            summits.filter(pk=answering.summit_id) if answering else summits.exclude(pk__in=applied)
        )
        kwargs = {"summits": choices, "editing": answering is not None}
        if answering is not None:
            kwargs["instance"] = answering
        else:
            kwargs["initial"] = _application_initial(request, participant)
        if request.method == "POST":
            form = AccreditationForm(request.POST, request.FILES, **kwargs)
            if form.is_valid():
                try:
                    applied_now = accreditation_service.apply(
                        user=request.user, **form.application_fields()
                    )
                except ValidationError as error:
                    add_service_error(form, error)
                else:
                    messages.success(
                        request,
                        _("Your request is sent. Your reference is %(reference)s.")
                        % {"reference": applied_now.reference},
                    )
                    return redirect("media_contacts:accreditation")
        else:
            form = AccreditationForm(**kwargs)
    elif request.method == "POST":
        return redirect("media_contacts:accreditation")
    now = timezone.now()
    current = next((a for a in applications if a.is_valid_at(now)), None)
    return private(
        render(
            request,
            "media_contacts/accreditation.html",
            {
                "form": form,
                "answering": answering,
                "applications": applications,
                "current": current,
                "participant": participant,
                "feed_url": absolute_url(current.feed_path()) if current else "",
                "viewer_zone": parse_zone(participant.time_zone),
            },
        )
    )


@require_POST
@login_required
def new_feed_address(request):
    current = accreditation_service.valid_for(request.user)
    if current is None:
        raise Http404
    current.new_feed_token()
    messages.success(
        request, _("Your private feed has a new address; the old one no longer works.")
    )
    return redirect("media_contacts:accreditation")


@require_safe
@login_required
def badge(request, reference):
    found = (
        Accreditation.objects.valid()
        .filter(user=request.user, reference=reference)
        .select_related("summit", "summit__host_city")
        .first()
    )
    if found is None:
        raise Http404
    response = HttpResponse(badge_pdf(found), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="u20-press-badge-{found.reference}.pdf"'
    )
    return private(response)


@never_cache
@require_safe
def verify_accreditation(request, reference):
    """What a badge's QR code opens: whether the accreditation stands, for
    whom and for which summit. Every look-up counts against the visitor's
    rate, found or not."""
    if ratelimit.hit(
        "accreditation-lookup", ratelimit.client_address(request), settings.CERTIFICATE_LOOKUP_RATE
    ):
        return ratelimit.refused(request, settings.CERTIFICATE_LOOKUP_RATE)
    found = (
        Accreditation.objects.filter(
            reference=reference.upper(),
            status__in=[Accreditation.Status.APPROVED, Accreditation.Status.DECLINED],
        )
        .exclude(status=Accreditation.Status.DECLINED, expires_at__isnull=True)
        .select_related("summit", "summit__host_city")
        .first()
    )
    if found is None:
        raise Http404
    return render(
        request,
        "media_contacts/verify_accreditation.html",
        {"accreditation": found, "summit": found.summit},
    )


# Press kits ---------------------------------------------------------------------


def _kit_for(request, slug):
    """The kit at slug if this reader may see it, with whether it belongs
    to a release still under embargo (and the accreditation that opens it)."""
    accreditation = accreditation_service.valid_for(request.user)
    kit = get_object_or_404(
        PressKit.objects.visible(accredited=accreditation is not None).select_related(
            "summit", "release", "release__summit"
        ),
        slug=slug,
    )
    embargoed = kit.release_id is not None and kit.release.is_embargoed
    return kit, accreditation, embargoed


@require_safe
@cached_page
def press_kit(request, slug):
    kit, accreditation, embargoed = _kit_for(request, slug)
    items = list(kit.items.all())
    groups = [
        (kind, label, [item for item in items if item.kind == kind])
        for kind, label in PressKitItem.Kind.choices
    ]
    response = render(
        request,
        "media_contacts/press_kit.html",
        {
            "kit": kit,
            "groups": [group for group in groups if group[2]],
            "embargo_notices": embargo.notices(kit.release, _viewer_zone(request))
            if embargoed
            else [],
            "summit": kit.summit or (kit.release.summit if kit.release_id else None),
        },
    )
    if embargoed or accreditation is not None:
        return private(response)
    if kit.release_id:
        return fresh_until(response, PressRelease.objects.next_change())
    return response


def _file_response(request, name: str, *, filename: str, is_private: bool, download: bool):
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, content_type=presskits.file_type(name))
    response["Content-Disposition"] = content_disposition_header(download, filename)
    response["X-Content-Type-Options"] = "nosniff"
    # An SVG opened on its own is a document: it may run nothing, load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    if is_private:
        return private(response)
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def press_kit_file(request, slug, item, variant):
    kit, accreditation, embargoed = _kit_for(request, slug)
    found = get_object_or_404(PressKitItem, kit=kit, pk=item)
    if variant == "original":
        name, filename = found.file.name, presskits.download_name(found)
    elif variant == "preview" and found.preview:
        name, filename = found.preview.name, f"{slug}-{found.pk}-preview.webp"
    else:
        rendition = next((r for r in found.renditions if str(r["width"]) == variant), None)
        if rendition is None:
            raise Http404
        name, filename = rendition["name"], presskits.download_name(found, rendition["width"])
    if embargoed:
        embargo.log_access(
            [kit.release], accreditation=accreditation, via=EmbargoAccess.Via.PRESS_KIT
        )
    return _file_response(
        request, name, filename=filename, is_private=embargoed, download=variant != "preview"
    )


@require_safe
def press_kit_zip(request, slug):
    kit, accreditation, embargoed = _kit_for(request, slug)
    if embargoed:
        embargo.log_access(
            [kit.release], accreditation=accreditation, via=EmbargoAccess.Via.PRESS_KIT
        )
    return _file_response(
        request,
        presskits.zip_name(kit),
        filename=f"u20-press-kit-{kit.slug}.zip",
        is_private=embargoed,
        download=True,
    )


# Release alerts -----------------------------------------------------------------

ALERTS_SESSION_KEY = "media_contacts:alerts-asked"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def alerts(request):
    """Ask for an email when a release is out. Whatever the address, the
    next page is the same: nobody learns who is subscribed."""
    if request.method == "POST":
        if ratelimit.hit(
            "alert-subscribe", ratelimit.client_address(request), settings.ALERT_SUBSCRIBE_RATE
        ):
            return ratelimit.refused(request, settings.ALERT_SUBSCRIBE_RATE)
        form = AlertSubscriptionForm(request.POST)
        if form.is_spam:
            request.session[ALERTS_SESSION_KEY] = True
            return redirect("media_contacts:alerts_sent")
        if form.is_valid():
            try:
                alert_service.subscribe(**{k: form.cleaned_data[k] for k in ("email", "language")})
            except ValidationError as error:
                add_service_error(form, error)
            else:
                request.session[ALERTS_SESSION_KEY] = True
                return redirect("media_contacts:alerts_sent")
    else:
        form = AlertSubscriptionForm(initial={"language": get_language()})
    return render(request, "media_contacts/alerts.html", {"form": form})


@never_cache
@require_safe
def alerts_sent(request):
    if not request.session.get(ALERTS_SESSION_KEY):
        return redirect("media_contacts:alerts")
    return render(request, "media_contacts/alerts_done.html", {"step": "sent"})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_alerts(request, token):
    """The link in the confirmation email opens a page with a button: a
    mail scanner that follows links confirms nothing."""
    if request.method != "POST":
        known = AlertSubscription.objects.filter(token=token, unsubscribed_at__isnull=True)
        if not known.exists():
            raise Http404
        return render(request, "media_contacts/alerts_done.html", {"step": "confirm"})
    try:
        subscription = alert_service.confirm(token)
    except alert_service.LinkExpired:
        return render(request, "media_contacts/alerts_done.html", {"step": "expired"})
    if subscription is None:
        raise Http404
    return render(request, "media_contacts/alerts_done.html", {"step": "confirmed"})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_alerts(request, token):
    """One click, as RFC 8058 asks: a POST of List-Unsubscribe=One-Click by
    the mail program, or the button on this page. It needs no CSRF token
    and no cookie: the secret address is the proof, and it only unsubscribes."""
    if request.method != "POST":
        if not AlertSubscription.objects.filter(token=token).exists():
            raise Http404
        return render(request, "media_contacts/alerts_done.html", {"step": "unsubscribe"})
    if alert_service.unsubscribe(token) is None:
        raise Http404
    return render(request, "media_contacts/alerts_done.html", {"step": "unsubscribed"})
