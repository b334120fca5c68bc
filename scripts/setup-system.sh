#!/usr/bin/env bash
# Installs and starts what the full test suite needs beyond Node (Debian/Ubuntu, idempotent):
# Chromium for browser tests, PostgreSQL for database tests, DejaVu fonts for documents,
# LibreOffice and poppler to prove that exported XLSX/DOCX/PDF files open and hold their text,
# nginx to run the deployment guide's TLS proxy for real.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for pkg in chromium postgresql fonts-dejavu-core libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils nginx-light; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup:system: устанавливаю ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  $SUDO pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
  $SUDO pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -q && break
  sleep 1
done

psql_admin() { $SUDO -u postgres psql -qtAX "$@" 2>/dev/null || su postgres -c "psql -qtAX $(printf '%q ' "$@")"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'munirank'")" != "1" ]; then
  psql_admin -c "CREATE ROLE munirank LOGIN PASSWORD 'munirank' CREATEDB"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'munirank'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE munirank OWNER munirank"
fi
echo "setup:system: Chromium $(chromium --version 2>/dev/null | awk '{print $2}'), PostgreSQL $version на 127.0.0.1:5432 (роль munirank), LibreOffice $(soffice --version 2>/dev/null | awk '{print $2}'), pdftotext $(pdftotext -v 2>&1 | head -n 1 | awk '{print $3}'), nginx $(/usr/sbin/nginx -v 2>&1 | sed 's|.*/||')"
