from django.urls import path

from media_contacts import views
from media_contacts.feeds import PressReleaseFeed
from u20.pagecache import EXPORT_MAX_AGE, cached_page

app_name = "media_contacts"

urlpatterns = [
    path("", views.newsroom, name="newsroom"),
    path("releases/<uslug:slug>/", views.release_detail, name="release"),
    path("feed.atom", cached_page(PressReleaseFeed(), max_age=EXPORT_MAX_AGE), name="feed"),
    path("interview-request/", views.interview_request, name="interview_request"),
    path("interview-request/thanks/", views.thanks, name="thanks"),
]
