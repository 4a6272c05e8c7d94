"""The newsroom as an Atom feed, one per language (/en/media/feed.atom,
/ar/media/feed.atom): the language prefix decides the text."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from media_contacts.markdown import render_markdown
from media_contacts.models import PressRelease
from u20.links import absolute_url

FEED_LENGTH = 20


class PressReleaseFeed(Feed):
    feed_type = Atom1Feed

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
