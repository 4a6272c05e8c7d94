"""Uploads in an S3-compatible object store, shared by every machine that
serves the site (settings: MEDIA_STORAGE_URL or AWS_STORAGE_BUCKET_NAME)."""

from storages.backends.s3 import S3Storage

from u20.images import PUBLIC_FOLDERS, media_cache_control, media_type


class ObjectStorage(S3Storage):
    """django-storages' S3Storage, each object written with the headers the
    media view (u20.media) sends for the same file: a public image with its
    type and how long it may be cached, anything else as a download."""

    def get_object_parameters(self, name: str) -> dict:
        parameters = super().get_object_parameters(name)
        prefix = f"{self.location}/" if self.location else ""
        name = name.removeprefix(prefix)
        content_type = media_type(name)
        if name.startswith(PUBLIC_FOLDERS) and content_type:
            parameters.update(ContentType=content_type, CacheControl=media_cache_control(name))
        else:
            # Private files (the communiqués) are read through the storage by
            # their own views; should the bucket ever show them, as downloads.
            parameters.update(ContentDisposition="attachment", CacheControl="private, no-store")
        return parameters

    def public_read_policy(self) -> dict:
        """The bucket policy that lets anyone read the public images, and
        nothing else: put it on the bucket (README, "Production")."""
        prefix = f"{self.location}/" if self.location else ""
        return {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicImages",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": [
                        f"arn:aws:s3:::{self.bucket_name}/{prefix}{folder}*"
                        for folder in PUBLIC_FOLDERS
                    ],
                }
            ],
        }
