from django.urls import path

from media_contacts import views
from media_contacts.feeds import PressReleaseFeed, PrivatePressReleaseFeed
from u20.pagecache import EXPORT_MAX_AGE, cached_page

app_name = "media_contacts"

urlpatterns = [
    path("", views.newsroom, name="newsroom"),
    path("releases/<uslug:slug>/", views.release_detail, name="release"),
    path("feed.atom", cached_page(PressReleaseFeed(), max_age=EXPORT_MAX_AGE), name="feed"),
    path("feed/<str:token>.atom", PrivatePressReleaseFeed(), name="private_feed"),
    path("accreditation/", views.accreditation, name="accreditation"),
    path("accreditation/new-feed-address/", views.new_feed_address, name="new_feed_address"),
    path("accreditation/<str:reference>/badge.pdf", views.badge, name="badge"),
    path(
        "accreditation/check/<str:reference>/",
        views.verify_accreditation,
        name="verify_accreditation",
    ),
    path("press-kits/<uslug:slug>/", views.press_kit, name="press_kit"),
    path("press-kits/<uslug:slug>.zip", views.press_kit_zip, name="press_kit_zip"),
    path(
        "press-kits/<uslug:slug>/files/<int:item>/<str:variant>",
        views.press_kit_file,
        name="press_kit_file",
    ),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/sent/", views.alerts_sent, name="alerts_sent"),
    path("alerts/confirm/<str:token>/", views.confirm_alerts, name="confirm_alerts"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe_alerts, name="unsubscribe_alerts"),
    path("interview-request/", views.interview_request, name="interview_request"),
    path("interview-request/thanks/", views.thanks, name="thanks"),
]
