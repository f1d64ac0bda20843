#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (web/src/e2e). Never a downloaded browser.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium already present: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version || true
