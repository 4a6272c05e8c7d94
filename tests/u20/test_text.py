import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from sessions.models import Session
from tests.factories import make_session
from u20.text import Folded, fold, unique_slug, validate_visible_text

DIRECTION = (
    "Remove the invisible characters that change the direction of the text (such as U+202E)."
)
INVISIBLE = "Enter visible text, not only spaces or invisible characters."


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


@pytest.mark.parametrize(
    "text",
    [
        "\u202eevil",
        "Amal\u202a Harbi",
        "\u202bأمل",
        "\u202cAmal",
        "\u202dAmal",
        "\u2066Amal\u2069",
        "\u2067أمل",
        "\u2068Amal",
    ],
)
def test_validate_visible_text_refuses_direction_overrides_and_isolates(text):
    with pytest.raises(ValidationError) as error:
        validate_visible_text(text)

    assert error.value.messages == [DIRECTION]


@pytest.mark.parametrize(
    "text",
    [
        "\u200b \u200b",
        "\u200c\u200d",
        "\u2060",
        "\ufeff",
        "\u00ad",
        "\u0301\u064e",
        "\u200e\u200f",
        "\u00a0\u3000\u2028\u2029",
        "\x07\t",
        "\u3164",
        "\u2800",
    ],
)
def test_validate_visible_text_refuses_text_with_nothing_visible(text):
    with pytest.raises(ValidationError) as error:
        validate_visible_text(text)

    assert error.value.messages == [INVISIBLE]


@pytest.mark.parametrize(
    "text",
    [
        "Amal Al-Harbi",
        "أمل الحربي",
        "عبد\u200cالله",
        "\u200fأمل الحربي\u200f",
        "مُحَمَّد",
        "Jose\u0301",
        "O’Brien",
        "李小龙",
        "Riyadh\u200e (KSA)",
    ],
)
def test_validate_visible_text_accepts_names_in_any_script_with_their_marks(text):
    validate_visible_text(text)


def test_validate_visible_text_speaks_arabic_under_arabic():
    with translation.override("ar"):
        with pytest.raises(ValidationError) as error:
            validate_visible_text("\u202eevil")

        assert error.value.messages == [
            "احذف الأحرف غير المرئية التي تغيّر اتجاه النص (مثل U+202E)."
        ]
