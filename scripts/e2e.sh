#!/usr/bin/env bash
# End-to-end: the dashboard in Debian's Chromium driven by playwright-core, and a short load
# run with wrk against the incidents endpoint, both on `sitrep demo` (loopback).
# Installs what it needs (Debian: chromium, wrk; npm: e2e/package-lock.json).
# Usage: scripts/e2e.sh [path/to/sitrep]   (default target/release/sitrep)
set -euo pipefail
cd "$(dirname "$0")/.."
SITREP=${1:-target/release/sitrep}
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
if ! $SUDO apt-get install -y -qq chromium wrk >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium wrk >/dev/null
fi
npm ci --prefix e2e --no-audit --no-fund >/dev/null

LOG=$(mktemp)
"$SITREP" demo --addr 127.0.0.1:0 >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -f "$LOG"' EXIT
BASE=""
for _ in $(seq 1 100); do
  BASE=$(sed -n 's|^sitrep: serving \(http://[^/]*\)/.*|\1|p' "$LOG")
  [ -n "$BASE" ] && break
  sleep 0.2
done
if [ -z "$BASE" ]; then echo "sitrep demo did not start:"; cat "$LOG"; exit 1; fi
echo "demo at $BASE"

BASE_URL=$BASE node e2e/dashboard.mjs

# Load: 64 connections for a few seconds; any error or non-2xx answer fails the run.
OUT=$(wrk -t2 -c64 -d5s --latency "$BASE/api/incidents?limit=200")
echo "$OUT" | grep -E "Requests/sec|99%|requests in"
if echo "$OUT" | grep -qE "Non-2xx|Socket errors"; then
  echo "load run had errors:"; echo "$OUT"; exit 1
fi
