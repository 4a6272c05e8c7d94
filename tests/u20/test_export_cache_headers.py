"""Files that programs fetch again and again (the press Atom feed, the
communiqué's JSON, CSV and PDF) tell caches they may keep them five minutes,
carry an ETag and Last-Modified, and answer a conditional GET with 304.
The schedule exports have the same tests in tests/sessions/test_exports."""

import pytest

from tests import pdfs
from tests.factories import make_summit
from tests.media_contacts.factories import make_release
from tests.recommendations.factories import make_communique, make_full_communique

pytestmark = pytest.mark.django_db

FIVE_MINUTES = "public, max-age=300"
COMMUNIQUE = "/{lang}/summits/riyadh-2020/communique/"


@pytest.fixture
def summit():
    return make_summit(slug="riyadh-2020", is_current=True)


@pytest.fixture
def communique(summit):
    communique = make_full_communique(summit=summit, recommendations=3, areas=1, cities=2)
    communique.pdf.save("x.pdf", pdfs.pdf_upload(pdfs.clean_pdf()))
    return communique


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    "path",
    [
        "/{lang}/media/feed.atom",
        COMMUNIQUE + "communique.json",
        COMMUNIQUE + "communique.csv",
        COMMUNIQUE + "communique.pdf",
    ],
)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_feed_and_communique_downloads_are_kept_five_minutes(client, communique, path, lang):
    make_release()
    url = path.format(lang=lang)

    first = client.get(url)
    by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    other = client.get(url, headers={"if-none-match": '"other"'})

    assert (first.status_code, first["Cache-Control"], first["ETag"][0]) == (
        200,
        FIVE_MINUTES,
        '"',
    )
    assert (by_etag.status_code, by_etag.content, by_etag["Cache-Control"]) == (
        304,
        b"",
        FIVE_MINUTES,
    )
    assert (by_etag["ETag"], by_etag["Last-Modified"]) == (first["ETag"], first["Last-Modified"])
    assert by_date.status_code == 304
    assert (other.status_code, _body(other)) == (200, _body(first))


def test_communique_pdf_has_the_same_etag_in_both_languages(client, communique):
    english = client.get(COMMUNIQUE.format(lang="en") + "communique.pdf")
    arabic = client.get(COMMUNIQUE.format(lang="ar") + "communique.pdf")

    assert english["ETag"] == arabic["ETag"]
    assert _body(english).startswith(b"%PDF")


def test_communique_pdf_replaced_gets_a_new_etag(client, communique):
    url = COMMUNIQUE.format(lang="en") + "communique.pdf"
    first = client.get(url)
    communique.pdf.save("y.pdf", pdfs.pdf_upload(pdfs.clean_pdf()))

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_communique_without_pdf_is_404_however_asked(client, summit):
    make_communique(summit=summit)

    response = client.get(
        COMMUNIQUE.format(lang="en") + "communique.pdf", headers={"if-none-match": "*"}
    )

    assert response.status_code == 404
