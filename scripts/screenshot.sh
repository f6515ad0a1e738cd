#!/usr/bin/env bash
# Screenshot of the real desktop app in demo mode, for the docs.
#
#   scripts/screenshot.sh [OUT.png]          (default: docs/screenshot-main.png)
#
# Runs the built app (target/debug/packdesk-app, or $PACKDESK_APP_BIN) under Xvfb with a
# throwaway HOME, then drives it from the keyboard like a packer: F2 collects the demo orders,
# F3 + "1-3, 5" + Enter prints four labels to the virtual printer, and the first label's
# waybill number is scanned. Each step waits for the app's log line for that command (with a
# deadline), then `import -window` captures the window. Needs: xvfb, xdotool, imagemagick.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$root/docs/screenshot-main.png}")
app=${PACKDESK_APP_BIN:-$root/target/debug/packdesk-app}
# The demo invoice pool is seeded deterministically (crates/core/src/demo.rs), and a range is
# printed in the typed order, so row 1 gets the pool's first number.
scan_code=${PACKDESK_SHOT_SCAN:-601234560001}

[ -x "$app" ] || { echo "no app at $app: run cargo build -p packdesk-app" >&2; exit 1; }
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$out"
fi

home=$(mktemp -d)
pid=
cleanup() {
  local rc=$?
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$home"
  exit "$rc"
}
trap cleanup EXIT
export HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config XDG_CACHE_HOME=$home/.cache
export PACKDESK_SECRETS=file
# Debug for the shell only: its first `parcels` call is the sign that the UI has booted.
export RUST_LOG=info,packdesk_app=debug
unset PACKDESK_DB PACKDESK_DATA_DIR
logdir=$XDG_DATA_HOME/packdesk/logs

# How many lines of the app's log match $1.
log_count() {
  cat "$logdir"/packdesk-app.log* 2>/dev/null | grep -c -- "$1" || true
}

# Waits (up to $2 seconds) until the app's log has more than $3 (default 0) lines matching $1.
wait_log() {
  local pattern=$1 deadline=$((SECONDS + ${2:-60})) seen=${3:-0}
  until (($(log_count "$pattern") > seen)); do
    if ((SECONDS > deadline)); then
      echo "timed out waiting for log: $pattern" >&2
      cat "$logdir"/packdesk-app.log* >&2 2>/dev/null || true
      exit 1
    fi
    sleep 0.2
  done
}

"$app" >"$home/app.out" 2>&1 &
pid=$!
# Poll rather than `search --sync`: that one dies on BadWindow when GTK drops a helper window.
wid=
deadline=$((SECONDS + 60))
until wid=$(xdotool search --onlyvisible --name "Packdesk" 2>/dev/null | head -1) && [ -n "$wid" ]; do
  ((SECONDS < deadline)) || { echo "no app window" >&2; cat "$home/app.out" >&2; exit 1; }
  sleep 0.2
done
xdotool windowfocus "$wid"
wait_log 'done command="parcels"' 120

xdotool key F2
wait_log 'done command="collect"'
xdotool key F3
xdotool type --delay 20 "1-3, 5"
xdotool key Return
wait_log 'done command="print"'
# Print returns the focus to the scan field; a scanner types the number and Enter.
refreshed=$(log_count 'done command="parcels"')
xdotool type --delay 20 "$scan_code"
xdotool key Return
wait_log 'done command="ship_scan"'
# After a scan the UI reloads the list; once that is answered it only has to paint.
wait_log 'done command="parcels"' 60 "$refreshed"
sleep 0.5

mkdir -p "$(dirname "$out")"
import -window "$wid" "$out"
echo "wrote $out"
