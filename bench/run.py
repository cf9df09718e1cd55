"""Benchmark briefing: start-up, then every command, warm and cold, on generated fact bases.

    python bench/run.py [--sizes 1000,10000,100000] [--runs 15] [--out bench/results.json]
                        [--work /tmp/briefing-bench] [--commands timeline,brief] [--no-cold]
                        [--timeout 600] [--list]

Whole processes are timed. Commands being compared run interleaved (A, B, A, B, ...) after
an untimed warm-up, so machine noise hits them equally; medians are reported, with each
child's peak memory from ``os.wait4``. Everything runs with this Python and the `briefing`
next to it. Prints Markdown tables (for bench/RESULTS.md) and saves raw timings as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
BRIEFING = str(Path(sys.executable).parent / "briefing")
GENERATOR = BENCH / "generate.py"
ACTOR = "actor-7"
TOPIC = "topic-3"
SEARCH_WORD = "Aktau"  # a place bench/generate.py names in about one event in 400
MISSED_WORD = "reform"  # a word bench/generate.py never writes (the example)
AS_OF = "2020-01-01"  # about half of the events were known by then
KNOWN_BY = "2024-06-30"  # about half of bench/generate.py's sources are published by then
FACTS = "{facts}"  # stands for the fact base's folder in a command's words
EDITED = Path("events") / "events-050.yaml"
JQ_SELECT = '[.[] | select(.date >= "2022")] | length'
JQ_ALL = "."

# Targets: a ratio or figure passes when it is at most its limit.
HELP_MS = 80.0
LINEAR = 1.5  # per-1,000-event warm cost beyond start-up, largest size over 10k
SMALL_JQ = 0.5  # small outputs, warm, against jq selecting from the events
WHOLE_JQ = 1.0  # whole outputs, warm, against jq printing the events
COLD_FLOOR = 1.25  # cold against a bare libyaml load of the same files
PEAK_MB = 600.0
EDIT_WARM = 1.5  # after one of 100 files changed, against warm

# Kinds of command, by what its output is compared with.
SMALL, WHOLE, CHECK = "small", "whole", "check"


@dataclass(frozen=True)
class Spec:
    """A command that reads a fact base: its words after `briefing` and its kind of output."""

    args: tuple[str, ...]
    kind: str
    # A whole output of some events only: the `timeline` words that print those events, for
    # `jq .` to print the same (empty: every event).
    events: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return " ".join("DIR" if word == FACTS else word for word in self.args)

    @property
    def reference(self) -> str:
        """The name of the reference command its warm time is compared with ("" for none)."""
        if self.kind == SMALL:
            return "jq select"
        if self.kind == WHOLE:
            return f"jq . ({' '.join(self.events)})" if self.events else "jq ."
        return ""


COMMANDS = [
    Spec(("timeline", "-f", "json"), WHOLE),
    Spec(("timeline", "-f", "md"), WHOLE),
    Spec(("timeline", "--actor", ACTOR, "-f", "json"), SMALL),
    Spec(("timeline", "--topic", TOPIC, "-f", "json"), SMALL),
    Spec(("timeline", "--since", "2020-01-01", "--until", "2020-12-31", "-f", "json"), SMALL),
    # Half the events were known by then: a whole output, against jq printing those events.
    Spec(("timeline", "--as-of", AS_OF, "-f", "json"), WHOLE, events=("--as-of", AS_OF)),
    Spec(("timeline", "--actor", ACTOR, "--as-of", AS_OF, "-f", "json"), SMALL),
    # The generator's sources are published through 2024: about half are known by mid-year,
    # so events keep some, not all, of their citations (they are decoded and re-encoded).
    Spec(("timeline", "--actor", ACTOR, "--known-by", KNOWN_BY, "-f", "json"), SMALL),
    Spec(("actor", ACTOR, "-f", "md"), SMALL),
    Spec(("actor", ACTOR, "-f", "json"), SMALL),
    Spec(("actors", "-f", "md"), SMALL),
    Spec(("actors", "-f", "json"), SMALL),
    Spec(("positions", "-f", "md"), SMALL),
    Spec(("positions", "--matrix", "-f", "md"), SMALL),
    Spec(("positions", "-f", "json"), SMALL),
    Spec(("positions", "--matrix", "-f", "json"), SMALL),
    Spec(("positions", "--history", "-f", "md"), SMALL),
    Spec(("positions", "--history", "-f", "json"), SMALL),
    Spec(("sources", "-f", "md"), SMALL),
    Spec(("sources", "-f", "json"), SMALL),
    Spec(("search", SEARCH_WORD, "-f", "md"), SMALL),
    Spec(("search", SEARCH_WORD, "-f", "json"), SMALL),
    # A word no fact holds: the search looks for a near spelling among every word.
    Spec(("search", MISSED_WORD, "-f", "md"), SMALL),
    Spec(("brief", "-f", "md"), SMALL),
    Spec(("brief", "-f", "json"), SMALL),
    Spec(("brief", "--known-by", KNOWN_BY, "-f", "md"), SMALL),
    Spec(("brief", "--since", KNOWN_BY, "-f", "md"), SMALL),
    Spec(("briefs", "-f", "md"), SMALL),
    Spec(("briefs", "-f", "json"), SMALL),
    Spec(("info",), SMALL),
    Spec(("check",), CHECK),
    Spec(("export", "-f", "json"), WHOLE),
    Spec(("export", "-f", "yaml"), WHOLE),
    # The fact base against itself: both states loaded and compared, nothing changed.
    Spec(("diff", FACTS, "-f", "md"), SMALL),
    # Pictures (issue 16): graphs, the timeline chart, TimelineJS and HTML pages.
    Spec(("graph", "-f", "json"), SMALL),
    Spec(("graph", "-f", "mermaid"), SMALL),
    Spec(("graph", "--actor", ACTOR, "-f", "svg"), SMALL),
    Spec(("actor", ACTOR, "-f", "html"), SMALL),
    Spec(("brief", "-f", "html"), SMALL),
    Spec(("timeline", "-f", "svg"), WHOLE),
    Spec(("timeline", "-f", "timelinejs"), WHOLE),
    Spec(("timeline", "-f", "html"), WHOLE),
]
# The after-edit run: this command, with a comment appended to one event file before each run.
EDIT_SPEC = Spec(("timeline", "--actor", ACTOR, "-f", "json"), SMALL)
EDIT_NAME = f"{EDIT_SPEC.name}, after an edit"
# References are repeated after every this many commands of a round.
REFERENCE_EVERY = 8


@dataclass
class Command:
    """One command to time: its argument list, environment and an optional preparation."""

    name: str
    argv: list[str]
    env: dict[str, str]
    before: Callable[[], None] | None = None
    seconds: list[float] = field(default_factory=list)
    maxrss_kib: list[int] = field(default_factory=list)
    background_seconds: list[float] = field(default_factory=list)
    failed: str | None = None

    @property
    def median_ms(self) -> float:
        """The median wall time in milliseconds (NaN when it never ran)."""
        return statistics.median(self.seconds) * 1000 if self.seconds else math.nan

    @property
    def peak_mb(self) -> float:
        """The highest peak RSS of any run, in MB (NaN when it never ran)."""
        return max(self.maxrss_kib) / 1024 if self.maxrss_kib else math.nan

    def raw(self) -> dict[str, Any]:
        """The raw timings, for the JSON results."""
        out: dict[str, Any] = {
            "argv": self.argv,
            "seconds": self.seconds,
            "maxrss_kib": self.maxrss_kib,
            "median_ms": None if math.isnan(self.median_ms) else self.median_ms,
            "peak_mb": None if math.isnan(self.peak_mb) else self.peak_mb,
        }
        if max(self.background_seconds, default=0.0) > 0.01:  # a cache writer ran on
            out["background_seconds"] = self.background_seconds
        if self.failed:
            out["failed"] = self.failed
        return out


# -- running ---------------------------------------------------------------------------------


# Runs one command and prints its wall time, peak RSS (KiB), the seconds its background work
# went on after it answered, and its exit status. Every command runs under this small
# launcher, started afresh each time, for two reasons:
# - a child starts as a copy of the process that forks it, and ``ru_maxrss`` counts that
#   copy: forked from the harness, every command would show at least the harness's memory;
#   forked from this launcher, at least a bare interpreter's (about 10 MB);
# - the launcher adopts orphans (PR_SET_CHILD_SUBREAPER, Linux) and waits for them, untimed:
#   the cache writer that a large first run leaves behind ends before the next run starts,
#   so it neither shares the CPU with that run nor writes into a cache just deleted.
LAUNCHER = r"""
import ctypes, os, signal, sys, time
timeout, out, err, *argv = sys.argv[1:]
try:
    ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)
except (OSError, AttributeError):
    pass
actions = [
    (os.POSIX_SPAWN_OPEN, 1, out or os.devnull, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    (os.POSIX_SPAWN_OPEN, 2, err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
]
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
signal.signal(signal.SIGALRM, lambda *_: os.kill(pid, signal.SIGKILL))
signal.setitimer(signal.ITIMER_REAL, float(timeout))
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
signal.setitimer(signal.ITIMER_REAL, 0)
settled = time.perf_counter()
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
background = time.perf_counter() - settled
print(elapsed, usage.ru_maxrss, background, os.waitstatus_to_exitcode(status))
"""


def launch(
    argv: list[str], env: dict[str, str], timeout: float, out: Path | None = None
) -> tuple[float, int, float]:
    """Run ``argv`` once under the launcher, stdout to ``out`` (else /dev/null): its wall
    time, peak RSS in KiB and background seconds. Raises RuntimeError when it fails."""
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as folder:
        err = Path(folder) / "stderr"
        where = str(out) if out is not None else ""
        done = subprocess.run(
            [PYTHON, "-S", "-c", LAUNCHER, str(timeout), where, str(err), *argv],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"the launcher failed: {done.stderr.strip()}")
        elapsed, kib, background, code = done.stdout.split()
        if int(code) != 0:
            lines = err.read_text(errors="replace").strip().splitlines()
            if float(elapsed) >= timeout:
                why = f"timed out after {timeout:.0f} s"
            else:
                why = f"exit {code}"
            raise RuntimeError(f"{why}: " + " / ".join(lines[-3:]))
    return float(elapsed), int(kib), float(background)


def run_once(command: Command, timeout: float) -> tuple[float, int, float]:
    """Prepare and run the command once: its wall time, peak RSS in KiB and background
    seconds. Raises RuntimeError when it fails."""
    if command.before is not None:
        command.before()
    return launch(command.argv, command.env, timeout)


def attempt(command: Command, timeout: float, timed: bool) -> None:
    """Run the command once unless it already failed; record the run, or the failure."""
    if command.failed:
        return
    try:
        seconds, kib, background = run_once(command, timeout)
    except (RuntimeError, OSError) as error:
        command.failed = str(error)
        print(f"  FAILED {command.name}: {error}", file=sys.stderr)
        return
    if timed:
        command.seconds.append(seconds)
        command.maxrss_kib.append(kib)
        command.background_seconds.append(background)


def interleave(commands: list[Command], references: list[Command]) -> list[Command]:
    """One round: the references, then up to REFERENCE_EVERY commands, and again."""
    order: list[Command] = []
    for i, command in enumerate(commands):
        if i % REFERENCE_EVERY == 0:
            order += references
        order.append(command)
    return order or list(references)


def compare(
    order: list[Command], runs: int, timeout: float, warmup: list[Command] | None = None
) -> None:
    """Run an untimed warm-up (``warmup``, default every command once), then ``runs``
    rounds of ``order``; print each command's median."""
    seen: dict[int, Command] = {id(c): c for c in order}
    for command in warmup if warmup is not None else seen.values():
        attempt(command, timeout, timed=False)
    for _ in range(runs):
        for command in order:
            attempt(command, timeout, timed=True)
    for command in seen.values():
        if command.failed:
            continue
        print(
            f"  {command.name}: {command.median_ms:.0f} ms, peak {command.peak_mb:.0f} MB",
            file=sys.stderr,
        )


def mark(value: float, limit: float) -> str:
    """A figure with a tick when it meets its target (at most ``limit``), else a cross."""
    if math.isnan(value):
        return "n/a"
    return f"{value:.2f} {'✓' if value <= limit else '✗'}"


def number(value: float, digits: int = 0) -> str:
    """A figure, or a dash when it was not measured."""
    return "–" if math.isnan(value) else f"{value:.{digits}f}"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def shown(argv: list[str]) -> str:
    """A command line as a reader would type it from the repository."""
    names = {BRIEFING: "briefing", PYTHON: "python", str(BENCH): "bench"}
    words = []
    for word in argv:
        for long, short in names.items():
            if word == long or word.startswith(long + "/"):
                word = short + word[len(long) :]
        words.append(word)
    return " ".join(words)


def base_env(cache: Path) -> dict[str, str]:
    """This environment, with the cache in ``cache`` and no fact base chosen by variable."""
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_FACTS"}
    env["BRIEFING_CACHE_DIR"] = str(cache)
    return env


# -- start-up --------------------------------------------------------------------------------


def startup(work: Path, runs: int, timeout: float) -> tuple[str, dict[str, Any]]:
    """Time three briefing commands on the bundled facts against the reference app."""
    print("start-up", file=sys.stderr)
    env = base_env(work / "cache-startup")
    commands = [
        Command("actor", [BRIEFING, "actor", "Kazakhstan", "-f", "md"], env),
        Command("timeline", [BRIEFING, "timeline", "-f", "json"], env),
        Command("help", [BRIEFING, "--help"], env),
        Command("reference", [PYTHON, str(BENCH / "reference_app.py")], env),
    ]
    compare(commands, runs, timeout)
    reference = commands[-1].median_ms
    rows = []
    for command in commands:
        ratio = command.median_ms / reference
        if command.failed:
            target = f"failed: {command.failed}"
        elif command.name == "help":
            target = f"≤ {HELP_MS:.0f} ms: {'✓' if command.median_ms <= HELP_MS else '✗'}"
        elif command.name == "reference":
            target = ""
        else:
            target = f"≤ reference: {'✓' if ratio <= 1 else '✗'}"
        rows.append(
            [f"`{shown(command.argv)}`", number(command.median_ms, 1), number(ratio, 2), target]
        )
    text = f"### Start-up (bundled facts, warm cache, median of {runs})\n\n"
    text += table(["command", "median ms", "/ reference", "target"], rows)
    return text, {c.name: c.raw() for c in commands}


# -- the fact bases --------------------------------------------------------------------------


def generator_version() -> str:
    """A digest of the generator: a base made by another version of it is made again."""
    return hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:16]


def facts_for(work: Path, size: int) -> Path:
    """The generated fact base of ``size`` events, made unless its marker says it exists
    (the marker holds the size and the generator's version)."""
    folder = work / f"facts-{size}"
    marker = folder / ".bench-size"
    wanted = f"{size} {generator_version()}"
    if marker.exists() and marker.read_text().strip() == wanted:
        return folder
    print(f"generating {size} events into {folder}", file=sys.stderr)
    shutil.rmtree(folder, ignore_errors=True)
    generate = [PYTHON, str(GENERATOR), "--files", "100", "--out", str(folder)]
    subprocess.run([*generate, "--events", str(size)], check=True)
    marker.write_text(wanted + "\n")
    return folder


# Writes every event of `briefing timeline -f json` (an object) as one JSON array.
TO_ARRAY = (
    "import json, sys; data = json.load(sys.stdin);"
    " events = data['events'] if isinstance(data, dict) else data;"
    " json.dump(events, sys.stdout, ensure_ascii=False, indent=2)"
)


def events_json(
    work: Path, size: int, facts: Path, env: dict[str, str], words: tuple[str, ...] = ()
) -> Path:
    """The events of `briefing timeline WORDS -f json` (every event without words) as one
    JSON array, for jq to read.

    Made by child processes, so that the harness never holds the data."""
    slug = "".join(f"-{re.sub(r'[^A-Za-z0-9]+', '', word)}" for word in words)
    timeline = work / f"timeline{slug}-{size}.json"
    out = work / f"events{slug}-{size}.json"
    argv = [BRIEFING, "timeline", *words, "--facts", str(facts), "-f", "json"]
    launch(argv, env, timeout=3600, out=timeline)
    with timeline.open("rb") as source, out.open("wb") as sink:
        subprocess.run([PYTHON, "-c", TO_ARRAY], stdin=source, stdout=sink, check=True)
    timeline.unlink()
    return out


def run_counts(size: int, runs: int) -> tuple[int, int]:
    """How many cold and warm runs to make: fewer for big fact bases."""
    if size >= 100_000:
        return min(runs, 3), min(runs, 5)
    return min(runs, 5), runs


# -- every command, one size -----------------------------------------------------------------


def selected(specs: list[Spec], patterns: list[str]) -> list[Spec]:
    """The commands whose name contains any of the patterns (all without patterns)."""
    if not patterns:
        return list(specs)
    return [s for s in specs if any(p in s.name for p in patterns)]


def scale(
    work: Path,
    size: int,
    runs: int,
    specs: list[Spec],
    cold: bool,
    edit: bool,
    timeout: float,
) -> dict[str, Any]:
    """Every selected command cold (against the floor) and warm (against jq and start-up),
    and the after-edit run, on the fact base of ``size`` events."""
    print(f"{size:,} events", file=sys.stderr)
    facts = facts_for(work, size)
    cache = work / f"cache-{size}"
    env = base_env(cache)
    cold_runs, warm_runs = run_counts(size, runs)

    def argv(spec: Spec) -> list[str]:
        words = [str(facts) if word == FACTS else word for word in spec.args]
        return [BRIEFING, *words, "--facts", str(facts)]

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    result: dict[str, Any] = {"cold": {}, "warm": {}, "references": {}}
    if cold:
        print(f" cold ({cold_runs} runs; cache deleted before each)", file=sys.stderr)
        colds = [Command(s.name, argv(s), env, before=clear) for s in specs]
        floor = Command("floor", [PYTHON, str(BENCH / "floor.py"), str(facts)], env)
        # Warm-up: the floor reads every file into the page cache; one cold run.
        compare(interleave(colds, [floor]), cold_runs, timeout, warmup=[floor, *colds[:1]])
        result["cold"] = {c.name: c.raw() for c in colds}
        result["references"]["floor"] = floor.raw()

    print(f" warm ({warm_runs} runs; cache filled by the warm-up)", file=sys.stderr)
    warms = [Command(s.name, argv(s), env) for s in specs]
    references = [Command("briefing --version", [BRIEFING, "--version"], env)]
    jq = shutil.which("jq")
    if jq:
        array = events_json(work, size, facts, env)
        references.append(Command("jq select", [jq, JQ_SELECT, str(array)], env))
        references.append(Command("jq .", [jq, JQ_ALL, str(array)], env))
        for words in dict.fromkeys(s.events for s in specs if s.kind == WHOLE and s.events):
            some = events_json(work, size, facts, env, words)
            name = Spec(("timeline",), WHOLE, events=words).reference
            references.append(Command(name, [jq, JQ_ALL, str(some)], env))
    else:
        print("  jq is not installed: skipping the jq comparisons", file=sys.stderr)
    compare(interleave(warms, references), warm_runs, timeout)
    result["warm"] = {c.name: c.raw() for c in warms}
    result["references"].update({c.name: c.raw() for c in references})

    if edit:
        counter = iter(range(1_000_000))

        def edit_one() -> None:
            """Append a comment to one of the 100 event files: content and mtime change."""
            with (facts / EDITED).open("a", encoding="utf-8") as fh:
                fh.write(f"# bench edit {next(counter)}\n")

        print(f" after an edit ({warm_runs} runs)", file=sys.stderr)
        warm = Command(EDIT_SPEC.name, argv(EDIT_SPEC), env)
        edited = Command(EDIT_NAME, argv(EDIT_SPEC), env, before=edit_one)
        compare([warm, edited], warm_runs, timeout)
        result["edit"] = {"warm": warm.raw(), "edited": edited.raw()}
    return result


# -- the tables ------------------------------------------------------------------------------


def median_of(raw: dict[str, Any] | None) -> float:
    """The median ms of one command's raw timings (NaN when not measured or failed)."""
    if not raw or raw.get("failed") or raw.get("median_ms") is None:
        return math.nan
    return float(raw["median_ms"])


def ms(result: dict[str, Any], phase: str, name: str) -> float:
    """A median from the results of one size (NaN when not measured or failed)."""
    return median_of(result.get(phase, {}).get(name))


def peak(result: dict[str, Any], phase: str, name: str) -> float:
    """A peak RSS in MB from the results of one size (NaN when not measured)."""
    raw = result.get(phase, {}).get(name)
    if not raw or raw.get("peak_mb") is None:
        return math.nan
    return float(raw["peak_mb"])


def cell(result: dict[str, Any], phase: str, name: str) -> str:
    """A median for the table: ms, "failed" or a dash when not measured."""
    raw = result.get(phase, {}).get(name)
    if raw and raw.get("failed"):
        return "failed"
    return number(median_of(raw))


def linear_base(sizes: list[int]) -> int | None:
    """The size the largest is compared with: 10k, else the smallest above 1k below it."""
    largest = sizes[-1]
    if 10_000 in sizes and largest > 10_000:
        return 10_000
    above = [s for s in sizes if 1_000 < s < largest]
    return above[0] if above else None


def linear(results: dict[int, dict[str, Any]], name: str) -> float:
    """Warm ms per 1,000 events beyond start-up at the largest size, over the same at the
    base size; start-up is `briefing --version` at the largest size."""
    sizes = sorted(results)
    base = linear_base(sizes)
    if base is None:
        return math.nan
    largest = sizes[-1]
    s = ms(results[largest], "references", "briefing --version")
    top = (ms(results[largest], "warm", name) - s) / largest
    bottom = (ms(results[base], "warm", name) - s) / base
    return top / bottom if bottom > 0 else math.nan


def outcome(results: dict[int, dict[str, Any]], spec: Spec) -> dict[str, float]:
    """The target figures of one command at the largest size."""
    largest = max(results)
    result = results[largest]
    warm = ms(result, "warm", spec.name)
    figures = {"linear": linear(results, spec.name)}
    if spec.reference:
        figures["jq"] = warm / ms(result, "references", spec.reference)
    figures["cold"] = ms(result, "cold", spec.name) / ms(result, "references", "floor")
    figures["peak"] = max(peak(result, "warm", spec.name), peak(result, "cold", spec.name))
    return figures


def failure(result: dict[str, Any], name: str) -> str | None:
    for phase in ("warm", "cold"):
        raw = result.get(phase, {}).get(name)
        if raw and raw.get("failed"):
            return f"{phase}: {raw['failed']}"
    return None


def commands_table(results: dict[int, dict[str, Any]], specs: list[Spec]) -> str:
    """One row per command and size; the targets on each command's largest-size row."""
    sizes = sorted(results)
    largest = sizes[-1]
    rows = []
    for spec in specs:
        figures = outcome(results, spec)
        for size in sizes:
            result = results[size]
            warm_peak = peak(result, "warm", spec.name)
            cold_peak = peak(result, "cold", spec.name)
            row = [
                f"`{spec.name}`",
                f"{size:,}",
                cell(result, "warm", spec.name),
                cell(result, "cold", spec.name),
                f"{number(warm_peak)} / {number(cold_peak)}",
            ]
            if size == largest:
                limit = {SMALL: SMALL_JQ, WHOLE: WHOLE_JQ}.get(spec.kind)
                against = spec.reference
                high = figures["peak"]
                row += [
                    mark(figures["linear"], LINEAR),
                    f"{mark(figures['jq'], limit)} ({against})" if limit else "",
                    mark(figures["cold"], COLD_FLOOR),
                    "n/a" if math.isnan(high) else ("✓" if high <= PEAK_MB else "✗"),
                ]
            else:
                row += ["", "", "", ""]
            rows.append(row)
    header = ["command", "events", "warm ms", "cold ms", "peak MB warm / cold"]
    header += ["linear", "warm / jq", "cold / floor", f"peak ≤ {PEAK_MB:.0f}"]
    base = linear_base(sizes)
    text = "### Every command (`briefing COMMAND --facts DIR`, 100 files, medians)\n\n"
    text += table(header, rows)
    text += (
        f"\n\nTargets, at {largest:,} events: *linear* is the warm ms per 1,000 events beyond"
        f" start-up (`briefing --version` at {largest:,})"
    )
    text += (
        f" over the same at {base:,}, ≤ {LINEAR};"
        if base
        else " over the same at 10k, or the smallest size above 1k below the largest"
        " (none was run: n/a);"
    )
    text += (
        f" *warm / jq* is ≤ {SMALL_JQ} × `jq '{JQ_SELECT}'` for small outputs and"
        f" ≤ {WHOLE_JQ} × `jq .` for whole ones, on every event as one JSON array"
        " (a whole output of some events: `jq .` on those events, named in the row);"
        f" *cold / floor* ≤ {COLD_FLOOR} (`python bench/floor.py DIR`);"
        f" peak RSS ≤ {PEAK_MB:.0f} MB, warm and cold."
    )
    return text


def references_table(results: dict[int, dict[str, Any]]) -> str:
    """The references and the after-edit run, one row per size."""
    rows = []
    for size in sorted(results):
        result = results[size]
        row = [f"{size:,}"]
        for name in ("floor", "jq select", "jq .", "briefing --version"):
            row.append(
                f"{number(ms(result, 'references', name))}"
                f" ({number(peak(result, 'references', name))} MB)"
            )
        edit = result.get("edit")
        if edit:
            warm, edited = median_of(edit["warm"]), median_of(edit["edited"])
            row += [number(warm), number(edited), mark(edited / warm, EDIT_WARM)]
        else:
            row += ["", "", ""]
        rows.append(row)
    header = ["events", "floor ms (peak)", "jq select ms (peak)", "jq . ms (peak)"]
    header += ["`--version` ms (peak)", f"`{EDIT_SPEC.name}` warm ms", "after edit ms"]
    header += [f"edit / warm ≤ {EDIT_WARM}"]
    text = "### References and the after-edit run (medians, same runs as above)\n\n"
    return text + table(header, rows)


def summary(results: dict[int, dict[str, Any]], specs: list[Spec]) -> str:
    """How many commands meet each target at the largest size."""
    counts: dict[str, list[int]] = {}

    def count(target: str, value: float, limit: float) -> None:
        tally = counts.setdefault(target, [0, 0])
        if not math.isnan(value):
            tally[0] += value <= limit
            tally[1] += 1

    for spec in specs:
        figures = outcome(results, spec)
        count("linear", figures["linear"], LINEAR)
        if spec.kind == SMALL:
            count(f"small outputs ≤ {SMALL_JQ} × jq select", figures["jq"], SMALL_JQ)
        elif spec.kind == WHOLE:
            count(f"whole outputs ≤ {WHOLE_JQ} × jq .", figures["jq"], WHOLE_JQ)
        count(f"cold ≤ {COLD_FLOOR} × floor", figures["cold"], COLD_FLOOR)
        count(f"peak ≤ {PEAK_MB:.0f} MB", figures["peak"], PEAK_MB)
    failed = [
        f"`{spec.name}` at {size:,} ({why})"
        for spec in specs
        for size, result in sorted(results.items())
        if (why := failure(result, spec.name))
    ]
    parts = [f"{name}: {met}/{of}" if of else f"{name}: n/a" for name, (met, of) in counts.items()]
    text = f"Met at {max(results):,} events (of the commands measured): " + "; ".join(parts) + "."
    if failed:
        text += "\n\nFailed: " + "; ".join(failed) + "."
    return text


# -- the machine -----------------------------------------------------------------------------


def proc_field(path: str, key: str) -> str:
    """The first ``key: value`` line's value in a /proc file, or "unknown"."""
    try:
        for line in Path(path).read_text().splitlines():
            name, _, value = line.partition(":")
            if name.strip() == key:
                return value.strip()
    except OSError:
        pass
    return "unknown"


def machine() -> dict[str, str]:
    """What the benchmark ran on: platform, CPU, memory and the library versions."""
    pyyaml = subprocess.run(
        [PYTHON, "-c", "import yaml; print(yaml.__version__, yaml.__with_libyaml__)"],
        capture_output=True,
        text=True,
    ).stdout.split()
    libyaml = "yes" if pyyaml[1:] == ["True"] else "no"
    memory = proc_field("/proc/meminfo", "MemTotal")
    if memory.endswith(" kB"):
        memory = f"{int(memory[:-3]) / 1024**2:.1f} GiB"
    jq = shutil.which("jq")
    if jq:
        version = subprocess.run([jq, "--version"], capture_output=True, text=True).stdout
        jq = f"{version.strip()} ({jq})"
    return {
        "platform": platform.platform(),
        "cpu": proc_field("/proc/cpuinfo", "model name"),
        "cpu count": str(os.cpu_count()),
        "memory": memory,
        "python": platform.python_version(),
        "pyyaml": f"{pyyaml[0] if pyyaml else 'not found'} (libyaml: {libyaml})",
        "typer": metadata.version("typer"),
        "rich": metadata.version("rich"),
        "jq": jq or "not installed",
    }


# -- main ------------------------------------------------------------------------------------


def main() -> None:
    """Parse the arguments, run every section, print the tables and save the raw timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="event counts, comma-separated"
    )
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command")
    parser.add_argument("--out", type=Path, default=BENCH / "results.json")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench"))
    parser.add_argument(
        "--commands",
        default="",
        help="only the commands whose name contains one of these comma-separated substrings"
        " (see --list); the references always run",
    )
    parser.add_argument("--no-cold", action="store_true", help="skip the cold runs")
    parser.add_argument(
        "--timeout", type=float, default=600, help="seconds before one run counts as failed"
    )
    parser.add_argument("--list", action="store_true", help="print the command names and stop")
    args = parser.parse_args()
    if args.list:
        for spec in COMMANDS:
            print(f"{spec.name}  ({spec.kind})")
        print(f"{EDIT_NAME}  (after-edit run)")
        return
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    patterns = [p.strip() for p in args.commands.split(",") if p.strip()]
    specs = selected(COMMANDS, patterns)
    edit = not patterns or any(p in EDIT_NAME for p in patterns)
    if not specs and not edit:
        parser.error(f"no command matches --commands {args.commands!r} (see --list)")
    args.work.mkdir(parents=True, exist_ok=True)

    about = machine()
    # An installed package has its bytecode compiled; a checkout may not (and with
    # PYTHONDONTWRITEBYTECODE it never would be), which would charge compiling to start-up.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(BENCH.parent / "briefing")], check=True)
    startup_text, startup_raw = startup(args.work, args.runs, args.timeout)
    results = {
        size: scale(args.work, size, args.runs, specs, not args.no_cold, edit, args.timeout)
        for size in sizes
    }

    print(startup_text, end="\n\n")
    if results and specs:
        print(commands_table(results, specs), end="\n\n")
        print(summary(results, specs), end="\n\n")
    if results:
        print(references_table(results), end="\n\n")
    print("### Machine\n")
    print(table(["", ""], [[k, v] for k, v in about.items()]))

    raw = {
        "machine": about,
        "runs": args.runs,
        "generator": generator_version(),
        "startup": startup_raw,
        "sizes": {str(size): result for size, result in results.items()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")
    print(f"\nraw timings saved to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
