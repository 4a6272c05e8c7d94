class UnicodeSlugConverter:
    """A slug that may hold letters of any script (an Arabic-only title gives
    an Arabic slug) but no spaces, punctuation or control characters."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
