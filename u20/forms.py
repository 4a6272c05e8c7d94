from django import forms
from django.utils.translation import gettext_lazy as _

from u20.text import unique_slug


class SlugFromTitleForm(forms.ModelForm):
    """A model form whose slug may be left empty: it is then made from the
    first source field that has text (English first, then Arabic), and made
    unique among the rows slug_scope() returns."""

    slug_sources: tuple[str, ...] = ("name_en", "name_ar")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Leave empty to make one from the title or name.")

    def slug_scope(self, cleaned_data):
        return self._meta.model._default_manager.all()

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug"):
            text = next(
                (cleaned_data[name] for name in self.slug_sources if cleaned_data.get(name)), ""
            )
            if text:
                scope = self.slug_scope(cleaned_data).exclude(pk=self.instance.pk)
                max_length = self._meta.model._meta.get_field("slug").max_length
                cleaned_data["slug"] = unique_slug(
                    text,
                    taken=lambda slug: scope.filter(slug=slug).exists(),
                    max_length=max_length,
                    fallback=self._meta.model._meta.model_name,
                )
        return cleaned_data
