"""Renumbering a communiqué writes its numbers with update(), which the
audit trail does not see by itself: the service records each change."""

import pytest
from auditlog.models import LogEntry

from recommendations import services
from recommendations.models import Recommendation
from tests.recommendations.factories import make_area, make_communique, make_recommendation
from u20 import audit

pytestmark = pytest.mark.django_db


def test_renumbering_records_each_recommendation_from_its_old_number_to_its_new_one():
    communique = make_communique()
    first_area, second_area = make_area(communique=communique), make_area(communique=communique)
    late = make_recommendation(area=second_area, number=2)
    early = make_recommendation(area=first_area, number=7)
    kept = make_recommendation(area=first_area, number=1)

    services.renumber_recommendations(communique=communique)

    renumbered = audit.entries_about(Recommendation, [late.pk, early.pk, kept.pk]).filter(
        action=LogEntry.Action.UPDATE
    )
    assert sorted((e.object_id, e.changes["number"], e.actor) for e in renumbered) == sorted(
        [(early.pk, ["7", "2"], None), (late.pk, ["2", "3"], None)]
    )
