"""The attendance pages of the organisers' admin.

- A summit's attendance report (/admin/agenda/session/attendance/): every
  session with its confirmed registrants, who attended and the no-show rate,
  per listening language too, as a table with a bar chart drawn on the
  server. Staff who may view sessions see it.
- A session's attendance page (/admin/agenda/session/<id>/attendance/): the
  same numbers, and the import of the meeting platform's report: upload,
  preview, confirm (sessions.attendance_import). Staff who may change the
  session and view its registrations import; the preview names registrants.

The uploaded report is read into memory, never more than MAX_BYTES of it,
and dropped with the request: it never reaches a disk or the storage.
"""

import io
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from sessions import attendance_import
from sessions.attendance import SessionAttendance, attendance_by_session
from sessions.attendance_import import ConfirmForm, ImportProblem, UploadForm
from sessions.languages import language_name
from sessions.models import Registration, Session
from u20.admin import in_zone
from u20.models import AttendanceRule, Summit

REPORT_TEMPLATE = "admin/agenda/attendance/report.html"
SESSION_TEMPLATE = "admin/agenda/attendance/session.html"


class ReportUploadHandler(FileUploadHandler):
    """Keeps an upload in memory up to MAX_BYTES. A larger one arrives
    empty, with its real size, for the form to refuse: it is never written
    to a temporary file on the way."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > attendance_import.MAX_BYTES:
            self.too_large = True
            self.buffer = io.BytesIO()
        elif not self.too_large:
            self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


class SummitChoiceForm(forms.Form):
    """Which summit the report is of, chosen among summits already read."""

    summit = forms.TypedChoiceField(label=_("Summit"), coerce=int)

    def __init__(self, *args, summits: list[Summit], **kwargs):
        super().__init__(*args, **kwargs)
        self.summits = {summit.pk: summit for summit in summits}
        self.fields["summit"].choices = [(summit.pk, str(summit)) for summit in summits]

    def chosen(self) -> Summit | None:
        return self.summits[self.cleaned_data["summit"]] if self.is_valid() else None


@dataclass(frozen=True)
class ChartRow:
    """One session's line of the table and its bars, in per cent of the
    largest number of registrants any session of the report has."""

    attendance: SessionAttendance
    starts: str
    url: str
    channels: list[tuple[str, int, int]]  # (language named, registered, attended)
    # Written as SVG reads them, whatever the language's decimal mark.
    registered_share: str
    attended_share: str


def chart_rows(rows: list[SessionAttendance], summit: Summit, *, url_of) -> list[ChartRow]:
    scale = max((row.registered for row in rows), default=0) or 1
    return [
        ChartRow(
            attendance=row,
            starts=in_zone(row.session.starts_at, summit.zone),
            url=url_of(row.session),
            channels=[(language_name(code), *counts) for code, *counts in row.channels],
            registered_share=f"{100 * row.registered / scale:.2f}",
            attended_share=f"{100 * row.attended / scale:.2f}",
        )
        for row in rows
    ]


def rule_text(summit: Summit) -> str:
    """Who counts as attended at summit, as a sentence for the organiser."""
    if summit.attendance_rule == AttendanceRule.MINUTES:
        return ngettext(
            "Counted as attended: %(minutes)d minute or more in an imported report.",
            "Counted as attended: %(minutes)d minutes or more in an imported report.",
            summit.attendance_minutes,
        ) % {"minutes": summit.attendance_minutes}
    return gettext(
        "Counted as attended: anyone who opened the join link, or who has any minutes in "
        "an imported report."
    )


def totals(rows: list[SessionAttendance]) -> dict:
    registered = sum(row.registered for row in rows)
    attended = sum(row.attended for row in rows)
    return {
        "registered": registered,
        "attended": attended,
        "no_shows": registered - attended,
        "no_show_rate": round(100 * (registered - attended) / registered) if registered else None,
    }


class AttendanceViews:
    """The attendance pages of one ModelAdmin of sessions."""

    def __init__(self, model_admin: ModelAdmin):
        self.model_admin = model_admin
        self.site = model_admin.admin_site

    def urls(self) -> list:
        info = self.model_admin.opts.app_label, self.model_admin.opts.model_name
        return [
            path(
                "attendance/",
                self.site.admin_view(self.report),
                name="{}_{}_attendance_report".format(*info),
            ),
            path(
                "<int:object_id>/attendance/",
                # CSRF is checked in session_page, once the upload handler is set.
                self.site.admin_view(csrf_exempt(self.session_page)),
                name="{}_{}_attendance".format(*info),
            ),
        ]

    # Permissions ---------------------------------------------------------------

    def _check_view(self, request: HttpRequest) -> None:
        if not self.model_admin.has_view_permission(request):
            raise PermissionDenied

    def may_import(self, request: HttpRequest, session: Session) -> bool:
        opts = Registration._meta
        sees_registrations = request.user.has_perm(
            f"{opts.app_label}.{get_permission_codename('view', opts)}"
        )
        return sees_registrations and self.model_admin.has_change_permission(request, session)

    # Pages ---------------------------------------------------------------------

    def _context(self, request: HttpRequest, **context) -> dict:
        return {
            **self.site.each_context(request),
            "opts": self.model_admin.opts,
            **context,
        }

    def _session_url(self, session: Session) -> str:
        return reverse(f"{self.site.name}:agenda_session_attendance", args=[session.pk])

    def report(self, request: HttpRequest) -> HttpResponse:
        self._check_view(request)
        summits = list(Summit.objects.order_by("-start_date", "pk"))
        if "summit" in request.GET:
            chooser = SummitChoiceForm(request.GET, summits=summits)
            summit = chooser.chosen()
        else:
            summit = next((s for s in summits if s.is_current), summits[0] if summits else None)
            initial = {"summit": summit.pk} if summit else {}
            chooser = SummitChoiceForm(initial=initial, summits=summits)
        context = {"chooser": chooser, "summit": summit, "rows": [], "totals": None}
        if summit is not None:
            sessions = Session.objects.filter(summit=summit).only(
                "summit_id", "slug", "title", "status", "starts_at", "ends_at", "floor_language"
            )
            rows = attendance_by_session(summit, sessions)
            context.update(
                rows=chart_rows(rows, summit, url_of=self._session_url),
                totals=totals(rows),
                rule=rule_text(summit),
                summit_url=reverse(f"{self.site.name}:u20_summit_change", args=[summit.pk]),
            )
        title = (
            gettext("Attendance: %(summit)s") % {"summit": summit}
            if summit
            else gettext("Attendance")
        )
        return TemplateResponse(
            request, REPORT_TEMPLATE, self._context(request, title=title, **context)
        )

    def session_page(self, request: HttpRequest, object_id: int) -> HttpResponse:
        # Only now, before anything reads the body, may the handler be set.
        request.upload_handlers = [ReportUploadHandler(request)]
        return csrf_protect(self._session_page)(request, object_id)

    def _session_page(self, request: HttpRequest, object_id: int) -> HttpResponse:
        self._check_view(request)
        session = Session.objects.select_related("summit").filter(pk=object_id).first()
        if session is None:
            raise Http404
        may_import = self.may_import(request, session)
        steps = {"upload": UploadForm(), "preview": None, "confirm": None}
        if request.method == "POST":
            if not may_import:
                raise PermissionDenied
            if "preview" not in request.POST:
                steps = self._preview(request, session)
            elif self._confirm(request, session, ConfirmForm(request.POST, session=session)):
                return redirect(request.path)
        context = self._session_context(request, session, may_import=may_import, **steps)
        return TemplateResponse(request, SESSION_TEMPLATE, context)

    def _preview(self, request: HttpRequest, session: Session) -> dict:
        """The upload form as sent, and when the file reads, its preview and
        the form that confirms it."""
        upload, preview, confirm = UploadForm(request.POST, request.FILES), None, None
        if upload.is_valid():
            preview = attendance_import.preview(session, upload.cleaned_data["parsed"])
            if preview.can_import:
                token = attendance_import.sign_preview(preview)
                confirm = ConfirmForm(initial={"preview": token}, session=session)
        return {"upload": upload, "preview": preview, "confirm": confirm}

    def _session_context(self, request: HttpRequest, session: Session, **context) -> dict:
        summit = session.summit
        rows = attendance_by_session(summit, Session.objects.filter(pk=session.pk))
        return self._context(
            request,
            title=gettext("Attendance: %(session)s") % {"session": session.title},
            session=session,
            summit=summit,
            rows=chart_rows(rows, summit, url_of=self._session_url),
            rule=rule_text(summit),
            limits={"rows": attendance_import.MAX_ROWS, "size": attendance_import.MAX_BYTES},
            change_url=reverse(f"{self.site.name}:agenda_session_change", args=[session.pk]),
            report_url=reverse(f"{self.site.name}:agenda_session_attendance_report")
            + f"?summit={summit.pk}",
            summit_url=reverse(f"{self.site.name}:u20_summit_change", args=[summit.pk]),
            **context,
        )

    def _confirm(self, request: HttpRequest, session: Session, confirm: ConfirmForm) -> bool:
        """Write the confirmed preview; whether it was written."""
        if not confirm.is_valid():
            for error in confirm.errors.get("preview", []):
                messages.error(request, error)
            return False
        signed = confirm.cleaned_data["preview"]
        try:
            written = attendance_import.import_minutes(session=session, minutes=signed.minutes)
        except ImportProblem as problem:
            messages.error(request, problem.message)
            return False
        messages.success(
            request,
            attendance_import.imported_message(
                written=written, matched=len(signed.minutes), skipped=signed.skipped
            ),
        )
        return True
