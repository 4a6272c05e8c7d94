"""What collectstatic gathers and compresses for production."""

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from whitenoise.compress import Compressor


def collected_paths() -> set[str]:
    ignored = apps.get_app_config("staticfiles").ignore_patterns
    return {path for finder in finders.get_finders() for path, _ in finder.list(ignored)}


def test_collectstatic_keeps_swagger_ui_and_leaves_out_the_unused_redoc_bundle():
    paths = collected_paths()

    assert {"ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "css/site.css"} <= paths
    assert sorted(path for path in paths if path.startswith("ninja/redoc")) == []


def test_scripts_and_styles_are_compressed_and_source_maps_are_not():
    compressor = Compressor(extensions=settings.WHITENOISE_SKIP_COMPRESS_EXTENSIONS, quiet=True)

    assert compressor.should_compress("ninja/swagger-ui-bundle.js")
    assert compressor.should_compress("css/site.css")
    assert not compressor.should_compress("ninja/swagger-ui-bundle.js.map")
    assert not compressor.should_compress("img/logo.png")
