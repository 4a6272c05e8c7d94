"""The frab schemas the export tests validate against are the published ones:
each copy beside these tests is byte for byte the file in ../shared/schemas,
so a loosened copy can never let an invalid export pass."""

from pathlib import Path

import pytest
from django.conf import settings

HERE = Path(__file__).parent
SHARED = settings.BASE_DIR.parent / "shared" / "schemas"


@pytest.mark.parametrize("name", ["frab-schedule.xsd", "frab-schedule.schema.json"])
def test_schema_copy_is_the_published_schema_byte_for_byte(name):
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not beside this checkout")

    assert (HERE / name).read_bytes() == (SHARED / name).read_bytes()
