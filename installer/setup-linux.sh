#!/usr/bin/env bash
# Installs the Debian/Ubuntu system packages Packdesk needs to build, run and test.
# Idempotent: does nothing when every package is already present.
# Called by the README's two commands (scripts/run and scripts/test); safe to run by hand.
set -euo pipefail

# Build: WebKitGTK 4.1 stack for Tauri 2, libudev/libusb for devices, dbus for the Secret Service keychain.
BUILD_PKGS=(build-essential pkg-config libssl-dev
  libwebkit2gtk-4.1-dev libjavascriptcoregtk-4.1-dev libsoup-3.0-dev libgtk-3-dev
  libayatana-appindicator3-dev librsvg2-dev libudev-dev libusb-1.0-0-dev libdbus-1-dev)
# Test: a virtual X server, the WebKit WebDriver, screenshot tools, PDF→PNG and barcode decoding,
# and CUPS with a PDF queue (cups-pdf; the cups-pdf package is named printer-driver-cups-pdf) for
# the spooler test, which starts its own cupsd (crates/devices/tests/cups.rs).
TEST_PKGS=(xvfb xauth webkit2gtk-driver imagemagick xdotool poppler-utils zbar-tools
  cups cups-client cups-bsd printer-driver-cups-pdf)

want=("${BUILD_PKGS[@]}")
if [ "${1:-}" = "--test" ]; then want+=("${TEST_PKGS[@]}"); fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

echo "packdesk setup: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
