#!/usr/bin/env bash
# Makes sure the Chromium the browser tests drive is installed (Debian's package, /usr/bin/chromium,
# or $CHROMIUM_PATH). Quiet when it is already there; installs it with apt-get when run as root;
# otherwise says how to install it and fails.
set -euo pipefail

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$chromium" ]; then
  exit 0
fi

if [ "$chromium" != /usr/bin/chromium ]; then
  echo "CHROMIUM_PATH is set to $CHROMIUM_PATH, but no executable is there." >&2
  echo "Point CHROMIUM_PATH at a Chromium binary, or unset it to use (and install) Debian's /usr/bin/chromium." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing; installing Debian's chromium package for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  if [ -x "$chromium" ]; then
    echo "Installed $("$chromium" --version 2>/dev/null || echo chromium)."
    exit 0
  fi
  echo "apt-get finished but $chromium is still missing." >&2
  exit 1
fi

cat >&2 <<MSG
The browser tests need Chromium at $chromium, and it is not installed.
Install it as root, e.g.:
  sudo apt-get update && sudo apt-get install -y chromium
or set CHROMIUM_PATH to an existing Chromium/Chrome binary.
MSG
exit 1
