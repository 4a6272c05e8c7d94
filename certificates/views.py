from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from certificates import selectors
from certificates.forms import LookupForm
from certificates.models import parse_code
from certificates.pdf import certificate_pdf
from u20 import ratelimit
from u20.pagecache import private


@require_safe
def lookup(request):
    """A GET form: a code that can be one goes to its page, anything else
    stays here with a message and what was typed."""
    form = LookupForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("certificates:verify", code=form.cleaned_data["code"])
    return render(request, "certificates/lookup.html", {"form": form})


@never_cache
@require_safe
def verify(request, code):
    """What a certificate states, for anyone who has its code: the name, the
    summit, the sessions, and whether it still stands. Every look-up counts
    against the visitor's rate, found or not."""
    if ratelimit.hit(
        "certificate-lookup", ratelimit.client_address(request), settings.CERTIFICATE_LOOKUP_RATE
    ):
        return ratelimit.refused(request, settings.CERTIFICATE_LOOKUP_RATE)
    canonical = parse_code(code)
    certificate = selectors.certificate_by_code(canonical) if canonical else None
    if certificate is None:
        raise Http404
    # The menu links to the certificate's summit.
    context = {"certificate": certificate, "summit": certificate.summit}
    return render(request, "certificates/verify.html", context)


@require_safe
@login_required
def download(request, summit):
    certificate = selectors.downloadable(user=request.user, summit_slug=summit)
    if certificate is None:
        raise Http404
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="u20-certificate-{summit}.pdf"'
    return private(response)
