"""Certificates in the organisers' admin: read, searched by code or name,
revoked with a reason, and released summit by summit. Every change goes
through certificates.services."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from certificates import selectors, services
from certificates.forms import RevokeForm
from certificates.models import Certificate, CertificateRelease, parse_code
from u20.models import Summit


class RevokedFilter(admin.SimpleListFilter):
    title = pgettext_lazy("certificate", "status")
    parameter_name = "revoked"

    def lookups(self, request, model_admin):
        return [
            ("no", pgettext_lazy("certificate", "Valid")),
            ("yes", pgettext_lazy("certificate", "Revoked")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(revoked_at__isnull=False)
        if self.value() == "no":
            return queryset.valid()
        return queryset


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "summit", "issued_at", "status"]
    list_filter = [("summit", admin.RelatedOnlyFieldListFilter), RevokedFilter]
    search_fields = ["code", "name"]
    list_select_related = ["summit"]
    fields = [
        "code",
        "name",
        "summit",
        "participant",
        "sessions",
        "issued_at",
        "revoked_at",
        "revoked_reason",
        "revoked_by",
    ]
    readonly_fields = fields
    actions = ["revoke_certificates"]
    date_hierarchy = "issued_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # A certificate's page is for reading; the revoke action changes it.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        # Its code must keep saying what became of it: revoke instead.
        return False

    def get_search_results(self, request, queryset, search_term):
        """A code typed any way ("u20 7kq2m9xd") finds its certificate."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if code := parse_code(search_term):
            results = results | queryset.filter(code=code)
        return results, may_have_duplicates

    @admin.display(description=pgettext_lazy("certificate", "status"), ordering="revoked_at")
    def status(self, obj):
        if obj.is_revoked:
            return pgettext_lazy("certificate", "Revoked")
        return pgettext_lazy("certificate", "Valid")

    @admin.action(description=_("Revoke the selected certificates"), permissions=["change"])
    def revoke_certificates(self, request, queryset):
        """Asks for the reason on a page of its own, then revokes."""
        form = RevokeForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            revoked = 0
            for certificate in queryset.valid():
                services.revoke(
                    certificate=certificate, reason=form.cleaned_data["reason"], by=request.user
                )
                revoked += 1
            self.message_user(
                request,
                ngettext(
                    "%(count)d certificate revoked.", "%(count)d certificates revoked.", revoked
                )
                % {"count": revoked},
                level=messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "certificates/admin/revoke.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Revoke certificates"),
                "opts": self.opts,
                "certificates": queryset.select_related("summit"),
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


class ReleaseForm(forms.Form):
    summit = forms.ModelChoiceField(
        label=_("Summit"),
        queryset=Summit.objects.filter(certificate_release__isnull=True).order_by("-start_date"),
        help_text=_("Summits whose certificates are not released yet."),
    )


@admin.register(CertificateRelease)
class CertificateReleaseAdmin(admin.ModelAdmin):
    """A summit's certificates go out when an organiser releases them here,
    after a page saying how many people that concerns."""

    list_display = ["summit", "released_at", "released_by", "issued", "revoked"]
    list_select_related = ["summit", "released_by"]
    fields = ["summit", "released_at", "released_by"]
    readonly_fields = fields
    actions = ["release_again"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                issued_count=Count("summit__certificates"),
                revoked_count=Count(
                    "summit__certificates",
                    filter=Q(summit__certificates__revoked_at__isnull=False),
                ),
            )
        )

    @admin.display(description=_("certificates issued"), ordering="issued_count")
    def issued(self, obj):
        return obj.issued_count

    @admin.display(description=_("of which revoked"), ordering="revoked_count")
    def revoked(self, obj):
        return obj.revoked_count

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Certificates once out stay out; revoke any that must not stand.
        return False

    def add_view(self, request, form_url="", extra_context=None):
        """Choose a summit, see how many people attended, then release."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ReleaseForm(request.POST or None)
        preview = None
        if request.method == "POST" and form.is_valid():
            summit = form.cleaned_data["summit"]
            if "confirm" in request.POST:
                issued = services.release(summit=summit, by=request.user)
                self.message_user(
                    request,
                    ngettext(
                        "Certificates of %(summit)s released: %(count)d issued.",
                        "Certificates of %(summit)s released: %(count)d issued.",
                        len(issued),
                    )
                    % {"summit": summit, "count": len(issued)},
                    level=messages.SUCCESS,
                )
                return redirect(reverse("admin:certificates_certificaterelease_changelist"))
            preview = {"summit": summit, "attendees": selectors.attendee_count(summit)}
        return TemplateResponse(
            request,
            "certificates/admin/release.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Release the certificates of a summit"),
                "opts": self.opts,
                "form": form,
                "preview": preview,
            },
        )

    @admin.action(
        description=_("Issue certificates to people counted as attending since"),
        permissions=["add"],
    )
    def release_again(self, request, queryset):
        issued = sum(
            len(services.release(summit=release.summit, by=request.user))
            for release in queryset.select_related("summit")
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d new certificate issued.", "%(count)d new certificates issued.", issued
            )
            % {"count": issued},
            level=messages.SUCCESS,
        )
