"""The shape of every retention command: a run that erases what is older
than a number of days (a setting by default), here or in the task worker."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class RetentionCommand(BaseCommand):
    """Subclasses name the setting with the default days, the task that runs
    the work in the worker, and the work itself (run) with its report."""

    days_setting: str
    task = None

    def run(self, days: int | None) -> int:
        raise NotImplementedError

    def report(self, count: int) -> str:
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Days to keep (default: {self.days_setting}, "
            f"now {getattr(settings, self.days_setting)}).",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the run to the task worker instead of running it here.",
        )

    def handle(self, *args, days=None, enqueue=False, **options):
        if days is not None and days < 0:
            raise CommandError("--days cannot be negative.")
        if enqueue:
            result = self.task.enqueue(days)
            self.stdout.write(f"Handed to the task worker ({result.id}).")
            return
        self.stdout.write(self.report(self.run(days)))
