from datetime import date, datetime
from html import escape

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from u20.times import as_written, day_text, hijri_date, moment_parts, shows_hijri, zone_of
from u20.zones import zone_name

register = template.Library()


def _reading_html(part: dict) -> str:
    """One reading as HTML, every value escaped (agenda rows call this
    hundreds of times a page, so it is written without format_html)."""
    html = f'<time datetime="{part["iso"]}" data-local-start>{escape(part["when"])}</time>'
    if "end" in part:
        html += f'–<time datetime="{part["end_iso"]}" data-local-end>{escape(part["end"])}</time>'
        if part["ends_next_day"]:
            next_day = escape(_("(next day)"))
            html += f' <span class="next-day">{next_day}</span>'
    separator = escape(pgettext("between a time and its zone", ", "))
    return (
        f'<bdi>{html}</bdi>{separator}<span class="zone"><bdi>{escape(part["label"])}</bdi></span>'
    )


@register.simple_tag
def moment(value, summit, viewer_zone=None, *, end=None, reader_first=False, style="full"):
    """The one way a page shows a moment: weekday, date and time in the
    summit's zone with the zone named, and in the reader's zone beside it
    when known and different, in the page's language.

    reader_first puts the reader's own reading first, for pages that promise
    times in their zone. style="time" leaves out the date, for rows under a
    heading that already gives it. Without the reader's zone, a slot is left
    for the one the browser reports (static/js/localtime.js).
    """
    first, second = moment_parts(
        value, summit, viewer_zone, end=end, reader_first=reader_first, style=style
    )
    html = f'<span class="moment">{_reading_html(first)}</span>'
    if second is not None:
        html += f' <span class="moment moment-other">(<bdi>{_reading_html(second)}</bdi>)</span>'
    elif "end" in first:
        prefix = escape(_("Your time: "))
        viewer = f'class="time time-viewer" data-local-time data-prefix="{prefix}" hidden'
        html += f" <span {viewer}></span>"
    return mark_safe(html)  # noqa: S308 -- every value in it went through escape()


@register.simple_tag
def day(value: date | datetime, summit=None, fmt: str = "l j F Y"):
    """A date in the page's language, with its Hijri date where the summit
    shows one, as a <time>. A datetime is dated in the summit's zone, or
    the site's for what belongs to no summit."""
    local = value.astimezone(zone_of(summit)).date() if isinstance(value, datetime) else value
    iso = local.isoformat()
    return format_html('<time datetime="{}">{}</time>', iso, day_text(value, summit, fmt=fmt))


@register.simple_tag
def summit_dates(summit):
    """ "30 September – 2 October 2020" in the active language, and the Hijri
    dates beside them where the summit shows them."""
    start, end = summit.start_date, summit.end_date
    if start == end:
        text = formats.date_format(start, "j F Y")
    elif start.year == end.year:
        text = f"{formats.date_format(start, 'j F')} – {formats.date_format(end, 'j F Y')}"
    else:
        text = f"{formats.date_format(start, 'j F Y')} – {formats.date_format(end, 'j F Y')}"
    if shows_hijri(summit) and (hijri_start := hijri_date(start)):
        hijri_end = hijri_date(end)
        hijri = hijri_start if start == end or not hijri_end else f"{hijri_start} – {hijri_end}"
        text = pgettext("gregorian and hijri dates", "%(date)s (%(hijri)s)") % {
            "date": text,
            "hijri": hijri,
        }
    return as_written(text)


@register.filter(name="zone_name")
def zone_name_filter(key: str) -> str:
    """ "Tokyo time" for "Asia/Tokyo", in the page's language (CLDR names)."""
    return zone_name(key, get_language() or "en")
