"""Generate a realistic synthetic fact base of N events spread over many files.

    python bench/generate.py --events 100000 --files 100 --out /tmp/facts-100k

The other collections grow with the events, as a curated fact base's do: at 100,000 events
there are 4,000 actors (with aliases, some with roles and attributes), 500 sources, 2,000
positions, 1,000 relations, 500 judgments and one brief. Every generated fact base passes
`briefing check` without a problem: the ids, references and dates are all valid, and the
dates use the forms curators write. The same arguments give the same files (seeded).

Ids the benchmark relies on: `actor-7`, `topic-3`, `src-0`, `event-0`, `judgment-0` and
the brief `bench` exist at every size, and the place name `SEARCH_WORD` appears in some
events' summaries (about one event in 400), so `briefing search` has a few hits to show.
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
# Places named in some events (`place:` and in the summary). No name is part of another,
# nor of any word above, so searching for one finds only its own events.
PLACES = [
    "Aktau", "Atyrau", "Baikonur", "Balkhash", "Karaganda", "Kostanay", "Kyzylorda",
    "Pavlodar", "Petropavl", "Semey", "Shymkent", "Taraz", "Turkestan", "Zhezkazgan",
    "Ekibastuz", "Temirtau", "Oskemen", "Almaty", "Astana", "Aktobe", "Oral", "Taldykorgan",
    "Bishkek", "Osh", "Jalal-Abad", "Karakol", "Naryn", "Talas", "Batken", "Tokmok",
    "Dushanbe", "Khujand", "Kulob", "Bokhtar", "Khorog", "Istaravshan", "Tashkent",
    "Samarkand", "Bukhara", "Namangan", "Andijan", "Fergana", "Nukus", "Termez", "Navoiy",
    "Ashgabat", "Turkmenbashi", "Dashoguz", "Mary", "Balkanabat", "Baku", "Tbilisi",
    "Yerevan", "Ganja", "Batumi", "Kutaisi", "Gyumri", "Sumqayit", "Lankaran", "Poti",
]  # fmt: skip
SEARCH_WORD = "Aktau"
KINDS = ["state", "person", "organisation", "armed group", "company", "government body"]
STANCES = ["proposes", "supports", "complies", "balances", "opposes", "refuses"]
RELATIONS = ["borders", "member-of", "leads", "pressures", "depends-on", "allied-with"]
ROLES = ["President", "Director", "Minister", "Commander", "Chair", "Envoy"]
ATTRIBUTES = ["capital", "leader", "headquarters", "currency"]
SOURCE_KINDS = ["news", "news", "news", "analysis", "report", "official statement", "opinion"]
JUDGMENT_KINDS = ["assessment", "assessment", "forecast", "recommendation"]
LIKELIHOODS = [
    "almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely",
    "very likely", "almost certain",
]  # fmt: skip
CONFIDENCES = ["low", "moderate", "high"]
N_TOPICS = 30
BRIEF_ACTORS = [7, 1, 2, 3, 4]
BRIEF_TOPICS = [3, 1, 2]


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


def sizes(events: int) -> dict[str, int]:
    """How many of each kind of fact a base of ``events`` events holds."""
    return {
        "actors": max(20, min(5000, events // 25)),
        "sources": max(50, min(1000, events // 200)),
        "positions": max(10, events // 50),
        "relations": max(10, events // 100),
        "judgments": max(5, events // 200),
    }


def generate(out: Path, events: int, files: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    counts = sizes(events)
    n_actors, n_sources = counts["actors"], counts["sources"]

    lines = ["sources:"]
    for s in range(n_sources):
        lines += [
            f"  - id: src-{s}",
            f"    title: {q(sentence(rng, 6))}",
            f"    publisher: {q(sentence(rng, 2))}",
            f"    author: {q(sentence(rng, 2))}",
            f"    published: 2024-{s % 12 + 1:02d}-{s % 28 + 1:02d}",
            f"    kind: {SOURCE_KINDS[s % len(SOURCE_KINDS)]}",
            f"    reliability: {'ABCDEF'[s % 6]}",
            "    reliability_reason: Synthetic source for benchmarks.",
        ]
        if s % 3 == 0:
            lines.append(f"    url: https://news.example/{s}")
    write(out / "sources.yaml", "\n".join(lines) + "\n")

    lines = ["topics:"]
    for t in range(N_TOPICS):
        lines += [f"  - id: topic-{t}", f"    name: {q(sentence(rng, 2))}"]
        if t % 5 == 0:
            lines.append(f"    description: {q(sentence(rng, 10))}")
    write(out / "topics.yaml", "\n".join(lines) + "\n")

    def cite(indent: str, most: int = 1) -> list[str]:
        """A `sources:` list of 1 to ``most`` citations (one in five gets a second)."""
        n = 2 if most > 1 and rng.random() < 0.2 else 1
        out = [f"{indent}sources:"]
        for _ in range(n):
            out += [
                f"{indent}  - source: src-{rng.randrange(n_sources)}",
                f"{indent}    quote: {q(sentence(rng, 12))}",
            ]
        return out

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
            start = rng.randint(2010, 2020)
            lines += [
                "    roles:",
                f"      - title: {rng.choice(ROLES)}",
                f"        of: actor-{(a + 1) % n_actors}",
                f"        from: {start}",
                *cite("        "),
            ]
            if a % 20 == 0:
                lines += [
                    f"      - title: {rng.choice(ROLES)}",
                    f"        of: actor-{(a + 2) % n_actors}",
                    f"        from: {start - 5}",
                    f"        until: {start - 1}",
                    *cite("        "),
                ]
        if a % 15 == 0:
            lines += [
                "    attributes:",
                f"      - name: {rng.choice(ATTRIBUTES)}",
                f"        value: {q(rng.choice(PLACES))}",
                f"        from: {rng.randint(2000, 2020)}-{rng.randint(1, 12):02d}",
                *cite("        "),
            ]
        lines += cite("    ")
    write(out / "actors.yaml", "\n".join(lines) + "\n")

    per_file = -(-events // files)
    for f in range(files):
        lines = ["events:"]
        for e in range(f * per_file, min(events, (f + 1) * per_file)):
            involved = rng.sample(range(n_actors), rng.randint(2, 4))
            place = rng.choice(PLACES) if rng.random() < 0.15 else None
            summary = sentence(rng, 40)
            if place is not None:
                summary += f" near {place}"
            if e > 0 and rng.random() < 0.01:
                # A date worked out from an earlier event, as the source gives it.
                date = f'{{after: event-{rng.randrange(e)}, offset: 1 day, text: "a day later"}}'
            else:
                date = a_date(rng)
            lines += [
                f"  - id: event-{e}",
                f"    date: {date}",
                f"    title: {q(sentence(rng, 7))}",
                f"    summary: {q(summary)}",
                f"    actors: [{', '.join(f'actor-{i}' for i in involved)}]",
                f"    topics: [topic-{rng.randrange(N_TOPICS)}]",
            ]
            if place is not None:
                lines.append(f"    place: {place}")
            lines += cite("    ", most=2)
        write(out / "events" / f"events-{f:03d}.yaml", "\n".join(lines) + "\n")

    lines = ["positions:"]
    for p in range(counts["positions"]):
        lines += [
            f"  - id: position-{p}",
            f"    actor: actor-{rng.randrange(n_actors)}",
            f"    topic: topic-{rng.randrange(N_TOPICS)}",
            f"    stance: {rng.choice(STANCES)}",
            f"    statement: {q(sentence(rng, 12))}",
            f"    date: {a_date(rng)}",
            *cite("    ", most=2),
        ]
    write(out / "positions.yaml", "\n".join(lines) + "\n")

    lines = ["relations:"]
    for r in range(counts["relations"]):
        subject, obj = rng.sample(range(n_actors), 2)
        lines += [
            f"  - id: relation-{r}",
            f"    subject: actor-{subject}",
            f"    type: {rng.choice(RELATIONS)}",
            f"    object: actor-{obj}",
            f"    summary: {q(sentence(rng, 10))}",
        ]
        if r % 3 == 0:
            start = rng.randint(2005, 2020)
            lines.append(f"    from: {start}")
            if r % 6 == 0:
                lines.append(f"    until: {start + rng.randint(1, 4)}")
        lines += cite("    ")
    write(out / "relations.yaml", "\n".join(lines) + "\n")

    lines = ["judgments:"]
    for j in range(counts["judgments"]):
        by = rng.choice(["author", "author", "curator", f"actor-{rng.randrange(n_actors)}"])
        kind = rng.choice(JUDGMENT_KINDS)
        involved = rng.sample(range(n_actors), rng.randint(1, 3))
        if j < 3:  # the brief's judgments concern its actors
            involved = [BRIEF_ACTORS[j], *involved[:1]]
        rests_on = [f"event-{rng.randrange(events)}" for _ in range(rng.randint(1, 3))]
        if j > 0 and rng.random() < 0.3:
            rests_on.append(f"judgment-{rng.randrange(j)}")  # earlier ones only: no cycle
        lines += [
            f"  - id: judgment-{j}",
            f"    statement: {q(sentence(rng, 20))}",
            f"    by: {by}",
        ]
        if kind != "assessment":
            lines.append(f"    kind: {kind}")
        if rng.random() < 0.8:
            lines.append(f"    likelihood: {rng.choice(LIKELIHOODS)}")
            lines.append(f"    confidence: {rng.choice(CONFIDENCES)}")
        lines += [
            f"    rests_on: [{', '.join(dict.fromkeys(rests_on))}]",
            f"    actors: [{', '.join(f'actor-{i}' for i in dict.fromkeys(involved))}]",
            f"    topics: [topic-{rng.randrange(N_TOPICS)}]",
        ]
        if by != "curator":
            lines += cite("    ", most=2)
    write(out / "judgments.yaml", "\n".join(lines) + "\n")

    # One brief, on a few actors and topics; everything else (as-of date, window, the
    # judgments and sections) is left to the defaults.
    lines = [
        "briefs:",
        "  - id: bench",
        f"    title: {q('Synthetic brief for benchmarks')}",
        f"    actors: [{', '.join(f'actor-{a}' for a in BRIEF_ACTORS)}]",
        f"    topics: [{', '.join(f'topic-{t}' for t in BRIEF_TOPICS)}]",
        "    bottom_line:",
        f"      - text: {q(sentence(rng, 25))}",
        "        rests_on: [judgment-0, judgment-1, event-0]",
    ]
    write(out / "briefs.yaml", "\n".join(lines) + "\n")


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
