"""An S3-compatible object store for tests: moto in server mode on a free
loopback port, one per test process, spoken to over HTTP as the site speaks
to any store, and a bucket of its own for each test."""

import json
import logging
import uuid
from dataclasses import dataclass

import pytest
from django.core.files.storage import storages
from django.utils.csp import CSP

from u20.settings import media_image_sources, object_store

REGION = "us-east-1"
KEY, SECRET = "test-access-key", "test-secret-key"


@dataclass
class Bucket:
    name: str
    client: object  # a boto3 S3 client
    public_url: str  # where pages point for an object: public_url/key

    def object_names(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def head(self, key: str) -> dict:
        return self.client.head_object(Bucket=self.name, Key=key)

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture(scope="session")
def s3_endpoint():
    # Imported here: only a test process that runs these tests starts moto.
    from moto.server import ThreadedMotoServer  # noqa: PLC0415

    # Its web server logs every request; a failing test's report is clearer without.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint, settings):
    """The default storage in a new bucket, configured from MEDIA_STORAGE_URL
    as production reads it, with the bucket policy the README gives and the
    page policy that goes with it."""
    import boto3  # noqa: PLC0415 (only these tests need an S3 client)

    name = f"u20-test-{uuid.uuid4().hex[:20]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
    )
    client.create_bucket(Bucket=name)
    storage = object_store(
        {
            "MEDIA_STORAGE_URL": f"s3://{KEY}:{SECRET}@{name}"
            f"?endpoint_url={s3_endpoint}&region_name={REGION}"
        }
    )
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    policy = storages["default"].public_read_policy()
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
    settings.SECURE_CSP = {
        **settings.SECURE_CSP,
        "img-src": [CSP.SELF, "data:", *media_image_sources(storage)],
    }
    bucket = Bucket(name=name, client=client, public_url=f"{s3_endpoint}/{name}")
    yield bucket
    for key in bucket.object_names():
        client.delete_object(Bucket=name, Key=key)
    client.delete_bucket(Bucket=name)
