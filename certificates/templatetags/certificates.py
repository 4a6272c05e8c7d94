"""What /me/ shows of its holder's certificates: the sessions app's page
includes templates/certificates/_me.html, which asks this tag, so the lower
app never imports this one."""

from django import template

from certificates import selectors

register = template.Library()


@register.simple_tag
def my_certificates(participant):
    """The participant's released certificates, valid and revoked."""
    return list(selectors.certificates_of(participant))
