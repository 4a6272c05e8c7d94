"""Load the demo data (the U20 editions of 2018-2020); safe to run again."""

from django.core.management.base import BaseCommand

from demo.loader import demo_counts, load_demo


class Command(BaseCommand):
    help = "Create or update the demo summits, sessions, cities, partners and speakers."

    def handle(self, *args, **options):
        load_demo()
        counts = ", ".join(f"{count} {label}" for label, count in demo_counts().items())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {counts}."))
