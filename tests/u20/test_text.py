import pytest

from sessions.models import Session
from tests.factories import make_session
from u20.text import Folded, fold, unique_slug


def test_fold_removes_arabic_diacritics():
    assert fold("مُدُنُ المُسْتَقْبَل") == "مدن المستقبل"


@pytest.mark.parametrize(
    ("written", "searched"),
    [("إعادة", "اعاده"), ("أحمد", "احمد"), ("آفاق", "افاق"), ("مستشفى", "مستشفي")],
)
def test_fold_makes_letter_variants_equal(written, searched):
    assert fold(written) == fold(searched)


def test_fold_lowers_latin_and_collapses_spaces():
    assert fold("  Urban   AIR Mobility ") == "urban air mobility"


@pytest.mark.django_db
def test_folded_expression_matches_python_fold():
    session = make_session(title_ar="إعادةُ بناءِ المُدن", title_en="Rebuilding CITIES")

    row = (
        Session.objects.filter(pk=session.pk)
        .annotate(folded_ar=Folded("title_ar"), folded_en=Folded("title_en"))
        .get()
    )

    assert (row.folded_ar, row.folded_en) == (fold("إعادةُ بناءِ المُدن"), "rebuilding cities")


def test_unique_slug_from_latin_text():
    assert unique_slug("Cities of the Future: Post COVID-19", taken=lambda s: False) == (
        "cities-of-the-future-post-covid-19"
    )


def test_unique_slug_keeps_arabic_letters_when_there_is_no_latin():
    assert unique_slug("مدن المستقبل", taken=lambda s: False) == "مدن-المستقبل"


def test_unique_slug_adds_a_number_when_taken():
    taken = {"agenda", "agenda-2"}

    assert unique_slug("Agenda", taken=taken.__contains__) == "agenda-3"


def test_unique_slug_falls_back_for_text_without_letters():
    assert unique_slug("!!!", taken=lambda s: False, fallback="session") == "session"
