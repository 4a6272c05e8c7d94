"""A mail server outside our control, as tests need it: one that is down for
a while and then comes back."""

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    """Refuses the first `failures` messages, then delivers to mail.outbox."""

    failures = 0
    refused = 0

    def send_messages(self, messages):
        if FlakyBackend.refused < FlakyBackend.failures:
            FlakyBackend.refused += 1
            raise ConnectionRefusedError("The mail server is not answering")
        return super().send_messages(messages)
