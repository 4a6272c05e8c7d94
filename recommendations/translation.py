from modeltranslation.translator import TranslationOptions, register

from recommendations.models import Area, Communique, Endorsement, FollowUpUpdate, Recommendation


@register(Communique)
class CommuniqueTranslation(TranslationOptions):
    fields = ("title", "preamble", "handed_over_to")
    required_languages = {"en": ("title",), "ar": ("title",)}


@register(Area)
class AreaTranslation(TranslationOptions):
    fields = ("title", "introduction")
    required_languages = {"en": ("title",), "ar": ("title",)}


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("en", "ar")


@register(Endorsement)
class EndorsementTranslation(TranslationOptions):
    fields = ("signatory_name", "signatory_title")


@register(FollowUpUpdate)
class FollowUpUpdateTranslation(TranslationOptions):
    fields = ("note",)
