#!/usr/bin/env bash
# Fetch the pinned JavaScript renderers the tests draw our output with (Mermaid for diagrams,
# TimelineJS for timelines) into .cache/js. Tests only: nothing of this ships or is committed.
# Does nothing when they are already there; exits 0 without npm (the tests then skip, or fail
# under CI, which sets BRIEFING_REQUIRE_BROWSER).
set -euo pipefail
cd "$(dirname "$0")/.."
MERMAID=mermaid@11.17.2
TIMELINEJS=@knight-lab/timelinejs@3.9.11
out=.cache/js
want=("$out/mermaid.min.js" "$out/timelinejs/js/timeline.js" "$out/timelinejs/css/timeline.css")
have=1
for f in "${want[@]}"; do [[ -f $f ]] || have=0; done
((have)) && exit 0
if ! command -v npm >/dev/null; then
  echo "fetch_js: npm not found; browser tests of Mermaid and TimelineJS output will skip" >&2
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$MERMAID" "$TIMELINEJS" >/dev/null)
mkdir -p "$out/timelinejs"
tar -xzf "$tmp"/mermaid-*.tgz -C "$tmp" package/dist/mermaid.min.js
mv "$tmp/package/dist/mermaid.min.js" "$out/mermaid.min.js"
rm -rf "$tmp/package"
tar -xzf "$tmp"/knight-lab-timelinejs-*.tgz -C "$tmp" package/dist
rm -rf "$out/timelinejs"
mv "$tmp/package/dist" "$out/timelinejs"
