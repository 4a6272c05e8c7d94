from modeltranslation.translator import TranslationOptions, register

from media_contacts.models import (
    MediaContact,
    PressKit,
    PressKitItem,
    PressRelease,
    ReleaseCorrection,
)


@register(PressRelease)
class PressReleaseTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt", "image_caption")
    required_languages = {"en": ("title", "body"), "ar": ("title", "body")}


@register(MediaContact)
class MediaContactTranslation(TranslationOptions):
    fields = ("name", "role", "languages")
    required_languages = {"en": ("name",), "ar": ("name",)}


@register(ReleaseCorrection)
class ReleaseCorrectionTranslation(TranslationOptions):
    fields = ("note",)
    required_languages = {"en": ("note",), "ar": ("note",)}


@register(PressKit)
class PressKitTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"en": ("title",), "ar": ("title",)}


@register(PressKitItem)
class PressKitItemTranslation(TranslationOptions):
    fields = ("title", "caption", "credit", "licence", "alt")
    required_languages = {"en": ("title",), "ar": ("title",)}
