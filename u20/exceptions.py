"""The one error class of the domain. A service raises a subclass of it when
its rules refuse what was asked; the message is written for the person who
asked (a visitor, an organiser) and is shown to them as it is."""


class DomainError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message
