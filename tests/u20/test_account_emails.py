"""Account security emails in the outbox: their links and codes reach the
recipient and nobody else, not even staff who may read the outbox."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail

from tests.staff import STAFF_PASSWORD, sign_in_with_second_factor, verify_email
from tests.tasks import run_due_tasks
from u20 import outbox
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db

RESET_LINK = re.compile(r"/accounts/password/reset/key/[\w-]+/")


@pytest.fixture
def superuser():
    user = get_user_model().objects.create_superuser("chair", "chair@example.org", STAFF_PASSWORD)
    verify_email(user)
    return user


@pytest.fixture
def outbox_reader():
    """Staff given every outbox permission by hand."""
    user = get_user_model().objects.create_user(
        "reader", "reader@example.org", STAFF_PASSWORD, is_staff=True
    )
    user.user_permissions.add(*Permission.objects.filter(content_type__model="outgoingemail"))
    return user


def ask_for_a_reset(client, email: str) -> OutgoingEmail:
    client.post("/en/accounts/password/reset/", {"email": email})
    return OutgoingEmail.objects.get(to=email)


def test_reset_email_is_marked_sensitive_and_its_link_never_shown(client, superuser):
    email = ask_for_a_reset(client, superuser.email)
    sign_in_with_second_factor(client, superuser)

    page = client.get(f"/admin/u20/outgoingemail/{email.pk}/change/").content.decode()
    listing = client.get("/admin/u20/outgoingemail/").content.decode()

    assert email.is_sensitive is True
    assert RESET_LINK.search(email.body) is not None  # queued, not yet sent
    assert RESET_LINK.search(page) is None
    assert RESET_LINK.search(listing) is None
    assert "Withheld: this account security email carries a sign-in link or code." in page


def test_staff_with_every_outbox_permission_cannot_open_it(client, superuser, outbox_reader):
    email = ask_for_a_reset(client, superuser.email)
    sign_in_with_second_factor(client, outbox_reader)

    answers = [
        client.get("/admin/u20/outgoingemail/").status_code,
        client.get(f"/admin/u20/outgoingemail/{email.pk}/change/").status_code,
    ]

    assert answers == [403, 403]


def test_sensitive_email_is_erased_once_sent_but_keeps_who_what_and_when(
    client, superuser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = ask_for_a_reset(client, superuser.email)

    run_due_tasks()
    email.refresh_from_db()

    assert RESET_LINK.search(mail.outbox[0].body) is not None  # the recipient got the link
    assert (email.body, email.html, email.to) == ("", "", superuser.email)
    assert email.subject == mail.outbox[0].subject
    assert email.sent_at is not None


def test_the_link_that_was_sent_still_works_for_its_recipient(
    client, superuser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_a_reset(client, superuser.email)
    run_due_tasks()
    path = RESET_LINK.search(mail.outbox[0].body).group(0)

    form = client.get(f"/en{path}", follow=True)
    changed = client.post(
        form.redirect_chain[-1][0],
        {"password1": "a-new-long-passphrase-9", "password2": "a-new-long-passphrase-9"},
    )

    assert changed.status_code == 302
    superuser.refresh_from_db()
    assert superuser.check_password("a-new-long-passphrase-9") is True


def test_an_ordinary_email_keeps_its_text_after_sending(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queued = outbox.queue(to="amal@example.org", subject="Your place", body="See you there")
    run_due_tasks()
    queued.refresh_from_db()

    assert (queued.is_sensitive, queued.body) == (False, "See you there")
