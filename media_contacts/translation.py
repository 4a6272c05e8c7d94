from modeltranslation.translator import TranslationOptions, register

from media_contacts.models import MediaContact, PressRelease


@register(PressRelease)
class PressReleaseTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt", "image_caption")
    required_languages = {"en": ("title", "body"), "ar": ("title", "body")}


@register(MediaContact)
class MediaContactTranslation(TranslationOptions):
    fields = ("name", "role", "languages")
    required_languages = {"en": ("name",), "ar": ("name",)}
