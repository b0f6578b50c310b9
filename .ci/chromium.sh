#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests if it is missing.
set -euo pipefail
echo "--- chromium"
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-noto-cjk fonts-wqy-microhei >/dev/null
fi
chromium --version
