"""What the apps hold about a person, for their own download (/me/data.json).

The export is written by the agenda app, which knows the profile and the
registrations; an app on a higher layer that keeps more about a person (the
certificates) adds its section here from its AppConfig.ready, so that the
download stays complete without the lower layer importing the higher.
"""

from collections.abc import Callable

# name -> builder(participant) -> JSON-ready data
_SECTIONS: dict[str, Callable] = {}


def register(name: str, builder: Callable) -> None:
    _SECTIONS[name] = builder


def sections(participant) -> dict:
    return {name: builder(participant) for name, builder in _SECTIONS.items()}
