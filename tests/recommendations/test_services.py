import pytest

from recommendations import services
from recommendations.models import Area, Recommendation
from tests.recommendations.factories import make_area, make_communique, make_recommendation


@pytest.mark.parametrize(
    ("numbers", "duplicates", "missing"),
    [
        ([1, 2, 3], [], []),
        ([], [], []),
        ([3, 1, 2], [], []),
        ([1, 2, 2, 3], [2], []),
        ([1, 3, 4], [], [2]),
        ([2, 2, 5], [2], [1, 3, 4]),
    ],
)
def test_numbering_problems_finds_gaps_and_duplicates(numbers, duplicates, missing):
    problems = services.numbering_problems(numbers)

    assert (problems.duplicates, problems.missing, bool(problems)) == (
        duplicates,
        missing,
        bool(duplicates or missing),
    )


@pytest.mark.django_db
def test_make_room_lets_two_recommendations_swap_numbers():
    area = make_area(communique=make_communique())
    first, second = (
        make_recommendation(area=area, number=1),
        make_recommendation(area=area, number=2),
    )

    services.make_room(model=Recommendation, communique=area.communique, pks=[first.pk, second.pk])
    Recommendation.objects.filter(pk=first.pk).update(number=2)
    Recommendation.objects.filter(pk=second.pk).update(number=1)

    assert list(Recommendation.objects.order_by("number").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]


@pytest.mark.django_db
def test_make_room_moves_areas_above_every_number_in_use():
    communique = make_communique()
    areas = [make_area(communique=communique) for _ in range(3)]

    services.make_room(model=Area, communique=communique, pks=[areas[0].pk])

    assert sorted(Area.objects.values_list("number", flat=True)) == [2, 3, 4]


@pytest.mark.django_db
def test_renumber_closes_gaps_in_area_order():
    communique = make_communique()
    first_area, second_area = make_area(communique=communique), make_area(communique=communique)
    late = make_recommendation(area=second_area, number=2)
    early = make_recommendation(area=first_area, number=7)
    middle = make_recommendation(area=first_area, number=9)

    count = services.renumber_recommendations(communique=communique)

    numbers = dict(Recommendation.objects.values_list("pk", "number"))
    assert count == 3
    assert [numbers[early.pk], numbers[middle.pk], numbers[late.pk]] == [1, 2, 3]
