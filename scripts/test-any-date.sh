#!/usr/bin/env sh
# Runs the every-tool suite with the machine's wall clock moved by libfaketime (Debian's faketime) to a
# month end, a year end and the middle of a night. The suite pins its own clock already; this proves that
# nothing behind that clock reads the real date. Quiet on success; skips with a reason without faketime.
set -eu
if ! command -v faketime >/dev/null 2>&1; then
  echo "test-any-date: skipped (no faketime; scripts/ensure-system-deps.sh installs it on Debian)"
  exit 0
fi
for at in '2026-11-30 23:50:00' '2026-12-31 23:50:00' '2027-01-15 03:00:00'; do
  log=$(mktemp)
  if ! TZ=UTC faketime "$at" npx vitest run core/mcp/every-tool.test.ts >"$log" 2>&1; then
    cat "$log"
    echo "test-any-date: the every-tool suite failed with the wall clock at $at" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
done
echo "test-any-date: every-tool suite passed with the wall clock at a month end, a year end and 03:00"
