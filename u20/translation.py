from modeltranslation.translator import TranslationOptions, register

from u20.models import City, Organisation, Summit, Theme


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name", "country")
    required_languages = ("en", "ar")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"en": ("name",), "ar": ("name",)}


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "acronym")
    required_languages = {"en": ("name",), "ar": ("name",)}


@register(Summit)
class SummitTranslation(TranslationOptions):
    fields = ("name", "chair_name", "chair_title", "summary")
    required_languages = {"en": ("name",), "ar": ("name",)}
