#!/usr/bin/env sh
# Installs the Debian packages the project needs beyond npm: libsecret-1-dev to build keytar (the OS
# keychain addon), gnome-keyring and dbus for the keychain tests' headless secret service. Idempotent and
# quiet: prints nothing when everything is present, runs apt-get update only when something is missing,
# and is a one-line no-op where it cannot act (not root, not Debian/apt).
set -eu

PACKAGES="libsecret-1-dev gnome-keyring dbus chromium faketime"

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-deps: not a Debian system; install $PACKAGES (or their equivalents) yourself." >&2
  exit 0
fi

missing=""
for pkg in $PACKAGES; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $pkg" ;;
  esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-system-deps: not root; missing:$missing (needed to build keytar and run the keychain tests)." >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# apt is chatty even with -qq (debconf notes on stderr): keep its output, show it only on failure.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# shellcheck disable=SC2086 # the list is meant to split into words
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "ensure-system-deps: installing$missing failed." >&2
  exit 1
fi
