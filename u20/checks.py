import sys
from collections.abc import Sequence

from django.conf import settings
from django.core.checks import Info, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.core.management import get_commands, load_command_class
from django.core.management.base import CommandError

MISSING_KEY = "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development)."

# Commands that take app labels, where "sessions" silently means Django's
# session store rather than our agenda app (whose label is "agenda").
LABEL_COMMANDS = frozenset(
    {"dumpdata", "loaddata", "migrate", "sqlmigrate", "showmigrations", "makemigrations"}
)


def secret_key_is_set() -> bool:
    try:
        return bool(settings.SECRET_KEY)
    except ImproperlyConfigured:
        return False


@register
def check_secret_key(app_configs, **kwargs):
    if secret_key_is_set():
        return []
    return [
        Warning(
            "DJANGO_SECRET_KEY is not set: the web application will refuse to start.",
            hint=MISSING_KEY,
            id="u20.W001",
        )
    ]


def named_app_labels(command: str, arguments: Sequence[str]) -> set[str]:
    """The app labels a command line names, read with the command's own parser,
    so that an option's value (`dumpdata --exclude sessions`) is not taken for one."""
    parser = load_command_class(get_commands()[command], command).create_parser(
        "manage.py", command
    )
    try:
        options, _unknown = parser.parse_known_args(arguments)
    except CommandError:  # the command itself will report the bad arguments
        return set()
    named = getattr(options, "app_label", None) or []
    labels = [named] if isinstance(named, str) else list(named)
    if command != "loaddata":  # loaddata's positional arguments are fixtures; --app is its label
        labels += getattr(options, "args", [])
    return {label.partition(".")[0] for label in labels}


def agenda_label_mixups(argv: Sequence[str]) -> list[Info]:
    command = argv[1] if len(argv) > 1 else ""
    if command not in LABEL_COMMANDS or "sessions" not in named_app_labels(command, argv[2:]):
        return []
    example = "loaddata --app agenda <fixture>" if command == "loaddata" else f"{command} agenda"
    return [
        Info(
            "The app label 'sessions' is Django's session store (django.contrib.sessions); "
            "the agenda app in the sessions/ folder has the label 'agenda'.",
            hint=f"For the agenda, run: manage.py {example}",
            id="u20.I002",
        )
    ]


@register
def check_agenda_label(app_configs, **kwargs):
    # Checks are not told which command runs them; manage.py's command line is
    # the only place that says. Every one of LABEL_COMMANDS runs the checks.
    return agenda_label_mixups(sys.argv)


# Caches every process keeps to itself: rate limits, cached pages and
# sign-in lockouts would count per process, multiplying every limit.
PROCESS_LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    if settings.CACHES["default"]["BACKEND"] not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Warning(
            "The cache is local to each process: rate limits, sign-in lockouts and "
            "cached pages would count separately in every web process.",
            hint="Set REDIS_URL (one Redis for every process) before running more than one.",
            id="u20.W003",
        )
    ]
