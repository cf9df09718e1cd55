"""Generate a realistic synthetic fact base of N events spread over many files.

    python bench/generate.py --events 100000 --files 100 --out /tmp/facts-100k

Every generated fact base passes `briefing check`: the ids, references and dates are
all valid, and the dates use the forms curators write.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
WORDS = [
    "ministry", "border", "pipeline", "talks", "sanctions", "election", "militia", "convoy",
    "ceasefire", "port", "grain", "tariff", "drone", "summit", "corridor", "refinery",
    "protest", "court", "minister", "envoy", "treaty", "garrison", "shelling", "exports",
    "reservoir", "bridge", "airport", "railway", "customs", "parliament", "cabinet", "decree",
]  # fmt: skip
KINDS = ["state", "person", "organisation", "armed group", "company", "government body"]
STANCES = ["proposes", "supports", "complies", "balances", "opposes", "refuses"]
RELATIONS = ["borders", "member-of", "leads", "pressures", "depends-on", "allied-with"]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def a_date(rng: random.Random) -> str:
    """A date in one of the forms curators write, weighted towards exact days."""
    year = rng.randint(2015, 2024)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    form = rng.random()
    if form < 0.55:
        return f"{year}-{month:02d}-{day:02d}"
    if form < 0.65:
        return f"{year}-{month:02d}"
    if form < 0.72:
        return f"{day} {MONTHS[month - 1]} {year}"
    if form < 0.80:
        return f"{rng.choice(['early', 'mid', 'late'])} {MONTHS[month - 1]} {year}"
    if form < 0.84:
        return f"{rng.choice(['spring', 'summer', 'autumn'])} {year}"
    if form < 0.88:
        return f"{year}"
    if form < 0.92:
        return f"{year}/{year + 1}"
    if form < 0.96:
        return f"circa {year}"
    return f"{{from: {year}-{month:02d}, until: {year + 1}-{month:02d}}}"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(out: Path, events: int, files: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    n_sources = 50
    n_topics = 30
    n_actors = max(20, min(2000, events // 50))
    lines = ["sources:"]
    for s in range(n_sources):
        lines += [
            f"  - id: src-{s}",
            f"    title: {q(sentence(rng, 6))}",
            f"    publisher: {q(sentence(rng, 2))}",
            f"    author: {q(sentence(rng, 2))}",
            f"    published: 2024-{s % 12 + 1:02d}-{s % 28 + 1:02d}",
            "    kind: news",
            f"    reliability: {'ABCDEF'[s % 6]}",
            "    reliability_reason: Synthetic source for benchmarks.",
        ]
    write(out / "sources.yaml", "\n".join(lines) + "\n")
    lines = ["topics:"]
    for t in range(n_topics):
        lines += [f"  - id: topic-{t}", f"    name: {q(sentence(rng, 2))}"]
    write(out / "topics.yaml", "\n".join(lines) + "\n")

    def cite(indent: str) -> list[str]:
        return [
            f"{indent}sources:",
            f"{indent}  - source: src-{rng.randrange(n_sources)}",
            f"{indent}    quote: {q(sentence(rng, 12))}",
        ]

    lines = ["actors:"]
    for a in range(n_actors):
        lines += [
            f"  - id: actor-{a}",
            f"    name: {q(f'Actor {a} ' + sentence(rng, 1))}",
            f"    kind: {KINDS[a % len(KINDS)]}",
            f"    aliases: [{q(f'A{a}')}, {q(f'Alias {a}')}]",
            f"    description: {q(sentence(rng, 15))}",
        ]
        if a % 10 == 0:
            lines += [
                "    roles:",
                "      - title: Director",
                f"        of: actor-{(a + 1) % n_actors}",
                f"        from: {rng.randint(2010, 2020)}",
                *cite("        "),
            ]
        lines += cite("    ")
    write(out / "actors.yaml", "\n".join(lines) + "\n")

    per_file = -(-events // files)
    for f in range(files):
        lines = ["events:"]
        for e in range(f * per_file, min(events, (f + 1) * per_file)):
            involved = rng.sample(range(n_actors), rng.randint(2, 4))
            lines += [
                f"  - id: event-{e}",
                f"    date: {a_date(rng)}",
                f"    title: {q(sentence(rng, 7))}",
                f"    summary: {q(sentence(rng, 40))}",
                f"    actors: [{', '.join(f'actor-{i}' for i in involved)}]",
                f"    topics: [topic-{rng.randrange(n_topics)}]",
                *cite("    "),
            ]
        write(out / "events" / f"events-{f:03d}.yaml", "\n".join(lines) + "\n")

    lines = ["positions:"]
    for p in range(max(10, events // 100)):
        lines += [
            f"  - id: position-{p}",
            f"    actor: actor-{rng.randrange(n_actors)}",
            f"    topic: topic-{rng.randrange(n_topics)}",
            f"    stance: {rng.choice(STANCES)}",
            f"    statement: {q(sentence(rng, 12))}",
            f"    date: {a_date(rng)}",
            *cite("    "),
        ]
    lines.append("relations:")
    for r in range(max(10, events // 200)):
        subject, obj = rng.sample(range(n_actors), 2)
        lines += [
            f"  - id: relation-{r}",
            f"    subject: actor-{subject}",
            f"    type: {rng.choice(RELATIONS)}",
            f"    object: actor-{obj}",
            *cite("    "),
        ]
    write(out / "positions.yaml", "\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.out, args.events, args.files, args.seed)


if __name__ == "__main__":
    main()
