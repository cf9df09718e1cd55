#!/usr/bin/env bash
# Rewrite the golden view outputs from the small fixtures; review the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/../.."
M=tests/fixtures/mini
B=${BRIEFING:-.venv/bin/briefing}
G=tests/golden
$B export --facts $M -f json > $G/export-mini.json
$B export --facts $M -f yaml > $G/export-mini.yaml
for f in md json; do
  $B timeline --facts $M -f $f > $G/views/timeline.$f
  $B actor ruritania --facts $M -f $f > $G/views/actor-ruritania.$f
  $B actor ruritania --facts $M -f $f --as-of 2020-01 > $G/views/actor-ruritania-2020.$f
  $B actors --facts $M -f $f > $G/views/actors.$f
  $B positions --facts $M -f $f > $G/views/positions.$f
  $B positions --matrix --facts $M -f $f > $G/views/matrix.$f
  $B sources --facts $M -f $f > $G/views/sources.$f
  $B search deal --facts $M -f $f > $G/views/search-deal.$f
done
L=tests/fixtures/mini-later
for f in md json; do
  $B diff $M $L -f $f > $G/views/diff-mini.$f
done
R=tests/fixtures/real-events
for f in md json; do
  $B timeline --facts $R -f $f > $G/views/real-events-timeline.$f
  $B actor port-authority --facts $R -f $f > $G/views/real-events-actor-port-authority.$f
  $B sources --facts $R -f $f > $G/views/real-events-sources.$f
done
F=tests/fixtures/brief
$B brief --facts $F -f md > $G/brief/pipeline.md
$B brief --facts $F -f md --standalone > $G/brief/pipeline-standalone.md
$B brief --facts $F -f json > $G/brief/pipeline.json
$B briefs --facts $F -f md > $G/brief/briefs.md
$B briefs --facts $F -f json > $G/brief/briefs.json
# The terminal views as a reader sees them at 60 and 120 columns, without colour.
rich() { env -u FORCE_COLOR -u NO_COLOR COLUMNS="$1" $B "${@:2}" -f rich --no-color; }
for w in 60 120; do
  T=$G/terminal
  rich $w timeline --facts $M > $T/timeline-$w.txt
  rich $w actor ruritania --facts $M > $T/actor-ruritania-$w.txt
  rich $w actor ruritania --facts $M --as-of 2020-01 > $T/actor-ruritania-2020-$w.txt
  rich $w actors --facts $M > $T/actors-$w.txt
  rich $w positions --facts $M > $T/positions-$w.txt
  rich $w positions --matrix --facts $M > $T/matrix-$w.txt
  rich $w sources --facts $M > $T/sources-$w.txt
  rich $w search deal --facts $M > $T/search-deal-$w.txt
  rich $w diff $M $L > $T/diff-mini-$w.txt
  rich $w brief --facts $F > $T/brief-$w.txt
  rich $w briefs --facts $F > $T/briefs-$w.txt
  rich $w timeline --facts $R > $T/real-events-timeline-$w.txt
  rich $w actor port-authority --facts $R > $T/real-events-actor-$w.txt
  rich $w positions --matrix --facts $R > $T/real-events-matrix-$w.txt
done
