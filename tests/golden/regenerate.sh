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
S=tests/fixtures/stances
for f in md json; do
  $B positions --history --facts $S -f $f > $G/views/stances-history.$f
  $B positions --matrix --facts $S -f $f > $G/views/stances-matrix.$f
  $B positions --matrix --facts $S -f $f --as-of 2021-06 > $G/views/stances-matrix-2021.$f
  $B actor ruritania --facts $S -f $f > $G/views/stances-actor-ruritania.$f
  $B actor council --facts $S -f $f > $G/views/stances-actor-council.$f
done
F=tests/fixtures/brief
$B brief --facts $F -f md > $G/brief/pipeline.md
$B brief --facts $F -f md --standalone > $G/brief/pipeline-standalone.md
$B brief --facts $F -f json > $G/brief/pipeline.json
$B briefs --facts $F -f md > $G/brief/briefs.md
$B briefs --facts $F -f json > $G/brief/briefs.json
# Every view as an HTML page (tests/test_html.py).
H=$G/html
mkdir -p $H
$B timeline --facts $M -f html > $H/timeline.html
$B actor ruritania --facts $M -f html > $H/actor-ruritania.html
$B actors --facts $M -f html > $H/actors.html
$B positions --facts $M -f html > $H/positions.html
$B positions --history --facts $M -f html > $H/history.html
$B positions --matrix --facts $M -f html > $H/matrix.html
$B sources --facts $M -f html > $H/sources.html
$B search deal --facts $M -f html > $H/search-deal.html
# Without the Graphviz drawings (see tests/test_html.py).
undrawn() { PYTHONPATH=. .venv/bin/python -m tests.test_html; }
$B brief --facts $M -f html | undrawn > $H/brief.html
$B briefs --facts $M -f html > $H/briefs.html
$B diff $M $L -f html > $H/diff-mini.html
$B brief --facts $F -f html | undrawn > $H/brief-pipeline.html
$B briefs --facts $F -f html > $H/briefs-pipeline.html
$B timeline --facts tests/fixtures/corroboration -f html > $H/timeline-corroboration.html
$B brief --facts tests/fixtures/corroboration -f html | undrawn > $H/brief-corroboration.html
# The terminal views as a reader sees them at 60, 80, 120 and 160 columns, without colour.
rich() { env -u FORCE_COLOR -u NO_COLOR COLUMNS="$1" $B "${@:2}" -f rich --no-color; }
for w in 60 80 120 160; do
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
  K=tests/fixtures/known
  rich $w brief --facts $K --as-of 2023-06-15 --known-by 2023-06-15 > $T/known-brief-$w.txt
  rich $w brief --facts $K --known-by 2023-02-28 > $T/known-nothing-brief-$w.txt
  rich $w timeline --facts $K --known-by 2023-07-02 > $T/known-timeline-$w.txt
  rich $w brief --facts $K --since 2023-06-01 > $T/known-brief-since-$w.txt
  rich $w positions --history --facts $S > $T/stances-history-$w.txt
  rich $w positions --matrix --facts $S > $T/stances-matrix-$w.txt
  rich $w actor ruritania --facts $S > $T/stances-actor-ruritania-$w.txt
  rich $w actor council --facts $S > $T/stances-actor-council-$w.txt
  rich $w graph --positions --facts tests/fixtures/hostile-graph > $T/graph-hostile-$w.txt
  rich $w graph --actor tokayev --depth 2 > $T/graph-bundled-tokayev-$w.txt
  rich $w timeline --facts tests/fixtures/corroboration > $T/corroboration-timeline-$w.txt
  rich $w actor kazakhstan --facts tests/fixtures/corroboration > $T/corroboration-actor-$w.txt
  rich $w brief --facts tests/fixtures/corroboration > $T/corroboration-brief-$w.txt
done
# Knowledge time: the fixture as known on each of its sources' days, and the day before.
K=tests/fixtures/known
for f in md json; do
  for d in 2023-02-28 2023-03-01 2023-06-15 2023-10-20; do
    $B timeline --facts $K -f $f --known-by $d > $G/known/timeline-known-by-$d.$f
    $B brief --facts $K -f $f --known-by $d > $G/known/brief-known-by-$d.$f
    $B sources --facts $K -f $f --known-by $d > $G/known/sources-known-by-$d.$f
  done
  $B brief --facts $K -f $f --as-of 2023-06-15 --known-by 2023-06-15 > $G/known/brief-as-of-and-known-by-2023-06-15.$f
  $B brief --facts $K -f $f --since 2023-06-01 > $G/known/brief-since-2023-06-01.$f
  $B brief --facts $K -f $f --since 2023-10-20 > $G/known/brief-since-2023-10-20.$f
done
# Corroboration and contradiction: four sources, one a copy, one disagreeing (tests/test_corroboration.py).
V=tests/fixtures/corroboration
mkdir -p $G/corroboration
for f in md json; do
  $B timeline --facts $V -f $f > $G/corroboration/timeline.$f
  $B actor kazakhstan --facts $V -f $f > $G/corroboration/actor-kazakhstan.$f
  $B positions --facts $V -f $f > $G/corroboration/positions.$f
  $B sources --facts $V -f $f > $G/corroboration/sources.$f
  $B brief --facts $V -f $f > $G/corroboration/brief.$f
  for d in 2022-11-30 2022-12-05 2022-12-28; do
    $B brief --facts $V -f $f --known-by $d > $G/corroboration/brief-known-by-$d.$f
  done
done
# `diff` between two revisions of a repository made with fixed commit times.
${PYTHON:-.venv/bin/python} -m tests.test_diff
# Graphs: a fixture of names that would break a diagram, one actor's neighbourhood, the mini.
mkdir -p $G/graph
for f in md json mermaid dot; do
  $B graph --positions --facts tests/fixtures/hostile-graph -f $f > $G/graph/hostile.$f
  $B graph --actor tokayev --depth 2 -f $f > $G/graph/bundled-tokayev.$f
  $B graph --facts $M --positions -f $f > $G/graph/mini.$f
done
# Timeline pictures: the chart as SVG and in the terminal, and TimelineJS (tests/test_chart.py).
C=$G/chart
mkdir -p $C
$B timeline --facts $M -f svg > $C/mini.svg
$B timeline --facts $R -f svg --lanes topic > $C/real-events.svg
$B timeline --facts $M -f timelinejs > $C/mini.timelinejs
$B timeline --facts $R -f timelinejs > $C/real-events.timelinejs
env -u FORCE_COLOR -u NO_COLOR COLUMNS=80 $B timeline --chart --no-color > $C/bundled-80.txt
env -u FORCE_COLOR -u NO_COLOR COLUMNS=120 $B timeline --facts $R --chart --no-color > $C/real-events-120.txt
