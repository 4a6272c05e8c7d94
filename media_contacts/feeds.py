"""The newsroom as an Atom feed, one per language (/en/media/feed.atom,
/ar/media/feed.atom): the language prefix decides the text."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from media_contacts import accreditation, embargo
from media_contacts.markdown import render_markdown
from media_contacts.models import EmbargoAccess, PressRelease
from u20.links import absolute_url
from u20.pagecache import fresh_until, private

FEED_LENGTH = 20


class PressReleaseFeed(Feed):
    """The public feed: releases out for everyone."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # Right until the next release comes out or an embargo lifts.
        return fresh_until(response, PressRelease.objects.next_change())

    def title(self):
        return _("U20 Mayors Summit: press releases")

    def subtitle(self):
        return _("News from the U20 media team.")

    # Absolute links, from SITE_URL: otherwise the feed would take its
    # address from whatever Host the request carried.
    def link(self):
        return absolute_url(reverse("media_contacts:newsroom"))

    def feed_url(self):
        return absolute_url(reverse("media_contacts:feed"))

    def author_name(self):
        return _("U20 media team")

    def items(self):
        return PressRelease.objects.published().for_listing()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Atom says this is HTML: the summary is escaped, the text sanitised.
        return format_html("<p>{}</p>{}", item.summary, render_markdown(item.body))

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        # Stable whatever the slug becomes: the release's id, per language.
        return f"tag:u20,{item.published_at:%Y-%m-%d}:press-release:{item.pk}:{get_language()}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)


class PrivatePressReleaseFeed(PressReleaseFeed):
    """An accredited journalist's own feed, at a secret address feed readers
    poll without signing in: every release from its publication time,
    embargoed ones marked so in their title and text. The address works
    while the accreditation is valid, and a new one retires it."""

    def __call__(self, request, *args, **kwargs):
        response = private(Feed.__call__(self, request, *args, **kwargs))
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_object(self, request, token):
        found = accreditation.by_feed_token(token)
        if found is None:
            raise Http404
        return found

    def title(self, obj):
        return _("U20 Mayors Summit: press releases for accredited media")

    def feed_url(self, obj):
        return absolute_url(obj.feed_path())

    def items(self, obj):
        now = timezone.now()
        releases = list(PressRelease.objects.released(now=now).for_listing()[:FEED_LENGTH])
        embargo.log_access(releases, accreditation=obj, via=EmbargoAccess.Via.FEED, now=now)
        fallback = embargo.press_summit()
        for release in releases:
            release.embargo_lines = (
                embargo.notices(release, fallback=fallback) if release.is_embargoed_at(now) else []
            )
        return releases

    def item_title(self, item):
        if item.embargo_lines:
            return f"[{item.embargo_lines[0]['text']}] {item.title}"
        return item.title

    def item_description(self, item):
        text = super().item_description(item)
        if item.embargo_lines:
            lines = item.embargo_lines
            return format_html(
                "{}{}",
                format_html_join(
                    "", "<p><strong>{}</strong></p>", ((line["text"],) for line in lines)
                ),
                text,
            )
        return text
