#!/usr/bin/env bash
# Rewrite the golden view outputs from the mini fixture; review the diff before committing.
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
F=tests/fixtures/brief
$B brief --facts $F -f md > $G/brief/pipeline.md
$B brief --facts $F -f md --standalone > $G/brief/pipeline-standalone.md
$B brief --facts $F -f json > $G/brief/pipeline.json
$B briefs --facts $F -f md > $G/brief/briefs.md
$B briefs --facts $F -f json > $G/brief/briefs.json
