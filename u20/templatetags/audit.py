from django import template

from u20 import audit

register = template.Library()


@register.simple_tag(takes_context=True)
def audit_trail_url(context, instance) -> str:
    """Where an organiser reads a record's audit trail: "" when its model is
    not tracked or they may not read the trail."""
    request = context.get("request")
    if request is None or not request.user.has_perm("auditlog.view_logentry"):
        return ""
    return audit.trail_url(instance)
