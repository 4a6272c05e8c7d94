"""The rules of a communiqué's numbering: areas and recommendations are
numbered 1..N with no gap and no number used twice, and renumbering never
trips the database's own uniqueness check halfway through."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from recommendations.models import Area, Communique, Recommendation
from u20 import audit


@dataclass(frozen=True)
class NumberingProblems:
    duplicates: list[int] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.duplicates or self.missing)


def numbering_problems(numbers: Iterable[int]) -> NumberingProblems:
    """What is wrong with numbers meant to run 1..N: those used more than
    once, and those missing below the highest one."""
    counts = Counter(numbers)
    duplicates = sorted(number for number, count in counts.items() if count > 1)
    top = max(counts, default=0)
    missing = [number for number in range(1, top + 1) if number not in counts]
    return NumberingProblems(duplicates=duplicates, missing=missing)


def make_room(*, model: type[Area | Recommendation], communique: Communique, pks: Iterable[int]):
    """Move the rows pks of a communiqué to numbers above any in use, so that
    a batch of new numbers can then be written in any order without two rows
    holding one number in between (a swap of 3 and 4, say)."""
    pks = sorted(set(pks))
    if not pks:
        return
    rows = model.objects.filter(communique=communique)
    with transaction.atomic():
        top = rows.aggregate(top=Max("number"))["top"] or 0
        # The new numbers are at most the row count, which top + n exceeds.
        top = max(top, rows.count())
        for offset, pk in enumerate(pks, start=1):
            rows.filter(pk=pk).update(number=top + offset)


def renumber_recommendations(*, communique: Communique) -> int:
    """Number a communiqué's recommendations 1..N in reading order (area by
    area, then by their current number), closing gaps. Returns N."""
    with transaction.atomic():
        recommendations = list(
            Recommendation.objects.filter(communique=communique)
            .select_for_update()
            .order_by("area__number", "number", "pk")
            .values_list("pk", "number")
        )
        moving = [
            pk for position, (pk, number) in enumerate(recommendations, 1) if number != position
        ]
        make_room(model=Recommendation, communique=communique, pks=moving)
        before = dict(recommendations)
        for position, (pk, _number) in enumerate(recommendations, start=1):
            if pk in moving:
                Recommendation.objects.filter(pk=pk).update(number=position)
        # update() bypasses the audit trail, and the numbers are public: one
        # entry per recommendation renumbered, from its old number to its new
        # one (the moves out of the way in between are not news).
        for recommendation in Recommendation.objects.filter(pk__in=moving):
            audit.record(
                recommendation,
                changes={"number": [str(before[recommendation.pk]), str(recommendation.number)]},
            )
    return len(recommendations)
