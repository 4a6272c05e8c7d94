"""The accessibility check every browser test relies on: it fails a page with
a serious problem, names the rule and the element, and honours exclude."""

import pytest

from tests.e2e.conftest import assert_accessible

PAGE = """<!doctype html><html lang="{lang}" dir="{dir}">
<head><title>{title}</title></head>
<body><main><h1>{title}</h1><img id="photo" src="data:,"><button id="send"></button></main></body>
</html>"""


@pytest.mark.parametrize(
    ("lang", "direction", "title"), [("en", "ltr", "Agenda"), ("ar", "rtl", "البرنامج")]
)
def test_check_names_each_serious_problem_and_skips_what_is_excluded(
    browser, lang, direction, title
):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_content(PAGE.format(lang=lang, dir=direction, title=title))

        with pytest.raises(AssertionError) as failure:
            assert_accessible(page)
        # A second scan of the same document uses the axe-core already in it.
        assert_accessible(page, exclude=["#photo", "#send"])
    finally:
        context.close()

    message = str(failure.value)
    assert "image-alt (critical): #photo" in message
    assert "button-name (critical): #send" in message
