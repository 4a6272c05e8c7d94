"""A journalist asks for an interview without saying whom, in Chromium, in
English and Arabic, on a phone and on a desktop: the error names the two
fields, one of which is needed, what was typed is still there, and naming
the person sends the request. The phone example in the hint reads left to
right on the Arabic page too. Every page is scanned with axe."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from media_contacts.models import InterviewRequest
from tests.e2e.conftest import LANGUAGES, assert_accessible, ui

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280]
WHOM_MISSING = (
    "Choose a speaker from the agenda, or write the name of the person you want to "
    "interview: an interview request needs one of the two."
)
WHOM_HINT = (
    "For an interview, choose a speaker from the agenda or write the name of the person "
    "you want to interview."
)

# Where each character of an element's first line is drawn, from its start.
FIRST_LINE_LEFTS = """element => {
  const text = element.firstChild;
  const boxes = [...text.data].map((_, i) => {
    const range = document.createRange();
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    return range.getBoundingClientRect();
  });
  return boxes.filter(box => box.top === boxes[0].top).map(box => box.left);
}"""


def textbox(page, lang: str, label: str):
    return page.get_by_role("textbox", name=ui(lang, label))


def fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_request_without_whom_is_refused_naming_the_fields_then_sent(page, demo, lang, width):
    deadline = (timezone.now() + timedelta(days=7)).astimezone(demo.summit.zone)
    name = "Layla Haddad" if lang == "en" else "ليلى حداد"
    message = "Ten minutes on public transport." if lang == "en" else "عشر دقائق عن النقل العام."
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"/{lang}/media/interview-request/")
    speaker = page.get_by_role("combobox", name=ui(lang, "A speaker from the agenda"))
    interviewee = textbox(page, lang, "Or the person you want to interview")
    expect(page.locator("#person-hint")).to_have_text(ui(lang, WHOM_HINT))
    expect(speaker).to_have_accessible_description(ui(lang, WHOM_HINT))
    expect(interviewee).to_have_accessible_description(re.compile(re.escape(ui(lang, WHOM_HINT))))
    # The example number reads "+966 11 555 0100" from left to right, in Arabic too.
    lefts = page.locator("#id_phone_helptext bdi").evaluate(FIRST_LINE_LEFTS)
    assert len(lefts) >= 4
    assert lefts == sorted(lefts)
    assert_accessible(page)

    textbox(page, lang, "Your name").fill(name)
    textbox(page, lang, "Media outlet").fill("Gulf Evening News")
    textbox(page, lang, "Your role").fill("Correspondent")
    textbox(page, lang, "Email").fill(f"layla-{lang}@example.org")
    textbox(page, lang, "Phone").fill("+971 4 555 0199")
    textbox(page, lang, "Country").fill("United Arab Emirates")
    page.get_by_label(ui(lang, "Your deadline")).fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    textbox(page, lang, "Your message").fill(message)
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=ui(lang, "Send my request")).click()

    expect(page.get_by_role("alert")).to_contain_text(
        ui(lang, "Please correct the %(counter)s fields marked below.") % {"counter": 2}
        if lang == "en"
        else "يُرجى تصحيح الحقلين المحدَّدين أدناه."
    )
    expect(page.locator("#id_speaker_error")).to_have_text(ui(lang, WHOM_MISSING))
    expect(page.locator("#id_interviewee_error")).to_have_text(ui(lang, WHOM_MISSING))
    expect(speaker).to_have_accessible_description(re.compile(re.escape(ui(lang, WHOM_MISSING))))
    expect(interviewee).to_have_accessible_description(
        re.compile(re.escape(ui(lang, WHOM_MISSING)))
    )
    expect(textbox(page, lang, "Your name")).to_have_value(name)
    expect(textbox(page, lang, "Phone")).to_have_value("+971 4 555 0199")
    expect(textbox(page, lang, "Your message")).to_have_value(message)
    expect(page.get_by_role("checkbox")).to_be_checked()
    assert InterviewRequest.objects.count() == 0
    assert fits(page, width)
    assert_accessible(page)

    interviewee.fill("The U20 Chair")
    page.get_by_role("button", name=ui(lang, "Send my request")).click()

    expect(page).to_have_url(re.compile(rf"/{lang}/media/interview-request/thanks/$"))
    interview = InterviewRequest.objects.get()
    expect(page.locator(".reference bdi")).to_have_text(interview.reference)
    assert (interview.name, interview.interviewee, interview.message) == (
        name,
        "The U20 Chair",
        message,
    )
    assert_accessible(page)
