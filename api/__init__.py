"""The public, read-only API at /api/v1/: what the public pages show of the
summits, their agendas, communiqués and press releases, as JSON described by
an OpenAPI 3.1 document. It reads from every other app and no app reads
from it."""
