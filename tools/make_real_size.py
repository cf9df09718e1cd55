"""Write tests/fixtures/real-size: a made-up fact base of 520 events shaped like real data.

It imitates what users bring (dated social-media posts about a war, a hand-made base on
another topic) in the forms those sources use: numeric dates with times, weekdays, day
ranges, halves, decades, years BC, split-year winters, places with coordinates, untitled
sources, actors without citations, the curator's own `x-` fields, open stances and ICD 203
synonyms. Everything in it is invented (Ruritania, Borduria): it is test data, not facts.

    .venv/bin/python tools/make_real_size.py    # rewrites the fixture; review the diff
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "real-size"
EVENTS = 520
ACCOUNTS = 40
MONTHS = "January February March April May June July August September October November December"
PLACES = [
    ("Strelsau", "RU", 50.1, 14.4),
    ("Zenda", "RU", 49.8, 13.9),
    ("Szohôd", "BO", 47.5, 19.0),
    ("Klow", "BO", 46.9, 18.2),
    ("Hentzau", "RU", 50.4, 15.1),
]
TOPICS = [("front", "The front line"), ("grain", "Grain exports"), ("gas", "Gas transit")]
STANCES = ["supports", "opposes", "neutral", "undecided", "ambiguous", "investigating"]


def forms(n: int) -> str:
    """The n-th event's date, in one of the forms real sources write."""
    month, day = 1 + n % 12, 1 + n % 27
    hour, minute = n % 24, (7 * n) % 60
    year = 2022 + n % 2
    name = MONTHS.split()[month - 1]
    choice = n % 12
    if choice < 5:  # the posts' own form: month-first numbers and a time
        return f"{month}/{day}/{year} {hour:02d}:{minute:02d}"
    if choice == 5:
        return f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}Z"
    if choice == 6:
        return f"{day} {name} {year}, {hour:02d}:{minute:02d}"
    if choice == 7:
        return f"{day} to {day + 1} {name} {year}"
    if choice == 8:
        return f"end of {name} {year}"
    if choice == 9:
        return f"H{1 + n % 2} {year}"
    if choice == 10:
        return f"winter {year}/{(year + 1) % 100:02d}"
    return f"circa {day} {name} {year}"


def build() -> dict[str, dict[str, Any]]:
    sources: list[dict[str, Any]] = [
        {
            "id": f"post-{n}",
            "author": f"@account_{n % ACCOUNTS}",
            "publisher": "Mastodon",
            "published": f"2023-01-{1 + n % 28:02d}",
            "url": f"https://social.example/@account_{n % ACCOUNTS}/{n}",
            "kind": "other",
            **({"reliability": "C"} if n % 10 else {}),  # some left ungraded: a warning
        }
        for n in range(EVENTS)
    ]
    sources.append(
        {
            "id": "history",
            "title": "A short history of Ruritania",
            "authors": ["A. Historian"],
            "publisher": "Example Press",
            "published": "1990s",
            "kind": "book",
            "reliability": "B",
        }
    )
    actors: list[dict[str, Any]] = [
        {"id": f"account-{n}", "name": f"Account {n}", "kind": "account"} for n in range(ACCOUNTS)
    ]
    actors += [
        {"id": "ruritania", "name": "Ruritania", "kind": "state", "aliases": ["Strelsau"]},
        {"id": "borduria", "name": "Borduria", "kind": "state", "aliases": ["Szohôd"]},
    ]
    events: list[dict[str, Any]] = []
    for n in range(EVENTS):
        name, country, lat, lon = PLACES[n % len(PLACES)]
        place: Any = name if n % 3 else {"name": name, "country": country, "lat": lat, "lon": lon}
        words = ["shelling", "reported", "near", "the", "river", "crossing", "at", "dawn"]
        quote = " ".join(words[: 3 + n % 6])
        if n % 97 == 0:  # a long quote: below the house standard, a warning only
            quote = " ".join(["word"] * 41)
        events.append(
            {
                "id": f"post-event-{n}",
                "date": forms(n),
                "title": f"Report {n} from {name}",
                "place": place,
                "url": f"https://social.example/@account_{n % ACCOUNTS}/{n}",
                "actors": [f"account-{n % ACCOUNTS}", "ruritania" if n % 2 else "borduria"],
                "topics": [TOPICS[n % len(TOPICS)][0]],
                "x-post-id": str(n),
                "sources": [{"source": f"post-{n}", "quote": quote}],
            }
        )
    background = [
        ("founding", "44 BC", "A settlement is founded on the river"),
        ("kingdom", "AD 14", "The first kingdom is proclaimed"),
        ("partition", "the early 1990s", "The old union breaks up"),
        ("weekday", "Sunday, Oct. 8, 2023", "A treaty anniversary is marked"),
    ]
    events += [
        {
            "id": ident,
            "date": when,
            "title": title,
            "topics": ["front"],
            "sources": [{"source": "history", "quote": title.lower()}],
        }
        for ident, when, title in background
    ]
    positions = [
        {
            "id": f"position-{n}",
            "actor": f"account-{n}",
            "topic": TOPICS[n % len(TOPICS)][0],
            "stance": STANCES[n % len(STANCES)],
            "sources": [{"source": f"post-{n}", "quote": "we will see"}],
        }
        for n in range(12)
    ]
    judgments = [
        {
            "id": "front-holds",
            "statement": "The front is likely to hold through the winter.",
            "by": "curator",
            "kind": "forecast",
            "likelihood": "probable",  # ICD 203's synonym for likely
            "confidence": "moderate",
            "rests_on": ["post-event-1", "post-event-2"],
        },
        {
            "id": "grain-resumes",
            "statement": "Grain exports will resume in the spring.",
            "by": "curator",
            "likelihood": "roughly even chance",
            "rests_on": ["post-event-4"],
        },
    ]
    briefs = [
        {
            "id": "weekly",
            "title": "The Ruritanian front, weekly",
            "as_of": "2023-12-31",
            "window": 120,
            "judgments": ["front-holds", "grain-resumes"],
            "bottom_line": [{"text": "The front holds.", "rests_on": ["front-holds"]}],
            "default": True,
        }
    ]
    return {
        "settings.yaml": {
            "dates": {"numeric": "month-first"},
            "stances": {"investigating": "is looking into the matter before taking a side"},
            "actor_kinds": {"account": "a social-media account"},
        },
        "sources.yaml": {"sources": sources},
        "actors.yaml": {
            "topics": [{"id": i, "name": name} for i, name in TOPICS],
            "actors": actors,
        },
        "events.yaml": {"events": events},
        "analysis.yaml": {"positions": positions, "judgments": judgments, "briefs": briefs},
    }


def files() -> dict[str, str]:
    """Each file of the fixture, by name, as it is written."""
    header = "# Made up by tools/make_real_size.py: test data, not facts.\n"
    return {
        name: header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        for name, data in build().items()
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files().items():
        (OUT / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
