import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sessions import attendance, selectors, services
from sessions.calendar import build_calendar, calendar_name
from sessions.exports import schedule_data
from sessions.forms import AgendaFilterForm, DeleteAccountForm, ProfileForm
from sessions.frab import frab_json, frab_xml
from sessions.languages import language_name
from sessions.lifecycle import Phase, days_change_at, lifecycle, starts_in
from sessions.models import Participant
from sessions.selectors import (
    participant_data,
    published_session,
    published_summit,
    registrable_session,
    schedule_sessions,
)
from sessions.virtual import frame_policy, recordings_for_reader
from u20.links import absolute_url
from u20.pagecache import EXPORT_MAX_AGE, cached_page, fresh_until, private
from u20.times import parse_zone


def _reader_zone(request, name: str | None):
    """The zone a reader chose in the URL, else their profile's once logged in."""
    zone = parse_zone(name)
    if zone is None and request.user.is_authenticated:
        participant = getattr(request.user, "participant", None)
        zone = parse_zone(participant.time_zone) if participant else None
    return zone


@require_safe
@cached_page(query=("day", "theme", "host", "language", "tz"))
def agenda(request, summit):
    summit = published_summit(summit, with_languages=True)
    form = AgendaFilterForm.for_summit(request.GET, summit)
    filters = form.valid_values()
    viewer_zone = _reader_zone(request, filters.pop("tz", None))
    viewer_zone, days = selectors.agenda_days(summit, viewer_zone=viewer_zone, **filters)
    response = render(
        request,
        "sessions/agenda.html",
        {
            "summit": summit,
            "form": form,
            "days": days,
            "viewer_zone": viewer_zone,
            "filtered": bool(filters),
        },
    )
    # The "live now" marks change when a session listed starts or ends.
    return fresh_until(response, days_change_at(days))


@require_safe
@cached_page
def speakers(request, summit):
    summit = published_summit(summit)
    return render(
        request,
        "sessions/speakers.html",
        {"summit": summit, "speakers": selectors.summit_speakers(summit)},
    )


def _session_page(request, session):
    """What the session page and its state panel show this reader: the phase
    of the session for them, with its join link, livestream and recordings."""
    registration = selectors.registration_of(session, request.user)
    confirmed = registration is not None and registration.is_confirmed
    now = timezone.now()
    state = lifecycle(session, now=now, confirmed=confirmed)
    channel = ""
    if registration is not None:
        channel = registration.channel or session.floor_language
    elif request.user.is_authenticated:
        participant = getattr(request.user, "participant", None)
        if participant is not None:
            channel = services.default_channel(session, participant) or session.floor_language
    language = request.LANGUAGE_CODE
    return {
        "summit": session.summit,
        "session": session,
        "registration": registration,
        "state": state,
        "starts_in": starts_in(session.starts_at, now) if state.phase == Phase.UPCOMING else "",
        "channel": channel or session.floor_language,
        "channels": [(code, language_name(code)) for code in session.channel_choices()],
        "livestream": session.livestream_url if state.phase in LIVE_PHASES else "",
        # A page open before the start shows the player once its script
        # swaps the live panel in: it may frame the player's host from then.
        "frames": session.livestream_url
        if not state.has_ended and not session.is_cancelled
        else "",
        "recordings": recordings_for_reader(session.recordings.all(), language)
        if state.phase == Phase.RECORDING
        else [],
        "places_left": selectors.places_left(session),
        "is_open": not session.is_cancelled and session.ends_at > now,
        "can_join": confirmed and selectors.can_join_now(session, now=now),
        "viewer_zone": _reader_zone(request, request.GET.get("tz")),
    }


# The phases in which the public livestream is shown.
LIVE_PHASES = (Phase.LIVE,)


def _session_answer(request, response, context):
    """A session page's headers: kept no longer than its phase lasts, framing
    only its livestream's host, never stored when it is someone's own."""
    fresh_until(response, context["state"].next_change)
    if context["frames"]:
        response._csp_config = frame_policy(context["frames"])
    # A signed-in reader's page can carry their join link; an anonymous one is
    # the same for everyone, and kept by the page cache.
    return private(response) if request.user.is_authenticated else response


@require_safe
@cached_page(query=("tz",))
def session_detail(request, summit, session):
    session = published_session(summit, session)
    context = _session_page(request, session)
    response = render(request, "sessions/session_detail.html", context)
    return _session_answer(request, response, context)


@require_safe
@cached_page(query=("tz",))
def session_state(request, summit, session):
    """The session page's state panel alone, for the page's script to swap in
    when the phase changes: the page itself is complete without it."""
    session = published_session(summit, session)
    context = _session_page(request, session)
    panel = render_to_string("sessions/_state.html", context, request=request)
    response = JsonResponse(
        {
            "phase": str(context["state"].phase),
            "next_change": (
                context["state"].next_change.isoformat() if context["state"].next_change else None
            ),
            "html": panel,
        }
    )
    return _session_answer(request, response, context)


@require_POST
@login_required
def register(request, summit, session):
    session = registrable_session(summit, session)
    try:
        registration = services.register(
            session=session,
            participant=services.participant_for(user=request.user),
            channel=request.POST.get("channel"),
        )
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        if registration.is_confirmed:
            messages.success(
                request, _("You are registered. A confirmation is on its way by email.")
            )
        else:
            messages.info(
                request,
                _("The session is full: you are number %(position)s on the waitlist.")
                % {"position": registration.waitlist_position()},
            )
    return redirect(session)


@require_POST
@login_required
def change_channel(request, summit, session):
    """Listen in another of the session's languages."""
    session = registrable_session(summit, session)
    registration = selectors.active_place_of(session, request.user)
    if registration is None:
        messages.error(request, _("You have no place in this session."))
        return redirect(session)
    registration.session = session
    try:
        services.change_channel(registration=registration, channel=request.POST.get("channel", ""))
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("You will listen in %(language)s.")
            % {"language": language_name(registration.channel or session.floor_language)},
        )
    return redirect(session)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@never_cache
def cancel(request, summit, session):
    """Give up one's own place, after saying so on the confirmation page: a
    GET, or a POST that did not come from that page's form (which sends
    confirm=yes), shows the page and changes nothing."""
    session = registrable_session(summit, session)
    back_to_me = request.POST.get("next", request.GET.get("next")) == "me"
    back = reverse("me:index") if back_to_me else session.get_absolute_url()
    registration = selectors.active_place_of(session, request.user)
    if registration is None:
        messages.error(request, _("You have no place in this session to cancel."))
        return redirect(back)
    if session.ends_at <= timezone.now():
        messages.error(request, _("This session has ended."))
        return redirect(back)
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        context = {
            "summit": session.summit,
            "session": session,
            "registration": registration,
            "back": back,
            "back_to_me": back_to_me,
            "viewer_zone": _reader_zone(request, None),
        }
        return private(render(request, "sessions/cancel_confirm.html", context))
    services.cancel(registration=registration)
    if registration.is_waitlisted:
        done = _("You have left the waitlist. A confirmation is on its way by email.")
    else:
        done = _("Your registration is cancelled. A confirmation is on its way by email.")
    messages.success(request, done)
    return redirect(back)


@require_safe
def join(request, summit, session):
    """Send a confirmed registrant to the session's join link, inside the
    window; explain to anyone else why not."""
    session = published_session(summit, session)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registration = selectors.registration_of(session, request.user)
    if registration is None or not registration.is_confirmed:
        reason = _("Only people with a confirmed place can join this session.")
    elif session.is_cancelled:
        reason = _("This session has been cancelled.")
    elif not session.join_url:
        reason = _("The organisers have not published a join link for this session yet.")
    elif not selectors.can_join_now(session):
        opens, closes = selectors.join_window(session)
        minutes = int((session.starts_at - opens).total_seconds() // 60)
        reason = (
            _("This session has ended.")
            if timezone.now() >= closes
            else ngettext(
                "The join link opens %(minutes)s minute before the start.",
                "The join link opens %(minutes)s minutes before the start.",
                minutes,
            )
            % {"minutes": minutes}
        )
    else:
        channel = registration.channel or session.floor_language
        attendance.record_join(registration, channel=channel)
        return private(redirect(session.join_url_for(channel)))
    response = render(
        request,
        "sessions/join_refused.html",
        {"session": session, "summit": session.summit, "reason": reason},
        status=403,
    )
    return private(response)


@login_required
@never_cache
def me(request):
    participant = services.participant_for(user=request.user)
    # The form edits its own copy, so a refused value never shows as saved.
    form = ProfileForm(request.POST or None, instance=Participant.objects.get(pk=participant.pk))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("me:index")
    feed_url = absolute_url(participant.calendar_path())
    return private(
        render(
            request,
            "sessions/me.html",
            {
                "participant": participant,
                "schedule": selectors.schedule_of(participant),
                "form": form,
                "feed_url": feed_url,
                "webcal_url": "webcal://" + feed_url.split("://", 1)[-1],
                "viewer_zone": participant.zone,
            },
        )
    )


@require_POST
@login_required
def new_calendar_link(request):
    participant = services.participant_for(user=request.user)
    participant.new_calendar_token()
    messages.success(request, _("Your calendar link is new; the old one no longer works."))
    return redirect("me:index")


@require_safe
def calendar_feed(request, token):
    """A registrant's own calendar, at a secret address that calendar apps
    poll without logging in. Confirmed places carry their join link."""
    participant = get_object_or_404(Participant, calendar_token=token)
    registrations = selectors.calendar_places_of(participant)
    sessions = [registration.session for registration in registrations]
    join_urls = {
        registration.session_id: registration.session.join_url_for(registration.channel)
        for registration in registrations
        if registration.is_confirmed and registration.session.join_url
    }
    content = build_calendar(
        _("My U20 sessions"), sessions, url_for=absolute_url, join_urls=join_urls
    )
    return private(HttpResponse(content, content_type="text/calendar; charset=utf-8"))


@require_safe
@login_required
def export_data(request):
    data = participant_data(services.participant_for(user=request.user))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-u20-data.json"'
    return private(response)


@login_required
@never_cache
def delete_account(request):
    participant = services.participant_for(user=request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.delete_account(participant=participant)
        logout(request)
        messages.success(request, _("Your account and everything we held about you are deleted."))
        return redirect("u20:home")
    return render(request, "sessions/delete_account.html", {"form": form})


# Exports


def _calendar_download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _json_response(data) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )


@require_safe
@cached_page(max_age=EXPORT_MAX_AGE)
def schedule_ics(request, summit):
    summit = published_summit(summit)
    content = build_calendar(calendar_name(summit), schedule_sessions(summit), url_for=absolute_url)
    return _calendar_download(content, f"{summit.slug}-agenda.ics")


@require_safe
@cached_page(max_age=EXPORT_MAX_AGE)
def session_ics(request, summit, session):
    session = published_session(summit, session)
    content = build_calendar(calendar_name(session.summit), [session], url_for=absolute_url)
    return _calendar_download(content, f"{session.slug}.ics")


@require_safe
@cached_page(max_age=EXPORT_MAX_AGE)
def schedule_json(request, summit):
    summit = published_summit(summit)
    return _json_response(schedule_data(summit, schedule_sessions(summit), url_for=absolute_url))


@require_safe
@cached_page(max_age=EXPORT_MAX_AGE)
def schedule_frab_json(request, summit):
    summit = published_summit(summit)
    return _json_response(frab_json(summit, schedule_sessions(summit), url_for=absolute_url))


@require_safe
@cached_page(max_age=EXPORT_MAX_AGE)
def schedule_xml(request, summit):
    summit = published_summit(summit)
    content = frab_xml(summit, schedule_sessions(summit), url_for=absolute_url)
    return HttpResponse(content, content_type="application/xml; charset=utf-8")
