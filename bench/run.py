"""Benchmark briefing: start-up, then cold, warm and after-edit runs on generated fact bases.

    python bench/run.py [--sizes 1000,10000,100000] [--runs 15] [--out bench/results.json]
                        [--work /tmp/briefing-bench]

Whole processes are timed. Commands being compared run interleaved (A, B, A, B, ...) after
one warm-up round, so machine noise hits them equally; medians are reported, with each
child's peak memory from ``os.wait4``. Everything runs with this Python and the `briefing`
next to it. Prints Markdown tables (for bench/RESULTS.md) and saves raw timings as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
BRIEFING = str(Path(sys.executable).parent / "briefing")
ACTOR = "actor-7"
EDITED = Path("events") / "events-050.yaml"
JQ_FILTER = f'{{events: [.events[] | select(.actors | index("{ACTOR}"))]}}'

# Targets: a ratio or figure passes when it is at most its limit.
HELP_MS = 80.0
COLD_FLOOR = 1.25
WARM_JQ = 0.5
EDIT_WARM = 1.5
PEAK_MB_100K = 600.0
PER_1K_SPREAD = 1.5


@dataclass
class Command:
    """One command to time: its argument list, environment and an optional preparation."""

    name: str
    argv: list[str]
    env: dict[str, str]
    before: Callable[[], None] | None = None
    seconds: list[float] = field(default_factory=list)
    maxrss_kib: list[int] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        """The median wall time in milliseconds."""
        return statistics.median(self.seconds) * 1000

    def raw(self) -> dict[str, Any]:
        """The raw timings, for the JSON results."""
        return {"argv": self.argv, "seconds": self.seconds, "maxrss_kib": self.maxrss_kib}


def run_once(command: Command) -> tuple[float, int]:
    """Run the command once (stdout to /dev/null): its wall time and peak RSS in KiB."""
    if command.before is not None:
        command.before()
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command.argv, env=command.env, stdout=subprocess.DEVNULL, stderr=err
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            message = err.read().decode(errors="replace")
            raise SystemExit(f"{command.name} failed ({proc.returncode}):\n{message}")
    return elapsed, usage.ru_maxrss


def compare(commands: list[Command], runs: int) -> None:
    """Run one untimed warm-up round, then ``runs`` interleaved rounds of all the commands."""
    for command in commands:
        run_once(command)
    for _ in range(runs):
        for command in commands:
            seconds, kib = run_once(command)
            command.seconds.append(seconds)
            command.maxrss_kib.append(kib)
    print("  " + ", ".join(f"{c.name} {c.median_ms:.0f} ms" for c in commands), file=sys.stderr)


def mark(value: float, limit: float) -> str:
    """A figure with a tick when it meets its target (at most ``limit``), else a cross."""
    return f"{value:.2f} {'✓' if value <= limit else '✗'}"


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


def startup(work: Path, runs: int) -> tuple[str, dict[str, Any]]:
    """Time three briefing commands on the bundled facts against the reference app."""
    print("start-up", file=sys.stderr)
    env = base_env(work / "cache-startup")
    commands = [
        Command("actor", [BRIEFING, "actor", "Kazakhstan", "-f", "md"], env),
        Command("timeline", [BRIEFING, "timeline", "-f", "json"], env),
        Command("help", [BRIEFING, "--help"], env),
        Command("reference", [PYTHON, str(BENCH / "reference_app.py")], env),
    ]
    compare(commands, runs)
    reference = commands[-1].median_ms
    rows = []
    for command in commands:
        ratio = command.median_ms / reference
        if command.name == "help":
            target = f"≤ {HELP_MS:.0f} ms: {'✓' if command.median_ms <= HELP_MS else '✗'}"
        elif command.name == "reference":
            target = ""
        else:
            target = f"≤ reference: {'✓' if ratio <= 1 else '✗'}"
        rows.append(
            [
                f"`{shown(command.argv)}`",
                f"{command.median_ms:.1f}",
                f"{ratio:.2f}",
                target,
            ]
        )
    text = f"### Start-up (bundled facts, warm cache, median of {runs})\n\n"
    text += table(["command", "median ms", "/ reference", "target"], rows)
    return text, {c.name: c.raw() for c in commands}


# -- scaling ---------------------------------------------------------------------------------


def facts_for(work: Path, size: int) -> Path:
    """The generated fact base of ``size`` events, made unless its marker says it exists."""
    folder = work / f"facts-{size}"
    marker = folder / ".bench-size"
    if marker.exists() and marker.read_text().strip() == str(size):
        return folder
    print(f"generating {size} events into {folder}", file=sys.stderr)
    shutil.rmtree(folder, ignore_errors=True)
    generate = [PYTHON, str(BENCH / "generate.py"), "--files", "100", "--out", str(folder)]
    subprocess.run([*generate, "--events", str(size)], check=True)
    marker.write_text(f"{size}\n")
    return folder


def run_counts(size: int, runs: int) -> tuple[int, int]:
    """How many cold and warm runs to make: fewer for big fact bases."""
    cold = min(runs, 5)
    warm = min(runs, 7) if size >= 100_000 else runs
    return cold, warm


def scale(work: Path, size: int, runs: int) -> dict[str, Any]:
    """Cold against the floor, warm against jq, and after one edit, for one size."""
    print(f"{size} events", file=sys.stderr)
    facts = facts_for(work, size)
    cache = work / f"cache-{size}"
    env = base_env(cache)
    argv = [BRIEFING, "timeline", "--facts", str(facts), "--actor", ACTOR, "-f", "json"]
    cold_runs, warm_runs = run_counts(size, runs)

    cold = Command("cold", argv, env, before=lambda: shutil.rmtree(cache, ignore_errors=True))
    floor = Command("floor", [PYTHON, str(BENCH / "floor.py"), str(facts)], env)
    compare([cold, floor], cold_runs)

    warm = Command("warm", argv, env)
    commands = [warm]
    jq = shutil.which("jq")
    if jq:
        exported = work / f"facts-{size}.json"
        with exported.open("wb") as out:
            subprocess.run(
                [BRIEFING, "export", "--facts", str(facts), "-f", "json"],
                env=env,
                stdout=out,
                check=True,
            )
        commands.append(Command("jq", [jq, JQ_FILTER, str(exported)], env))
    else:
        print("  jq is not installed: skipping the jq comparison", file=sys.stderr)
    compare(commands, warm_runs)

    counter = iter(range(1_000_000))

    def edit() -> None:
        """Append a comment to one of the 100 event files: content and mtime change."""
        with (facts / EDITED).open("a", encoding="utf-8") as fh:
            fh.write(f"# bench edit {next(counter)}\n")

    edited = Command("edit", argv, env, before=edit)
    compare([edited], warm_runs)

    result: dict[str, Any] = {c.name: c.raw() for c in [cold, floor, *commands, edited]}
    result["median_ms"] = {c.name: c.median_ms for c in [cold, floor, *commands, edited]}
    result["cold_peak_mb"] = max(cold.maxrss_kib) / 1024
    result["warm_per_1k_ms"] = warm.median_ms / (size / 1000)
    return result


def scaling_table(results: dict[int, dict[str, Any]]) -> str:
    """The Markdown table of the scaling runs, one row per size, with the targets below."""
    rows = []
    for size, result in results.items():
        ms = result["median_ms"]
        peak = result["cold_peak_mb"]
        has_jq = "jq" in ms
        rows.append(
            [
                f"{size:,}",
                f"{ms['cold']:.0f}",
                f"{ms['floor']:.0f}",
                mark(ms["cold"] / ms["floor"], COLD_FLOOR),
                f"{ms['warm']:.0f}",
                f"{ms['jq']:.0f}" if has_jq else "no jq",
                mark(ms["warm"] / ms["jq"], WARM_JQ) if has_jq else "",
                f"{ms['edit']:.0f}",
                mark(ms["edit"] / ms["warm"], EDIT_WARM),
                f"{result['warm_per_1k_ms']:.2f}",
                f"{peak:.0f}"
                + (f" {'✓' if peak <= PEAK_MB_100K else '✗'}" if size >= 100_000 else ""),
            ]
        )
    header = ["events", "cold ms", "floor ms", "cold/floor", "warm ms", "jq ms", "warm/jq"]
    header += ["after edit ms", "edit/warm", "warm ms per 1k", "peak MB (cold)"]
    text = f"### Scaling (`briefing timeline --actor {ACTOR} -f json`, 100 files, medians)\n\n"
    text += table(header, rows)
    sizes = sorted(results)
    per_1k = {size: results[size]["warm_per_1k_ms"] for size in sizes}
    # Linear means the cost of 1,000 events does not grow with the fact base: the largest
    # size's figure over the smallest's. Start-up makes small sizes dear per event, so the
    # marginal cost (beyond the smallest size) is shown as well.
    growth = per_1k[sizes[-1]] / per_1k[sizes[0]]
    text += (
        f"\n\nTargets: cold/floor ≤ {COLD_FLOOR}, warm/jq ≤ {WARM_JQ}, edit/warm ≤ {EDIT_WARM},"
        f" peak ≤ {PEAK_MB_100K:.0f} MB at 100k."
        f" Warm ms per 1k events at {sizes[-1]:,} over that at {sizes[0]:,}:"
        f" {mark(growth, PER_1K_SPREAD)} (target ≤ {PER_1K_SPREAD})."
    )
    smallest = results[sizes[0]]["median_ms"]["warm"]
    marginal = []
    for size in sizes[1:]:
        extra = results[size]["median_ms"]["warm"] - smallest
        marginal.append(f"{size:,}: {extra / (size - sizes[0]) * 1000:.2f}")
    if marginal:
        text += f" Marginal warm ms per 1k events beyond {sizes[0]:,}: " + ", ".join(marginal) + "."
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
    import yaml

    memory = proc_field("/proc/meminfo", "MemTotal")
    if memory.endswith(" kB"):
        memory = f"{int(memory[:-3]) / 1024**2:.1f} GiB"
    return {
        "platform": platform.platform(),
        "cpu": proc_field("/proc/cpuinfo", "model name"),
        "cpu count": str(os.cpu_count()),
        "memory": memory,
        "python": platform.python_version(),
        "pyyaml": f"{yaml.__version__} (libyaml: {'yes' if yaml.__with_libyaml__ else 'no'})",
        "typer": metadata.version("typer"),
        "rich": metadata.version("rich"),
        "jq": shutil.which("jq") or "not installed",
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
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.work.mkdir(parents=True, exist_ok=True)

    about = machine()
    # An installed package has its bytecode compiled; a checkout may not (and with
    # PYTHONDONTWRITEBYTECODE it never would be), which would charge compiling to start-up.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(BENCH.parent / "briefing")], check=True)
    startup_text, startup_raw = startup(args.work, args.runs)
    scaling = {size: scale(args.work, size, args.runs) for size in sizes}

    print(startup_text, end="\n\n")
    if scaling:
        print(scaling_table(scaling), end="\n\n")
    print("### Machine\n")
    print(table(["", ""], [[k, v] for k, v in about.items()]))

    raw = {
        "machine": about,
        "runs": args.runs,
        "startup": startup_raw,
        "sizes": {str(size): result for size, result in scaling.items()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")
    print(f"\nraw timings saved to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
