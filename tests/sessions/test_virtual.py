"""Virtual sessions: the phase a session is in at each boundary, the
listening channel a registrant chooses and the join link it leads to, the
session page while live (livestream, its frame-src) and after the end
(recordings in the reader's language first, transcripts), the state panel's
JSON, the page cache's expiry at the next change, WebVTT transcripts, the
agenda's live marks and language filter, the API and the schedule exports,
and telling registrants that a recording is out.

Tests marked "needs the merged Arabic catalogue" read the Arabic through the
catalogue and fail while it lacks the new strings."""

import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import icalendar
import pytest
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import pgettext
from django_tasks_db.models import DBTaskResult
from lxml import etree

from sessions import lifecycle, services
from sessions.frab import session_guid
from sessions.lifecycle import Phase
from sessions.models import Join, Recording, Registration, Session, SessionLanguage
from sessions.virtual import validate_webvtt
from tests.factories import (
    RIYADH,
    make_full_session,
    make_participant,
    make_session,
    make_summit,
    make_theme,
    make_upcoming_session,
)
from tests.tasks import bring_forward_delayed_tasks, run_due_tasks
from u20 import pagecache
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db

FLOOR_LINK = "https://meet.example.org/u20-floor"
ARABIC_LINK = "https://meet.example.org/u20-arabic-channel"
FRENCH_LINK = "https://meet.example.org/u20-french-channel"
PLAYER = "https://player.vimeo.com/video/76979871"
HOSTS = ["www.youtube-nocookie.com", "player.vimeo.com"]

VALID_VTT = b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWelcome to the U20 summit.\n"


# Small factories ---------------------------------------------------------------


def offer(session: Session, language: str, *, kind: str = "interpretation", join_url: str = ""):
    """A language the session is offered in beyond its floor."""
    order = session.languages.count()
    return SessionLanguage.objects.create(
        session=session, kind=kind, language=language, join_url=join_url, order=order
    )


def virtual_session(
    *,
    starts_in: timedelta = timedelta(days=1),
    duration: timedelta = timedelta(hours=1),
    interpretation: dict | None = None,
    captions: tuple = (),
    **fields,
) -> Session:
    """A session around today held in English with an Arabic channel, unless
    told otherwise: interpretation maps a language to its channel's link."""
    fields.setdefault("join_url", FLOOR_LINK)
    fields.setdefault("floor_language", "en")
    session = make_upcoming_session(
        starts_in=starts_in,
        ends_at=timezone.now() + starts_in + duration,
        **fields,
    )
    channels = {"ar": ARABIC_LINK} if interpretation is None else interpretation
    for language, link in channels.items():
        offer(session, language, join_url=link)
    for language in captions:
        offer(session, language, kind="captions")
    return session


def live_session(**fields) -> Session:
    """Started ten minutes ago, ending in fifty."""
    return virtual_session(starts_in=-timedelta(minutes=10), **fields)


def past_session(**fields) -> Session:
    """Ended two hours ago."""
    return virtual_session(starts_in=-timedelta(hours=3), **fields)


def place(session, participant, *, status="confirmed", channel="") -> Registration:
    """A registration written as it stands, for sessions the service no
    longer registers for (ended ones)."""
    now = timezone.now()
    return Registration.objects.create(
        session=session,
        participant=participant,
        status=status,
        channel=channel,
        confirmed_at=now if status == "confirmed" else None,
        waitlisted_at=now if status == "waitlisted" else None,
        cancelled_at=now if status == "cancelled" else None,
    )


def recording(session, language: str, *, transcript: bytes | None = None) -> Recording:
    return Recording.objects.create(
        session=session,
        language=language,
        url=f"https://video.example.org/{session.slug}/{language}",
        transcript=SimpleUploadedFile(f"{language}.vtt", transcript) if transcript else "",
    )


def page_url(session: Session, lang: str = "en", suffix: str = "") -> str:
    return f"/{lang}{session.get_absolute_url()[3:]}{suffix}"


def csp(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy, directive by directive."""
    header = response.headers.get("Content-Security-Policy", "")
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def max_age(response) -> int:
    return int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def arabic(message: str, context: str | None = None) -> str:
    """message as the Arabic pages show it; fails while the catalogue has no
    Arabic for it (the strings of these features are merged separately)."""
    with translation.override("ar"):
        text = pgettext(context, message) if context else translation.gettext(message)
    assert text != message, f"no Arabic for {message!r} (context {context!r}) yet"
    return text


# Lifecycle: the phase at each boundary -------------------------------------------


START = datetime(2020, 9, 30, 10, 0, tzinfo=RIYADH)
END = START + timedelta(hours=1)
SECOND = timedelta(seconds=1)


@pytest.fixture
def fixed_session(settings):
    settings.JOIN_WINDOW_MINUTES = 15
    return make_session(starts_at=START, ends_at=END)


OPENS = START - timedelta(minutes=15)


@pytest.mark.parametrize(
    ("now", "confirmed", "phase", "next_change"),
    [
        # The join window opens for confirmed registrants only.
        (OPENS - SECOND, True, Phase.UPCOMING, OPENS),
        (OPENS, True, Phase.JOINABLE, START),
        (OPENS + SECOND, True, Phase.JOINABLE, START),
        (OPENS - SECOND, False, Phase.UPCOMING, START),
        (OPENS, False, Phase.UPCOMING, START),
        (OPENS + SECOND, False, Phase.UPCOMING, START),
        # The start.
        (START - SECOND, True, Phase.JOINABLE, START),
        (START - SECOND, False, Phase.UPCOMING, START),
        (START, True, Phase.LIVE, END),
        (START, False, Phase.LIVE, END),
        (START + SECOND, False, Phase.LIVE, END),
        # The end.
        (END - SECOND, True, Phase.LIVE, END),
        (END - SECOND, False, Phase.LIVE, END),
        (END, True, Phase.ENDED, None),
        (END, False, Phase.ENDED, None),
        (END + SECOND, False, Phase.ENDED, None),
    ],
)
def test_phase_at_each_boundary(fixed_session, now, confirmed, phase, next_change):
    state = lifecycle.lifecycle(fixed_session, now=now, confirmed=confirmed, has_recording=False)

    assert (state.phase, state.next_change) == (phase, next_change)
    assert (state.opens, state.starts, state.ends) == (OPENS, START, END)


@pytest.mark.parametrize(
    ("now", "phase"),
    [(END - SECOND, Phase.LIVE), (END, Phase.RECORDING), (END + SECOND, Phase.RECORDING)],
)
def test_a_recording_makes_an_ended_session_a_recording_one(fixed_session, now, phase):
    recording(fixed_session, "en")

    state = lifecycle.lifecycle(fixed_session, now=now)

    assert (state.phase, state.next_change, state.has_ended) == (
        phase,
        None if phase == Phase.RECORDING else END,
        phase == Phase.RECORDING,
    )


def test_an_ended_session_without_recording_has_ended_with_none_to_follow(fixed_session):
    state = lifecycle.lifecycle(fixed_session, now=END + SECOND)

    assert (state.phase, state.has_ended, state.label) == (
        Phase.ENDED,
        True,
        "Ended, recording to follow",
    )


@pytest.mark.parametrize("now", [OPENS - SECOND, OPENS, START, END - SECOND, END + SECOND])
@pytest.mark.parametrize("confirmed", [True, False])
def test_a_cancelled_session_is_cancelled_whatever_the_time(fixed_session, now, confirmed):
    fixed_session.status = Session.Status.CANCELLED
    recording(fixed_session, "en")

    state = lifecycle.lifecycle(fixed_session, now=now, confirmed=confirmed)

    assert (state.phase, state.next_change) == (Phase.CANCELLED, None)


@pytest.mark.parametrize(
    ("now", "live"),
    [(START - SECOND, False), (START, True), (END - SECOND, True), (END, False)],
)
def test_is_live_from_the_start_until_the_end(fixed_session, now, live):
    assert lifecycle.is_live(fixed_session, now) is live


def test_next_change_of_a_list_is_its_first_start_or_end_to_come(fixed_session):
    later = make_session(summit=fixed_session.summit, starts_at=END + timedelta(hours=1))
    cancelled = make_session(
        summit=fixed_session.summit, starts_at=START + timedelta(minutes=5), status="cancelled"
    )
    sessions = [fixed_session, later, cancelled]

    moments = [
        lifecycle.next_change(sessions, now)
        for now in (START - SECOND, START, END, later.starts_at, later.ends_at)
    ]

    # The cancelled session's start, five minutes in, changes nothing.
    assert moments == [START, END, later.starts_at, later.ends_at, None]


# Channels: choosing one, the default, refusing one not offered --------------------


def test_register_with_a_channel_keeps_it():
    session = virtual_session()

    registration = services.register(session=session, participant=make_participant(), channel="ar")

    assert (registration.status, registration.channel) == ("confirmed", "ar")
    assert Registration.objects.get().channel == "ar"


def test_register_choosing_the_floor_keeps_the_floor():
    session = virtual_session()

    registration = services.register(
        session=session, participant=make_participant(language="ar"), channel="en"
    )

    assert registration.channel == ""
    assert session.join_url_for(registration.channel) == FLOOR_LINK


@pytest.mark.parametrize(
    ("profile", "channels", "expected"),
    [
        ("ar", {"ar": ARABIC_LINK}, "ar"),
        # No Arabic channel: the floor.
        ("ar", {"fr": FRENCH_LINK}, "en"),
        ("en", {"ar": ARABIC_LINK}, "en"),
    ],
)
def test_the_default_channel_is_the_profile_language_when_offered_else_the_floor(
    profile, channels, expected
):
    session = virtual_session(interpretation=channels)

    registration = services.register(
        session=session, participant=make_participant(language=profile)
    )

    assert (registration.channel or session.floor_language) == expected
    assert session.join_url_for(registration.channel) == (
        ARABIC_LINK if expected == "ar" else FLOOR_LINK
    )


@pytest.mark.parametrize("channel", ["fr", "zz", "<script>", "x" * 200])
def test_register_refuses_a_channel_the_session_does_not_offer(channel):
    # French is offered as captions, which are no channel to listen in.
    session = virtual_session(captions=("fr",))

    with pytest.raises(services.RegistrationError) as refused:
        services.register(session=session, participant=make_participant(), channel=channel)

    assert refused.value.message == "This session offers no channel in that language."
    assert Registration.objects.count() == 0


def test_registering_again_with_a_refused_channel_leaves_the_cancelled_place_as_it_was():
    session = virtual_session()
    participant = make_participant()
    registration = services.register(session=session, participant=participant, channel="ar")
    services.cancel(registration=registration)

    with pytest.raises(services.RegistrationError):
        services.register(session=session, participant=participant, channel="fr")

    registration.refresh_from_db()
    assert (registration.status, registration.channel) == ("cancelled", "ar")


def test_change_channel_moves_the_join_link_with_it():
    session = virtual_session()
    registration = services.register(session=session, participant=make_participant(), channel="ar")

    services.change_channel(registration=registration, channel="en")

    registration.refresh_from_db()
    assert registration.channel == ""
    assert session.join_url_for(registration.channel) == FLOOR_LINK


def test_change_channel_refuses_a_language_not_offered_and_changes_nothing():
    session = virtual_session()
    registration = services.register(session=session, participant=make_participant(), channel="ar")

    with pytest.raises(services.RegistrationError) as refused:
        services.change_channel(registration=registration, channel="fr")

    registration.refresh_from_db()
    assert refused.value.message == "This session offers no channel in that language."
    assert registration.channel == "ar"


def test_change_channel_of_a_cancelled_place_is_refused():
    session = virtual_session()
    registration = services.register(session=session, participant=make_participant())
    services.cancel(registration=registration)
    registration.refresh_from_db()

    with pytest.raises(services.RegistrationError) as refused:
        services.change_channel(registration=registration, channel="ar")

    assert refused.value.message == "You have no place in this session."


# Channels through the pages ------------------------------------------------------


def test_register_view_keeps_the_channel_chosen(client):
    session = virtual_session()
    participant = make_participant()
    client.force_login(participant.user)

    response = client.post(page_url(session, suffix="register/"), {"channel": "ar"}, follow=True)

    assert Registration.objects.get(participant=participant).channel == "ar"
    assert messages_of(response) == ["You are registered. A confirmation is on its way by email."]


def test_register_view_refuses_a_channel_not_offered_with_a_message(client):
    session = virtual_session()
    client.force_login(make_participant().user)

    response = client.post(page_url(session, suffix="register/"), {"channel": "fr"}, follow=True)

    assert response.status_code == 200
    assert messages_of(response) == ["This session offers no channel in that language."]
    assert Registration.objects.count() == 0


def test_session_page_offers_the_channels_with_the_profile_language_chosen(client):
    session = virtual_session()
    client.force_login(make_participant(language="ar").user)

    html = client.get(page_url(session)).content.decode()

    options = re.findall(r'<option value="(\w+)"( selected)?>([^<]+)</option>', html)
    assert options == [("en", "", "English"), ("ar", " selected", "Arabic")]


def test_change_channel_view_changes_my_channel_with_a_message(client):
    session = virtual_session()
    participant = make_participant()
    registration = services.register(session=session, participant=participant, channel="en")
    client.force_login(participant.user)

    response = client.post(page_url(session, suffix="channel/"), {"channel": "ar"}, follow=True)

    registration.refresh_from_db()
    assert registration.channel == "ar"
    assert response.redirect_chain == [(page_url(session), 302)]
    assert messages_of(response) == ["You will listen in Arabic."]


def test_change_channel_view_message_is_in_arabic_under_ar(client):
    """Needs the merged Arabic catalogue."""
    session = virtual_session()
    participant = make_participant(language="ar")
    services.register(session=session, participant=participant, channel="ar")
    client.force_login(participant.user)

    response = client.post(page_url(session, "ar", "channel/"), {"channel": "en"}, follow=True)

    assert response.redirect_chain == [(page_url(session, "ar"), 302)]
    assert messages_of(response) == [
        arabic("You will listen in %(language)s.") % {"language": "الإنجليزية"}
    ]


def test_change_channel_view_refuses_a_language_not_offered_and_keeps_mine(client):
    session = virtual_session()
    participant = make_participant()
    registration = services.register(session=session, participant=participant, channel="ar")
    client.force_login(participant.user)

    response = client.post(page_url(session, suffix="channel/"), {"channel": "fr"}, follow=True)

    registration.refresh_from_db()
    assert registration.channel == "ar"
    assert messages_of(response) == ["This session offers no channel in that language."]


def test_change_channel_view_needs_the_csrf_token():
    session = virtual_session()
    participant = make_participant()
    registration = services.register(session=session, participant=participant, channel="ar")
    client = Client(enforce_csrf_checks=True)
    client.force_login(participant.user)

    response = client.post(page_url(session, suffix="channel/"), {"channel": "en"})

    registration.refresh_from_db()
    assert response.status_code == 403
    assert registration.channel == "ar"


def test_change_channel_view_with_the_pages_csrf_token_works():
    session = virtual_session()
    participant = make_participant()
    registration = services.register(session=session, participant=participant, channel="ar")
    client = Client(enforce_csrf_checks=True)
    client.force_login(participant.user)
    html = client.get(page_url(session)).content.decode()
    token = re.search(
        r'action="[^"]*/channel/"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken" '
        r'value="([^"]+)"',
        html,
    ).group(1)

    client.post(
        page_url(session, suffix="channel/"), {"channel": "en", "csrfmiddlewaretoken": token}
    )

    registration.refresh_from_db()
    assert registration.channel == ""


def test_change_channel_view_is_post_only(client):
    session = virtual_session()
    client.force_login(make_participant().user)

    assert client.get(page_url(session, suffix="channel/")).status_code == 405


def test_change_channel_view_sends_anonymous_visitors_to_log_in(client):
    session = virtual_session()

    response = client.post(page_url(session, suffix="channel/"), {"channel": "ar"})

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_change_channel_view_changes_only_my_own_place(client):
    session = virtual_session()
    someone = services.register(session=session, participant=make_participant(), channel="ar")
    client.force_login(make_participant().user)

    response = client.post(page_url(session, suffix="channel/"), {"channel": "en"}, follow=True)

    someone.refresh_from_db()
    assert someone.channel == "ar"
    assert messages_of(response) == ["You have no place in this session."]
    assert Registration.objects.count() == 1


# Joining ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("channel", "link", "recorded"),
    [("ar", ARABIC_LINK, "ar"), ("en", FLOOR_LINK, "en")],
)
def test_join_sends_me_to_my_channel_and_records_the_join(client, channel, link, recorded):
    session = live_session()
    participant = make_participant()
    registration = services.register(session=session, participant=participant, channel=channel)
    client.force_login(participant.user)
    before = timezone.now()

    response = client.get(page_url(session, suffix="join/"))

    after = timezone.now()
    join = Join.objects.get()
    assert (response.status_code, response["Location"]) == (302, link)
    assert "no-store" in response["Cache-Control"]
    assert (join.registration, join.channel) == (registration, recorded)
    assert before <= join.joined_at <= after


def test_join_follows_a_changed_channel(client):
    session = live_session()
    participant = make_participant()
    registration = services.register(session=session, participant=participant, channel="en")
    services.change_channel(registration=registration, channel="ar")
    client.force_login(participant.user)

    response = client.get(page_url(session, suffix="join/"))

    assert response["Location"] == ARABIC_LINK
    assert list(Join.objects.values_list("channel", flat=True)) == ["ar"]


def test_join_before_the_window_records_nothing(client, settings):
    settings.JOIN_WINDOW_MINUTES = 15
    session = virtual_session(starts_in=timedelta(hours=2))
    participant = make_participant()
    services.register(session=session, participant=participant, channel="ar")
    client.force_login(participant.user)

    response = client.get(page_url(session, suffix="join/"))

    assert response.status_code == 403
    assert "The join link opens 15 minutes before the start." in response.content.decode()
    assert Join.objects.count() == 0


def test_join_after_the_end_records_nothing(client):
    session = past_session()
    participant = make_participant()
    place(session, participant, channel="ar")
    client.force_login(participant.user)

    response = client.get(page_url(session, suffix="join/"))

    assert response.status_code == 403
    assert "This session has ended." in response.content.decode()
    assert Join.objects.count() == 0


@pytest.mark.parametrize("status", ["waitlisted", "cancelled", None])
def test_join_without_a_confirmed_place_records_nothing(client, status):
    session = live_session()
    participant = make_participant()
    if status:
        place(session, participant, status=status, channel="ar")
    client.force_login(participant.user)

    response = client.get(page_url(session, suffix="join/"))

    assert response.status_code == 403
    assert ARABIC_LINK not in response.content.decode()
    assert Join.objects.count() == 0


# The session page while live ------------------------------------------------------


def test_anonymous_visitor_sees_live_now_while_live(client):
    session = live_session()

    html = client.get(page_url(session)).content.decode()

    assert '<span class="badge badge-phase badge-live">Live now</span>' in html
    assert "This session is under way." in html
    assert FLOOR_LINK not in html and ARABIC_LINK not in html


def test_live_now_is_in_arabic_under_ar(client):
    """Needs the merged Arabic catalogue."""
    session = live_session()

    html = client.get(page_url(session, "ar")).content.decode()

    assert 'dir="rtl"' in html
    live = arabic("Live now", "session phase")
    assert f'<span class="badge badge-phase badge-live">{live}</span>' in html


def test_session_page_names_its_languages(client):
    session = virtual_session(captions=("en", "ar"))

    html = client.get(page_url(session)).content.decode()

    assert (
        '<p class="languages"><span class="label">Languages</span> '
        "English · Arabic interpretation · captions in English, Arabic</p>"
    ) in html


@pytest.mark.parametrize("signed_in", [False, True])
def test_livestream_is_embedded_while_live_and_framed_from_its_host_alone(
    client, settings, signed_in
):
    settings.LIVESTREAM_HOSTS = HOSTS
    session = live_session(livestream_url=PLAYER)
    if signed_in:
        client.force_login(make_participant().user)

    response = client.get(page_url(session))

    assert f'<iframe src="{PLAYER}"' in response.content.decode()
    assert csp(response)["frame-src"] == ["https://player.vimeo.com"]


@pytest.mark.parametrize("when", ["upcoming", "ended"])
def test_livestream_is_not_shown_before_the_start_or_after_the_end(client, settings, when):
    settings.LIVESTREAM_HOSTS = HOSTS
    make = virtual_session if when == "upcoming" else past_session
    session = make(livestream_url=PLAYER)

    response = client.get(page_url(session))

    assert "<iframe" not in response.content.decode()
    assert PLAYER not in response.content.decode()
    # A page open before the start may frame the player once its script
    # swaps the live panel in; after the end nothing is framed.
    expected = [f"https://{urlsplit(PLAYER).netloc}"] if when == "upcoming" else None
    assert csp(response).get("frame-src") == expected


def test_other_pages_frame_nothing_while_a_livestream_is_on(client, settings):
    settings.LIVESTREAM_HOSTS = HOSTS
    session = live_session(livestream_url=PLAYER)
    other = virtual_session(summit=session.summit)
    summit = f"/en/summits/{session.summit.slug}/"

    pages = [summit + "agenda/", summit + "speakers/", page_url(other)]
    policies = [csp(client.get(url)) for url in pages]

    assert [("frame-src" in policy, policy["default-src"]) for policy in policies] == [
        (False, ["'none'"])
    ] * 3


def test_cached_live_page_keeps_its_frame_src(client, settings):
    settings.LIVESTREAM_HOSTS = HOSTS
    settings.PAGE_CACHE_SECONDS = 60
    session = live_session(livestream_url=PLAYER)
    client.get(page_url(session))

    cached = client.get(page_url(session))

    assert cached.context is None  # served from the page cache, not rendered
    assert csp(cached)["frame-src"] == ["https://player.vimeo.com"]
    assert f'<iframe src="{PLAYER}"' in cached.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example.com/player/1",
        "http://player.vimeo.com/video/1",
        "https://player.vimeo.com.evil.example.com/video/1",
        "https://evil.example.com/?host=player.vimeo.com",
    ],
)
def test_livestream_from_a_host_not_allowed_is_refused(settings, url):
    settings.LIVESTREAM_HOSTS = HOSTS
    session = make_session(livestream_url=url)

    with pytest.raises(ValidationError) as refused:
        session.full_clean()

    assert refused.value.message_dict == {
        "livestream_url": [
            "The livestream must be an https:// player link from one of the hosts the site "
            "allows: www.youtube-nocookie.com, player.vimeo.com."
        ]
    }


@pytest.mark.parametrize(
    "url", [PLAYER, "https://Player.Vimeo.com/video/1", "https://www.youtube-nocookie.com/embed/x"]
)
def test_livestream_from_an_allowed_host_is_accepted(settings, url):
    settings.LIVESTREAM_HOSTS = HOSTS
    session = make_session(livestream_url=url)

    session.full_clean()


# The session page after the end ---------------------------------------------------


@pytest.mark.parametrize(("lang", "first"), [("en", "en"), ("ar", "ar")])
def test_recordings_are_listed_in_the_readers_language_first(client, lang, first):
    session = past_session()
    recording(session, "en")
    recording(session, "ar")

    html = client.get(page_url(session, lang)).content.decode()

    links = re.findall(rf'href="https://video\.example\.org/{session.slug}/(\w+)"', html)
    assert links == [first, "ar" if first == "en" else "en"]
    assert 'class="badge badge-phase badge-recording"' in html


def test_recording_links_name_their_language(client):
    session = past_session()
    recording(session, "ar")
    recording(session, "en")

    html = client.get(page_url(session)).content.decode()

    assert re.findall(r"Watch the recording in (\w+)", html) == ["English", "Arabic"]
    assert '<span class="badge badge-phase badge-recording">Recording available</span>' in html


def test_recording_links_are_in_arabic_under_ar(client):
    """Needs the merged Arabic catalogue."""
    session = past_session()
    recording(session, "ar")

    html = client.get(page_url(session, "ar")).content.decode()

    watch = arabic("Watch the recording in %(language)s") % {"language": "العربية"}
    assert watch in html


def test_recording_offers_its_transcript(client):
    session = past_session()
    with_transcript = recording(session, "en", transcript=VALID_VTT)
    recording(session, "ar")

    html = client.get(page_url(session)).content.decode()

    url = with_transcript.transcript.url
    assert url.endswith(".vtt")
    assert f'<a href="{url}" type="text/vtt" download>Transcript in English (WebVTT)</a>' in html
    assert html.count('type="text/vtt"') == 1
    assert with_transcript.transcript.read() == VALID_VTT


def test_ended_session_without_recording_says_one_will_follow(client):
    session = past_session()

    html = client.get(page_url(session)).content.decode()

    assert "This session has ended. Its recording will be published here." in html
    assert "Watch the recording" not in html


def test_recording_added_before_the_end_is_not_shown_yet(client):
    session = live_session()
    recording(session, "en")

    html = client.get(page_url(session)).content.decode()

    assert "Watch the recording" not in html
    assert "badge-live" in html


# The state panel's JSON --------------------------------------------------------------


def test_state_says_the_phase_with_the_panel(client):
    session = live_session()

    response = client.get(page_url(session, suffix="state/"))

    data = response.json()
    assert response["Content-Type"] == "application/json"
    assert (data["phase"], data["next_change"]) == ("live", session.ends_at.isoformat())
    assert data["html"].startswith('<section class="session-state panel phase-live"')
    assert "Live now" in data["html"]
    assert FLOOR_LINK not in data["html"]


def test_state_of_a_confirmed_registrant_inside_the_window_has_the_join_link(client, settings):
    settings.JOIN_WINDOW_MINUTES = 15
    session = virtual_session(starts_in=timedelta(minutes=10))
    participant = make_participant()
    services.register(session=session, participant=participant, channel="ar")
    client.force_login(participant.user)

    response = client.get(page_url(session, suffix="state/"))

    data = response.json()
    assert (data["phase"], data["next_change"]) == ("joinable", session.starts_at.isoformat())
    assert f'href="{page_url(session, suffix="join/")}"' in data["html"]
    assert "Channel: Arabic" in data["html"]
    assert "no-store" in response["Cache-Control"]


def test_state_of_an_ended_session_with_recordings(client):
    session = past_session()
    recording(session, "en")

    data = client.get(page_url(session, suffix="state/")).json()

    assert (data["phase"], data["next_change"]) == ("recording", None)
    assert f"https://video.example.org/{session.slug}/en" in data["html"]


# The page cache: a page is kept no longer than its phase lasts ----------------------


class TimeoutsSeen(LocMemCache):
    """The local-memory cache, noting how long each key was set for."""

    def __init__(self, name, params):
        super().__init__(name, params)
        self.timeouts = {}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.timeouts[key] = timeout
        super().set(key, value, timeout, version)


@pytest.fixture
def page_timeouts(settings):
    """How long the page cache keeps each page it stores, in seconds."""
    settings.PAGE_CACHE_SECONDS = 60
    module = TimeoutsSeen.__module__
    settings.CACHES = {
        "default": {"BACKEND": f"{module}.TimeoutsSeen", "LOCATION": "virtual-sessions"}
    }
    backend = caches["default"]
    assert type(backend).__name__ == "TimeoutsSeen"

    def pages() -> list:
        return [timeout for key, timeout in backend.timeouts.items() if key.startswith("page:")]

    return pages


def test_anonymous_page_before_the_start_is_kept_no_longer_than_the_start(client, page_timeouts):
    session = virtual_session(starts_in=timedelta(seconds=30))

    first = client.get(page_url(session))
    cached = client.get(page_url(session))

    assert first.context is not None and cached.context is None
    assert [0 < seconds <= 30 for seconds in page_timeouts()] == [True]
    assert 0 < max_age(first) <= 30
    assert max_age(cached) <= max_age(first)


def test_anonymous_live_page_is_kept_no_longer_than_the_end(client, page_timeouts):
    session = virtual_session(
        starts_in=-timedelta(minutes=5), duration=timedelta(minutes=5, seconds=20)
    )

    response = client.get(page_url(session))

    assert [0 < seconds <= 20 for seconds in page_timeouts()] == [True]
    assert 0 < max_age(response) <= 20


def test_anonymous_page_far_from_any_change_is_kept_the_usual_time(client, page_timeouts):
    session = virtual_session(starts_in=timedelta(days=2))

    response = client.get(page_url(session))

    assert page_timeouts() == [60]
    assert max_age(response) == 60


def test_anonymous_state_is_kept_no_longer_than_the_start(client, page_timeouts):
    session = virtual_session(starts_in=timedelta(seconds=30))

    response = client.get(page_url(session, suffix="state/"))

    assert [0 < seconds <= 30 for seconds in page_timeouts()] == [True]
    assert 0 < max_age(response) <= 30


def test_agenda_is_kept_no_longer_than_its_next_start(client, page_timeouts):
    session = virtual_session(starts_in=timedelta(seconds=40))
    virtual_session(summit=session.summit, starts_in=timedelta(days=1))

    response = client.get(f"/en/summits/{session.summit.slug}/agenda/")

    assert [0 < seconds <= 40 for seconds in page_timeouts()] == [True]
    assert 0 < max_age(response) <= 40


def _counted_view(calls: list, moment=None, policy=None):
    @pagecache.cached_page
    def view(request):
        calls.append(request.path)
        response = HttpResponse(f"page {len(calls)}")
        if policy is not None:
            response._csp_config = policy
        return pagecache.fresh_until(response, moment() if moment else None)

    return view


def _request(path: str = "/en/changing/"):
    request = RequestFactory().get(path)
    request.LANGUAGE_CODE = "en"
    return request


def test_fresh_until_keeps_the_earliest_moment():
    now = timezone.now()
    response = HttpResponse()

    pagecache.fresh_until(response, now + timedelta(minutes=5))
    pagecache.fresh_until(response, None)
    pagecache.fresh_until(response, now + timedelta(minutes=1))
    pagecache.fresh_until(response, now + timedelta(minutes=9))

    assert response.fresh_until == now + timedelta(minutes=1)


def test_fresh_until_none_leaves_a_response_without_a_moment():
    response = pagecache.fresh_until(HttpResponse(), None)

    assert not hasattr(response, "fresh_until")


def test_a_page_that_changes_soon_is_kept_until_then(page_timeouts):
    calls = []
    view = _counted_view(calls, moment=lambda: timezone.now() + timedelta(seconds=10))

    first = view(_request())
    second = view(_request())

    assert calls == ["/en/changing/"]
    assert second.content == first.content == b"page 1"
    assert [0 < seconds <= 10 for seconds in page_timeouts()] == [True]
    assert 0 < max_age(second) <= 10


def test_a_page_whose_moment_has_come_is_never_served_from_the_cache(page_timeouts):
    calls = []
    view = _counted_view(calls, moment=lambda: timezone.now() - SECOND)

    first = view(_request())
    second = view(_request())

    assert (first.content, second.content) == (b"page 1", b"page 2")
    assert page_timeouts() == []
    assert (max_age(first), max_age(second)) == (0, 0)


def test_a_page_without_a_moment_is_kept_page_cache_seconds(page_timeouts):
    calls = []
    view = _counted_view(calls)

    view(_request())
    second = view(_request())

    assert len(calls) == 1
    assert page_timeouts() == [60]
    assert max_age(second) == 60


def test_the_cache_entry_keeps_the_pages_own_policy(page_timeouts):
    policy = {"default-src": ["'none'"], "frame-src": ["https://player.vimeo.com"]}
    calls = []
    view = _counted_view(calls, policy=policy)

    view(_request())
    cached = view(_request())

    assert len(calls) == 1
    assert cached._csp_config == policy


# WebVTT transcripts --------------------------------------------------------------


def _recording_with(content: bytes, name: str = "transcript.vtt") -> Recording:
    return Recording(
        session=make_session(),
        language="en",
        url="https://video.example.org/1",
        transcript=SimpleUploadedFile(name, content, content_type="text/vtt"),
    )


@pytest.mark.parametrize(
    "content",
    [
        VALID_VTT,
        "\ufeffWEBVTT\n\n00:00:01.000 --> 00:00:03.500\nمرحباً بكم في القمة.\n\n"
        "00:00:03.500 --> 00:00:06.000\nأهلاً.\n".encode(),
        b"WEBVTT - U20 plenary\n\nNOTE from the captioners\n\n1\n00:01.000 --> 00:04.000\nHi\n",
    ],
)
def test_a_webvtt_transcript_is_accepted(content):
    _recording_with(content).full_clean()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"00:00:01.000 --> 00:00:04.000\nNo header.\n",
            "This is not a WebVTT file we can read: it must start with WEBVTT and each cue "
            "needs a time line such as 00:01:02.000 --> 00:01:05.000.",
        ),
        (
            b"WEBVTT\n\n",
            "This is not a WebVTT file we can read: it must start with WEBVTT and each cue "
            "needs a time line such as 00:01:02.000 --> 00:01:05.000.",
        ),
        (
            b"WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nA time that does not parse.\n",
            "This is not a WebVTT file we can read: it must start with WEBVTT and each cue "
            "needs a time line such as 00:01:02.000 --> 00:01:05.000.",
        ),
        (
            b"WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nBackwards.\n",
            "The cue at 00:00:05.000 ends before it starts.",
        ),
        (
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nCafé\n".encode("latin-1"),
            "This transcript is not UTF-8 text. Save it as UTF-8 WebVTT.",
        ),
    ],
    ids=["no-header", "no-cue", "bad-time", "ends-before-start", "not-utf-8"],
)
def test_a_transcript_that_is_not_webvtt_is_refused_with_its_message(content, message):
    with pytest.raises(ValidationError) as refused:
        _recording_with(content).full_clean()

    assert refused.value.message_dict == {"transcript": [message]}


def test_a_transcript_over_two_megabytes_is_refused():
    content = VALID_VTT + b"\n" + b"x" * (2 * 1024 * 1024)

    with pytest.raises(ValidationError) as refused:
        validate_webvtt(SimpleUploadedFile("big.vtt", content))

    assert refused.value.messages == ["This transcript is larger than 2 MB."]


def test_a_cue_shorter_than_a_second_within_one_second_is_accepted():
    """Fails: sessions/virtual.py validate_webvtt compares
    caption.start_in_seconds with end_in_seconds, which webvtt-py 0.6 gives
    as whole seconds, so 00:00:01.200 --> 00:00:01.800 (a valid cue) is
    refused as "ends before it starts"."""
    content = b"WEBVTT\n\n00:00:01.200 --> 00:00:01.800\nYes.\n"

    validate_webvtt(SimpleUploadedFile("short.vtt", content))


def test_the_validator_leaves_the_file_readable_from_the_start():
    upload = SimpleUploadedFile("t.vtt", VALID_VTT)

    validate_webvtt(upload)

    assert upload.read() == VALID_VTT


# The agenda: live marks, languages, the language filter ------------------------------


@pytest.fixture
def today_summit():
    today = timezone.now().astimezone(RIYADH).date()
    return make_summit(
        slug="virtual-2020",
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=5),
    )


def _rows(html: str) -> dict[str, str]:
    """Each agenda row's markup, by its session's title."""
    rows = re.findall(r'<li class="session[^"]*">.*?\n</li>', html, flags=re.DOTALL)
    return {re.search(r"<h3><a [^>]*>([^<]+)</a>", row).group(1): row for row in rows}


def test_agenda_marks_the_live_session_and_no_other(client, today_summit):
    live_session(summit=today_summit, title_en="Live one")
    virtual_session(summit=today_summit, title_en="Tomorrow", starts_in=timedelta(days=1))
    past_session(summit=today_summit, title_en="Earlier")
    live_session(summit=today_summit, title_en="Called off", status="cancelled")

    rows = _rows(client.get(f"/en/summits/{today_summit.slug}/agenda/").content.decode())

    assert {title: "badge-live" in row for title, row in rows.items()} == {
        "Live one": True,
        "Tomorrow": False,
        "Earlier": False,
        "Called off": False,
    }
    assert '<span class="badge badge-live">Live now</span>' in rows["Live one"]


def test_agenda_live_mark_is_in_arabic_under_ar(client, today_summit):
    """Needs the merged Arabic catalogue."""
    live_session(summit=today_summit, title_ar="جلسة مباشرة")

    html = client.get(f"/ar/summits/{today_summit.slug}/agenda/").content.decode()

    live = arabic("Live now", "session phase")
    assert f'<span class="badge badge-live">{live}</span>' in _rows(html)["جلسة مباشرة"]


def test_agenda_row_names_the_languages(client, today_summit):
    virtual_session(summit=today_summit, title_en="Offered", captions=("en", "ar"))
    virtual_session(
        summit=today_summit, title_en="Arabic only", floor_language="ar", interpretation={}
    )

    rows = _rows(client.get(f"/en/summits/{today_summit.slug}/agenda/").content.decode())

    assert (
        '<p class="languages"><span class="label">Languages</span> '
        "English · Arabic interpretation · captions in English, Arabic</p>"
    ) in rows["Offered"]
    assert '<span class="label">Languages</span> Arabic</p>' in rows["Arabic only"]


def test_agenda_row_names_the_languages_in_arabic_under_ar(client, today_summit):
    """The names come from CLDR; the words around them need the merged
    Arabic catalogue."""
    virtual_session(summit=today_summit, title_ar="جلسة", captions=("en",))

    row = _rows(client.get(f"/ar/summits/{today_summit.slug}/agenda/").content.decode())["جلسة"]

    line = re.search(r'<p class="languages"><span class="label">[^<]*</span> ([^<]*)</p>', row)
    assert line.group(1).startswith("الإنجليزية · ")
    interpretation = arabic("%(language)s interpretation", "language offered")
    captions = arabic("captions in %(languages)s", "language offered")
    assert line.group(1) == " · ".join(
        [
            "الإنجليزية",
            interpretation % {"language": "العربية"},
            captions % {"languages": "الإنجليزية"},
        ]
    )


def test_agenda_language_filter_keeps_sessions_held_interpreted_or_captioned_in_it(
    client, today_summit
):
    virtual_session(
        summit=today_summit, title_en="Held in Arabic", floor_language="ar", interpretation={}
    )
    virtual_session(summit=today_summit, title_en="Interpreted into Arabic")
    virtual_session(
        summit=today_summit, title_en="Captioned in Arabic", interpretation={}, captions=("ar",)
    )
    virtual_session(summit=today_summit, title_en="Interpreted and captioned", captions=("ar",))
    virtual_session(
        summit=today_summit, title_en="French channel", interpretation={"fr": FRENCH_LINK}
    )
    virtual_session(summit=today_summit, title_en="English only", interpretation={})

    response = client.get(f"/en/summits/{today_summit.slug}/agenda/", {"language": "ar"})

    titles = [s.title for _day, sessions in response.context["days"] for s in sessions]
    assert sorted(titles) == sorted(
        [
            "Held in Arabic",
            "Interpreted into Arabic",
            "Captioned in Arabic",
            "Interpreted and captioned",
        ]
    )
    options = re.findall(r'<option value="(\w*)"[^>]*>', response.content.decode())
    # The site's languages first, in their order, then the others.
    assert options[-4:] == ["", "en", "ar", "fr"]


@pytest.mark.parametrize("value", ["xx", "de", "<script>", "a" * 500])
def test_agenda_unknown_language_says_so_and_still_lists_sessions(client, today_summit, value):
    virtual_session(summit=today_summit, title_en="Still listed")

    response = client.get(f"/en/summits/{today_summit.slug}/agenda/", {"language": value})

    assert response.status_code == 200
    assert response.context["form"].errors["language"] == [
        f"Select a valid choice. {value} is not one of the available choices."
    ]
    assert '<p class="error" id="id_language-error">Select a valid choice.' in (
        response.content.decode()
    )
    assert [s.title for _day, sessions in response.context["days"] for s in sessions] == [
        "Still listed"
    ]


def test_agenda_unknown_language_message_is_in_arabic(client, today_summit):
    virtual_session(summit=today_summit)

    response = client.get(f"/ar/summits/{today_summit.slug}/agenda/", {"language": "xx"})

    assert response.status_code == 200
    assert response.context["form"].errors["language"] == [
        "انتق خياراً صحيحاً. xx ليس أحد الخيارات المتاحة."
    ]


def _grow_agenda(summit, size: int) -> None:
    start = datetime.combine(summit.start_date, datetime.min.time(), tzinfo=summit.zone)
    theme = summit.themes.first()
    for n in range(size):
        session = make_full_session(
            summit=summit,
            starts_at=start + timedelta(hours=8, minutes=5 * n),
            floor_language="ar" if n % 3 == 0 else "en",
            join_url=FLOOR_LINK,
        )
        session.themes.add(theme)
        if n % 3 == 1:
            offer(session, "ar", join_url=ARABIC_LINK)
            offer(session, "fr", join_url=FRENCH_LINK)
        if n % 3 == 2:
            offer(session, "ar", kind="captions")
            offer(session, "en", kind="captions")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_agenda_language_filter_makes_the_same_few_queries_for_5_and_200_sessions(
    client, cold_pages, lang
):
    counts = []
    for size in (5, 200):
        summit = make_summit()
        summit.themes.add(make_theme())
        _grow_agenda(summit, size)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/{lang}/summits/{summit.slug}/agenda/?language=ar")
        assert response.status_code == 200
        listed = sum(len(sessions) for _day, sessions in response.context["days"])
        # Every session offers Arabic, held, interpreted or captioned.
        assert listed == size
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert 0 < counts[0] <= 8


# The API --------------------------------------------------------------------------


@pytest.fixture
def api_answers(settings):
    settings.API_CACHE_SECONDS = 0


def _api_sessions(client, query: str = "") -> dict:
    response = client.get(f"/api/v1/sessions{query}")
    assert response.status_code == 200, response.content
    return {row["slug"]: row for row in response.json()["results"]}


def test_api_language_filter(client, api_answers, today_summit):
    held = virtual_session(summit=today_summit, floor_language="ar", interpretation={})
    interpreted = virtual_session(summit=today_summit)
    captioned = virtual_session(summit=today_summit, interpretation={}, captions=("ar",))
    virtual_session(summit=today_summit, interpretation={"fr": FRENCH_LINK})

    found = _api_sessions(client, "?language=ar")

    assert sorted(found) == sorted([held.slug, interpreted.slug, captioned.slug])


def test_api_language_filter_refuses_what_is_no_language_code(client, api_answers):
    response = client.get("/api/v1/sessions?language=arabic")

    assert response.status_code == 422


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("en", ("English", "Arabic", "French")),
        ("ar", ("الإنجليزية", "العربية", "الفرنسية")),
    ],
)
def test_api_session_languages(client, api_answers, lang, names):
    session = virtual_session(captions=("ar", "fr"))

    row = _api_sessions(client, f"?lang={lang}")[session.slug]

    english, arabic_name, french = names
    assert row["languages"] == {
        "floor": {"code": "en", "name": english},
        "interpretation": [{"code": "ar", "name": arabic_name}],
        "captions": [{"code": "ar", "name": arabic_name}, {"code": "fr", "name": french}],
    }


def test_api_session_languages_in_every_language(client, api_answers):
    session = virtual_session(interpretation={})

    row = _api_sessions(client, "?lang=all")[session.slug]

    assert row["languages"]["floor"] == {
        "code": "en",
        "name": {"en": "English", "ar": "الإنجليزية"},
    }


def test_api_session_phase(client, api_answers, today_summit):
    upcoming = virtual_session(summit=today_summit)
    live = live_session(summit=today_summit)
    ended = past_session(summit=today_summit)
    recorded = past_session(summit=today_summit)
    recording(recorded, "en")
    cancelled = live_session(summit=today_summit, status="cancelled")

    rows = _api_sessions(client, "?lang=en")

    assert {slug: (row["phase"], row["phase_label"]) for slug, row in rows.items()} == {
        upcoming.slug: ("upcoming", "Upcoming"),
        live.slug: ("live", "Live now"),
        ended.slug: ("ended", "Ended, recording to follow"),
        recorded.slug: ("recording", "Recording available"),
        cancelled.slug: ("cancelled", "Cancelled"),
    }


def test_api_session_recordings_once_ended(client, api_answers, settings, today_summit):
    ended = past_session(summit=today_summit)
    english = recording(ended, "en", transcript=VALID_VTT)
    recording(ended, "ar")
    live = live_session(summit=today_summit)
    recording(live, "en")

    rows = _api_sessions(client, "?lang=en")

    video = f"https://video.example.org/{ended.slug}"
    assert rows[ended.slug]["recordings"] == [
        {
            "language": {"code": "en", "name": "English"},
            "url": f"{video}/en",
            "transcript_url": f"{settings.SITE_URL}{english.transcript.url}",
        },
        {
            "language": {"code": "ar", "name": "Arabic"},
            "url": f"{video}/ar",
            "transcript_url": None,
        },
    ]
    assert rows[ended.slug]["recording_url"] == f"{video}/en"
    # Nothing is published before the end.
    assert (rows[live.slug]["recordings"], rows[live.slug]["recording_url"]) == ([], None)


def test_api_never_shows_a_channel_join_link(client, api_answers):
    live_session()

    response = client.get("/api/v1/sessions?lang=all")

    assert ARABIC_LINK.encode() not in response.content
    assert FLOOR_LINK.encode() not in response.content


# Schedule exports ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_frab_xml_language_is_the_floor_language(client, lang):
    english = make_session(slug="held-in-english", floor_language="en")
    arabic_session = make_session(summit=english.summit, slug="held-in-arabic", floor_language="ar")
    offer(arabic_session, "en", join_url=FLOOR_LINK)

    response = client.get(f"/{lang}/summits/{english.summit.slug}/agenda/schedule.xml")

    document = etree.fromstring(response.content)
    languages = {event.get("guid"): event.findtext("language") for event in document.iter("event")}
    assert languages == {str(session_guid(english)): "en", str(session_guid(arabic_session)): "ar"}


def _ics_description(response) -> str:
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    return str(event["DESCRIPTION"])


def test_session_ics_description_names_the_languages(client):
    session = virtual_session(captions=("en",))

    description = _ics_description(client.get(page_url(session, suffix="session.ics")))

    assert description.endswith("Languages: English · Arabic interpretation · captions in English")
    assert ARABIC_LINK not in description


def test_schedule_ics_description_names_the_languages(client):
    session = virtual_session(floor_language="ar", interpretation={"en": FLOOR_LINK})

    content = client.get(f"/en/summits/{session.summit.slug}/agenda/schedule.ics").content

    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(event["DESCRIPTION"]).endswith("Languages: Arabic · English interpretation")


def test_session_ics_description_names_the_languages_in_arabic(client):
    """Needs the merged Arabic catalogue."""
    session = virtual_session(interpretation={})

    description = _ics_description(client.get(page_url(session, "ar", "session.ics")))

    assert description.endswith(arabic("Languages: %(languages)s") % {"languages": "الإنجليزية"})


def test_my_calendar_carries_my_channels_join_link(client):
    session = live_session()
    participant = make_participant()
    services.register(session=session, participant=participant, channel="ar")

    content = client.get(participant.calendar_path()).content.decode()

    unfolded = content.replace("\r\n ", "")
    assert ARABIC_LINK in unfolded
    assert FLOOR_LINK not in unfolded


# Telling registrants the recording is out -------------------------------------------


def _recording_emails() -> list[tuple]:
    return list(
        OutgoingEmail.objects.filter(kind="registration.recording_available")
        .order_by("pk")
        .values_list("to", "language", "subject")
    )


@pytest.fixture
def ended_with_registrants():
    session = past_session(title_en="Water in cities", title_ar="المياه في المدن")
    english = make_participant(language="en", email="reader-en@example.org")
    arabic_reader = make_participant(language="ar", email="reader-ar@example.org")
    place(session, english)
    place(session, arabic_reader, channel="ar")
    place(session, make_participant(email="waiting@example.org"), status="waitlisted")
    place(session, make_participant(email="gone@example.org"), status="cancelled")
    return session


def test_announce_recordings_tells_confirmed_registrants_once(ended_with_registrants):
    session = ended_with_registrants
    recording(session, "en")

    told = services.announce_recordings(session=session)

    session.refresh_from_db()
    emails = _recording_emails()
    assert told == 2
    assert [(to, language) for to, language, _subject in emails] == [
        ("reader-en@example.org", "en"),
        ("reader-ar@example.org", "ar"),
    ]
    assert emails[0][2] == "The recording is out: Water in cities"
    assert session.recording_announced_at is not None


def test_announce_recordings_writes_to_each_in_their_language(ended_with_registrants):
    """Needs the merged Arabic catalogue."""
    recording(ended_with_registrants, "ar")

    services.announce_recordings(session=ended_with_registrants)

    subjects = [subject for _to, _language, subject in _recording_emails()]
    assert subjects == [
        "The recording is out: Water in cities",
        arabic("The recording is out: %(title)s") % {"title": "المياه في المدن"},
    ]


def test_announce_recordings_twice_tells_nobody_again(ended_with_registrants):
    recording(ended_with_registrants, "en")
    services.announce_recordings(session=ended_with_registrants)

    again = services.announce_recordings(session=ended_with_registrants)

    assert again == 0
    assert len(_recording_emails()) == 2


def test_announce_recordings_before_the_end_tells_nobody():
    session = live_session()
    place(session, make_participant())
    recording(session, "en")

    told = services.announce_recordings(session=session)

    session.refresh_from_db()
    assert (told, _recording_emails(), session.recording_announced_at) == (0, [], None)


@pytest.mark.django_db(transaction=True)
def test_a_recording_added_before_the_end_is_announced_by_the_worker_at_the_end():
    session = live_session()
    place(session, make_participant(email="early@example.org"))
    recording(session, "en")

    told_now = services.announce_recordings(session=session)
    services.announce_recordings(session=session)  # saved again: still told once
    [task, *_] = DBTaskResult.objects.filter(task_path="sessions.tasks.announce_recordings")
    # The session ends; the worker runs what is due.
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    bring_forward_delayed_tasks()
    run_due_tasks()

    assert told_now == 0
    assert task.run_after == session.ends_at
    assert [to for to, _language, _subject in _recording_emails()] == ["early@example.org"]


def test_announce_recordings_without_a_recording_tells_nobody_and_waits_for_one(
    ended_with_registrants,
):
    session = ended_with_registrants

    first = services.announce_recordings(session=session)
    recording(session, "en")
    second = services.announce_recordings(session=session)

    assert (first, second) == (0, 2)
    assert len(_recording_emails()) == 2


def test_announce_recordings_mail_links_the_session_page_in_the_readers_language(
    ended_with_registrants, settings
):
    recording(ended_with_registrants, "en")
    path = ended_with_registrants.get_absolute_url()[3:]

    services.announce_recordings(session=ended_with_registrants)

    emails = OutgoingEmail.objects.filter(kind="registration.recording_available").order_by("pk")
    assert [
        (email.language, f"{settings.SITE_URL}/{email.language}{path}" in email.body)
        for email in emails
    ] == [("en", True), ("ar", True)]
    assert [email.attachments for email in emails] == [[], []]


def test_my_page_lists_past_recordings_in_my_language_first(client):
    session = past_session()
    recording(session, "en")
    recording(session, "ar")
    participant = make_participant(language="ar")
    place(session, participant, channel="ar")
    client.force_login(participant.user)

    pages = {lang: client.get(f"/{lang}/me/").content.decode() for lang in ("en", "ar")}

    video = rf'href="https://video\.example\.org/{session.slug}/(\w+)"'
    assert {lang: re.findall(video, html) for lang, html in pages.items()} == {
        "en": ["en", "ar"],
        "ar": ["ar", "en"],
    }
