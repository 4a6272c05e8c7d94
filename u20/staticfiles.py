"""Where collectstatic finds the files it gathers for production."""

from django.contrib.staticfiles.finders import AppDirectoriesFinder

# django-ninja ships ReDoc beside Swagger UI; the API's documentation page is
# Swagger UI (api/docs.py), and compressing ReDoc's megabytes of script took
# most of collectstatic's time.
UNUSED = ["ninja/redoc.*"]


class AppDirectoriesWithoutUnusedFinder(AppDirectoriesFinder):
    """The apps' static folders, less the files no page of ours loads."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *UNUSED])
