"""Forget the addresses that asked for release alerts and never confirmed.

python manage.py prune_alert_subscriptions            # older than ALERT_CONFIRM_DAYS
python manage.py prune_alert_subscriptions --enqueue  # let the task worker do it
"""

from media_contacts import alerts
from media_contacts.tasks import prune_alert_subscriptions
from u20.retention import RetentionCommand


class Command(RetentionCommand):
    help = "Delete release alert subscriptions never confirmed within N days."
    days_setting = "ALERT_CONFIRM_DAYS"
    task = prune_alert_subscriptions

    def run(self, days):
        return alerts.prune_unconfirmed(days)

    def report(self, count):
        return f"{count} unconfirmed alert subscription(s) forgotten."
