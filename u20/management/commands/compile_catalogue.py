"""Compile the translation catalogues, refusing incomplete ones.

Pure Python (polib), so `make run` needs no gettext tools on the machine.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Check that every catalogue under locale/ is complete, then compile its .mo file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check-only", action="store_true", help="Report problems without writing .mo files."
        )
        parser.add_argument(
            "--allow-incomplete",
            action="store_true",
            help="Compile even with untranslated or fuzzy entries, and only warn.",
        )

    def handle(self, *args, check_only=False, allow_incomplete=False, **options):
        problems = []
        catalogues = sorted(
            po for root in settings.LOCALE_PATHS for po in Path(root).glob("*/LC_MESSAGES/*.po")
        )
        if not catalogues:
            raise CommandError("No catalogue found under LOCALE_PATHS.")
        for path in catalogues:
            catalogue = polib.pofile(str(path))
            untranslated = catalogue.untranslated_entries()
            fuzzy = catalogue.fuzzy_entries()
            for entry in untranslated:
                problems.append(f"{path}: untranslated: {entry.msgid!r}")
            for entry in fuzzy:
                problems.append(f"{path}: fuzzy: {entry.msgid!r}")
            if not check_only:
                catalogue.save_as_mofile(str(path.with_suffix(".mo")))
            self.stdout.write(
                f"{path}: {len(catalogue.translated_entries())} translated, "
                f"{len(untranslated)} untranslated, {len(fuzzy)} fuzzy"
            )
        if problems and allow_incomplete:
            self.stderr.write(f"Warning: {len(problems)} untranslated or fuzzy entries.")
        elif problems:
            raise CommandError("Incomplete catalogue:\n" + "\n".join(problems))
