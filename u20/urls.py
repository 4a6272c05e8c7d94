"""Root URLs. Every public page is under a language prefix (/en/, /ar/);
LocaleMiddleware sends / to the visitor's language."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, register_converter

from u20 import media
from u20.converters import UnicodeSlugConverter
from u20.views import csp_report, favicon, healthz

register_converter(UnicodeSlugConverter, "uslug")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("api.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
    path("csp-report", csp_report, name="csp_report"),
]

urlpatterns += i18n_patterns(
    path("", include("u20.public_urls")),
    path("summits/<slug:summit>/", include("sessions.urls")),
    path("summits/<slug:summit>/communique/", include("recommendations.urls")),
    path("media/", include("media_contacts.urls")),
    path("me/", include("sessions.me_urls")),
    path("me/certificates/", include("certificates.me_urls")),
    path("certificates/", include("certificates.urls")),
    path("accounts/", include("allauth.urls")),
    prefix_default_language=True,
)

# Uploaded images on the filesystem, in production as while debugging; the
# view answers 404 when they live in an object store.
urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.serve, name="media")]

handler400 = "u20.errors.bad_request"
handler403 = "u20.errors.permission_denied"
handler404 = "u20.errors.page_not_found"
handler500 = "u20.errors.server_error"
