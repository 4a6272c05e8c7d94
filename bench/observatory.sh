#!/usr/bin/env bash
# The HTTP Observatory's score of the site under production settings over TLS.
#
#   bash bench/observatory.sh            # from the repository root, after `make venv`
#
# It makes a throwaway certificate authority and a certificate for localhost,
# serves the app with gunicorn over https on 127.0.0.1:8443 (and plain http on
# 8080, which must redirect) with DJANGO_DEBUG=0 and HTTPS on, loads the demo
# data, and runs Mozilla's scanner (the `httpobs` package, in a virtual
# environment of its own since it pins old libraries) on three pages. It
# prints each page's score and modifiers. Needs openssl and a Redis on
# 127.0.0.1:6379 (db 12).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$(mktemp -d -t u20-observatory-XXXXXX)
trap 'kill $(cat "$WORK"/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "== scanner"
python3 -m venv "$WORK/scanner"
"$WORK/scanner/bin/pip" install --quiet --no-deps httpobs==0.9.3
"$WORK/scanner/bin/pip" install --quiet requests beautifulsoup4 publicsuffixlist pytz celery

echo "== certificates"
# Python 3.13 checks certificates strictly (VERIFY_X509_STRICT): the
# authority and the certificate carry the extensions it asks for.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/ca.key" -out "$WORK/ca.pem" \
  -days 1 -subj "/CN=U20 observatory test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -addext "subjectKeyIdentifier=hash" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/server.csr" \
  -subj "/CN=localhost" 2>/dev/null
printf '%s\n' "subjectAltName=DNS:localhost" "basicConstraints=CA:FALSE" \
  "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" \
  "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" > "$WORK/ext.cnf"
openssl x509 -req -in "$WORK/server.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" \
  -CAcreateserial -out "$WORK/cert.pem" -days 1 -extfile "$WORK/ext.cnf" 2>/dev/null
cat "$WORK/cert.pem" "$WORK/ca.pem" > "$WORK/chain.pem"

echo "== site"
export DJANGO_DEBUG=0 DJANGO_HTTPS=1 DJANGO_ALLOWED_HOSTS=localhost SITE_URL=https://localhost:8443
export DJANGO_SECRET_KEY="observatory-only-$(head -c 24 /dev/urandom | base64 | tr -dc a-z0-9)"
export DATABASE_URL="sqlite:///$WORK/site.sqlite3" DJANGO_MEDIA_ROOT="$WORK/media"
export REDIS_URL=redis://127.0.0.1:6379/12 CACHE_KEY_PREFIX="observatory-$$"
PY="$ROOT/.venv/bin/python"
"$PY" manage.py migrate --verbosity 0
"$PY" manage.py load_demo > /dev/null
"$PY" manage.py compile_catalogue > /dev/null
"$PY" manage.py collectstatic --noinput --verbosity 0
"$ROOT/.venv/bin/gunicorn" u20.wsgi --bind 127.0.0.1:8443 --workers 1 --daemon \
  --certfile "$WORK/chain.pem" --keyfile "$WORK/key.pem" --pid "$WORK/https.pid"
"$ROOT/.venv/bin/gunicorn" u20.wsgi --bind 127.0.0.1:8080 --workers 1 --daemon \
  --pid "$WORK/http.pid"
sleep 3

for path in /en/ /ar/summits/riyadh-2020/agenda/ /ar/media/; do
  echo "== $path"
  REQUESTS_CA_BUNDLE="$WORK/ca.pem" "$WORK/scanner/bin/httpobs-local-scan" \
    --http-port 8080 --https-port 8443 --path "$path" --format report localhost
done
