#!/usr/bin/env bash
# Install Debian's poppler-utils for the PDF report tests if it is missing:
# they read the rendered PDF back with pdftotext to prove the Chinese text,
# codes and page footers are really in the file.
set -euo pipefail
echo "--- poppler"
if ! command -v pdftotext >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq poppler-utils >/dev/null
fi
pdftotext -v 2>&1 | sed -n 1p
