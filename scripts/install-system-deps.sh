#!/usr/bin/env bash
# Install the Debian packages the test suite needs, if they are missing:
#   chromium      - headless browser for the chat-widget tests (Playwright
#                   drives it; Playwright's own browser download is not used)
#   redis-server  - shared session store for the scale-out tests
# Idempotent and quick when everything is present. Needs root (or sudo) and
# apt-get; elsewhere it says what to install and leaves the decision to you.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ ${#need[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-system-deps: please install: ${need[*]} (no apt-get here)" >&2
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "install-system-deps: run as root to install: ${need[*]}" >&2
        exit 0
    fi
fi
echo "install-system-deps: installing ${need[*]} ..."
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "install-system-deps: done"
