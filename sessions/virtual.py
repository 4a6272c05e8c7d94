"""What a virtual session shows beyond its join links: the public
livestream while it is live, and its recordings with their transcripts
once it has ended.

A livestream is a player embedded in the session page, so it must come from
a host the site lets pages frame (LIVESTREAM_HOSTS): the page's own CSP
names that one origin in frame-src, and no page names any other. A
transcript is a WebVTT file, parsed before it is kept.
"""

import io
from urllib.parse import urlsplit

import webvtt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A transcript of a whole day's session is a few hundred kilobytes.
MAX_TRANSCRIPT_BYTES = 2 * 1024 * 1024


def livestream_hosts() -> list[str]:
    return [host.lower() for host in settings.LIVESTREAM_HOSTS]


def validate_livestream_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme != "https" or (parts.hostname or "").lower() not in livestream_hosts():
        raise ValidationError(
            _(
                "The livestream must be an https:// player link from one of the hosts the "
                "site allows: %(hosts)s."
            ),
            code="livestream_host",
            params={"hosts": ", ".join(livestream_hosts()) or "—"},
        )


def frame_policy(url: str) -> dict:
    """The site's CSP with frame-src naming only the origin of url."""
    parts = urlsplit(url)
    return {**settings.SECURE_CSP, "frame-src": [f"https://{parts.netloc}"]}


def validate_webvtt(upload) -> None:
    """Refuse a transcript that is not WebVTT: a file that does not start
    with the WEBVTT signature, has no cue, or a cue whose times do not parse
    or end before they start."""
    if upload.size > MAX_TRANSCRIPT_BYTES:
        raise ValidationError(
            _("This transcript is larger than %(size)s MB.") % {"size": 2}, code="webvtt_size"
        )
    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("This transcript is not UTF-8 text. Save it as UTF-8 WebVTT."), code="webvtt_encoding"
        ) from None
    try:
        captions = webvtt.from_buffer(io.StringIO(text)).captions
    except webvtt.errors.MalformedFileError:
        captions = None
    timings = [line for line in text.splitlines() if "-->" in line]
    if not captions or len(captions) != len(timings):
        raise ValidationError(
            _(
                "This is not a WebVTT file we can read: it must start with WEBVTT and each cue "
                "needs a time line such as 00:01:02.000 --> 00:01:05.000."
            ),
            code="webvtt_invalid",
        )
    for caption in captions:
        if _milliseconds(caption.start) >= _milliseconds(caption.end):
            raise ValidationError(
                _("The cue at %(time)s ends before it starts.") % {"time": caption.start},
                code="webvtt_times",
            )


def _milliseconds(timestamp: str) -> int:
    """A WebVTT timestamp ("01:02:03.450" or "02:03.450") in milliseconds."""
    clock, _, fraction = timestamp.partition(".")
    seconds = 0
    for part in clock.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds * 1000 + int(fraction.ljust(3, "0")[:3] or 0)


def recordings_for_reader(recordings, language: str) -> list:
    """Recordings with the one in the reader's language first."""
    return sorted(recordings, key=lambda recording: recording.language != language)
