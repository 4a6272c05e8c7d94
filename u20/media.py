"""Uploaded images served by the application itself: for a site on one
machine, whose default storage is the filesystem, under gunicorn as under
runserver. With an object store the images' addresses point at the store,
and this view answers 404.

Only what u20.images names is served: a JPEG, PNG or WebP file under one of
its public folders, at the very path asked for once links and `..` are
resolved. The communiqués' folder is never served from here."""

import os
import stat
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from u20.images import PUBLIC_FOLDERS, media_cache_control, media_type


def public_file(storage: FileSystemStorage, name: str) -> Path | None:
    """The file a public name stands for, or None when the name leads out of
    the media folder or its public folders (through `..` or a link), or is
    not an image we write."""
    if not name.startswith(PUBLIC_FOLDERS) or media_type(name) is None:
        return None
    root = Path(storage.location).resolve()
    try:
        # safe_join refuses `..` that climbs out; resolve() follows links,
        # and the resolved file must still be the one named.
        path = Path(storage.path(name)).resolve(strict=True)
    except (SuspiciousFileOperation, OSError, ValueError):
        return None
    if not path.is_relative_to(root) or path.relative_to(root).as_posix() != name:
        return None
    return path


@require_safe
def serve(request, path: str):
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        raise Http404
    file = public_file(storage, path)
    if file is None:
        raise Http404
    try:
        handle = file.open("rb")
    except OSError:
        raise Http404 from None
    info = os.fstat(handle.fileno())
    if not stat.S_ISREG(info.st_mode):
        handle.close()
        raise Http404
    response = FileResponse(handle, content_type=media_type(path))
    response["Last-Modified"] = http_date(info.st_mtime)
    response["Cache-Control"] = media_cache_control(path)
    response["X-Content-Type-Options"] = "nosniff"
    conditional = get_conditional_response(
        request, last_modified=int(info.st_mtime), response=response
    )
    if conditional is not response:
        response.close()
    return conditional
