"""What the agenda's pages show of the communiqué. The agenda app knows
nothing of recommendations; its templates load these tags instead."""

from django import template

from recommendations.selectors import discussed_in

register = template.Library()


@register.inclusion_tag("recommendations/_discussed_in.html")
def recommendations_discussed_in(session, summit):
    """The published recommendations that name a session, linked, in one query."""
    return {"recommendations": discussed_in(session), "summit": summit}
