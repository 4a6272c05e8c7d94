"""Print the bucket policy that lets anyone read the public images in the
object store, and nothing else (README, "Production")."""

import json

from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError

from u20.storage import ObjectStorage


class Command(BaseCommand):
    help = "Print the object store's bucket policy: public read on the image folders only."

    def handle(self, *args, **options):
        storage = storages["default"]
        if not isinstance(storage, ObjectStorage):
            raise CommandError("No object store is set: MEDIA_STORAGE_URL names none.")
        self.stdout.write(json.dumps(storage.public_read_policy(), indent=2))
