"""A new fact base: the files `briefing init` writes, made from the format's own tables.

One fact file per collection, each opening with its editor association and a commented
example of its kind of fact that shows every field the spec gives it, with the field's
own description; a commented settings file; the JSON Schema those files name; the VS Code
association; a `.gitignore`; and a README that says how to check the base. The examples
hang together: with every `# ` taken off, the fact base checks without a problem (tested).
"""

from __future__ import annotations

import json
from typing import Any

from briefing import spec
from briefing.examples import EXAMPLES
from briefing.settings import DEFAULT, Settings

SCHEMA_FILE = "fact-base.schema.json"
# Fields an example leaves out because a field it shows says the same, by (collection,
# field shown): the comment of the field shown names the other.
ALTERNATIVES = {("sources", "authors"): "author"}
# Fields that would hide the example they are in (a withdrawn judgment is not shown): they
# stay comments when the example is taken.
KEPT_COMMENTED = {("judgments", "withdrawn")}

_COMMENT_AT = 44  # the column a field's description starts at, where the line allows


def files(settings: Settings | None = None) -> dict[str, str]:
    """Every file of a new fact base, by its path inside the folder, with its text; the
    schema with the terms of ``settings`` (a settings file already there)."""
    from briefing.schema import json_schema
    from briefing.settings import SETTINGS_FILES

    out = {f"{name}.yaml": fact_file(name) for name in spec.COLLECTION_FIELDS}
    out[SETTINGS_FILES[0]] = _SETTINGS
    out[SCHEMA_FILE] = (
        json.dumps(json_schema(settings or DEFAULT), indent=2, ensure_ascii=False) + "\n"
    )
    out[".vscode/settings.json"] = _vscode()
    out[".gitignore"] = _GITIGNORE
    out["sources/README.md"] = _ARCHIVE
    out["README.md"] = _readme()
    return out


def fact_file(collection: str) -> str:
    """A collection's file: its editor association, what it holds, a commented example of
    its kind of fact with every field described, and the collection's key, empty."""
    title = collection.capitalize()
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        f"# {title}: {spec.COLLECTION_DOCS[collection]}.",
        "#",
        "# An example with every field, each described (* marks those required): to use it,",
        "# take the `# ` off its lines and make it yours. `briefing check` says what is wrong.",
        "#",
        f"{collection}:",
    ]
    fields = spec.COLLECTION_FIELDS[collection]
    for example in EXAMPLES[collection]:
        block = _mapping(collection, fields, example, indent=2, item=True)
        lines += ["  # " + line[2:] if line.startswith("  ") else "# " + line for line in block]
    return "\n".join(lines) + "\n"


def _mapping(
    collection: str,
    fields: tuple[spec.Field, ...],
    values: dict[str, Any],
    indent: int,
    item: bool,
) -> list[str]:
    """``values`` as YAML lines in the order of ``fields``, each with its description; as a
    list item (``- `` before the first key) when ``item``."""
    lines: list[str] = []
    for f in fields:
        if f.name not in values:
            continue
        value = values[f.name]
        lead = " " * indent + ("- " if item and not lines else "  " if item else "")
        doc = ("* " if f.required else "") + f.doc
        other = ALTERNATIVES.get((collection, f.name))
        if other:
            doc += f" (or `{other}:`)"
        nested = _nested_fields(f)
        if nested is not None and isinstance(value, list) and value:
            lines.append(_commented(f"{lead}{f.name}:", doc))
            for entry in value:
                lines += _mapping(collection, nested, entry, len(lead) + 2, item=True)
        else:
            shown = value if f.kind == "date" else _flow(value)  # a date as curators write it
            kept = "# " if (collection, f.name) in KEPT_COMMENTED else ""
            lines.append(_commented(f"{lead}{kept}{f.name}: {shown}", doc))
    return lines


def _nested_fields(f: spec.Field) -> tuple[spec.Field, ...] | None:
    """The fields of the items of ``f``, a list written as a block (citations, roles...)."""
    if f.kind in ("citations", "cited"):
        return spec.CITATION
    if f.kind.startswith("list:"):
        return spec.NESTED[f.kind[5:]]
    return None


def _flow(value: Any) -> str:
    """A value as YAML on one line (flow style)."""
    import yaml

    text: str = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**6
    )
    return text.removesuffix("\n").removesuffix("\n...")


def _commented(line: str, doc: str) -> str:
    """``line`` with ``doc`` after it as a comment, at a column of its own where it fits."""
    return f"{line.ljust(_COMMENT_AT - 2)}  # {doc}" if doc else line


def _vscode() -> str:
    """VS Code's YAML extension told which files the schema is for (the fact files)."""
    files = [f"{name}.yaml" for name in spec.COLLECTION_FIELDS]
    return json.dumps({"yaml.schemas": {f"./{SCHEMA_FILE}": files}}, indent=2) + "\n"


_SETTINGS = """\
# Settings of this fact base: how to read it, and the terms it adds to the format's own
# vocabularies, each with a one-line definition. Take the `# ` off what you need.
#
# dates:
#   numeric: day-first        # or month-first: how to read 04/03/2023
# stances:
#   investigating: is looking into the matter before taking a side
# relation_types:
#   follows: reads the other's posts
# actor_kinds:
#   account: a social-media account
"""

_ARCHIVE = """\
# Archived sources

A plain-text copy of each source, named after its id: `<source id>.txt` (for a source
`wt-2022`, `wt-2022.txt`). `briefing check --facts .. --quotes .` then proves that every
quote is in its source word for word, and `briefing add` checks each new quote here.
"""

_GITIGNORE = """\
# What `briefing` makes from the facts: write briefs and pages here, not beside the facts.
/out/
# Editors and systems
.DS_Store
*.swp
*~
"""


def _readme() -> str:
    kinds = "\n".join(
        f"- `{name}.yaml`: {spec.COLLECTION_DOCS[name]}" for name in spec.COLLECTION_FIELDS
    )
    return f"""\
# A briefing fact base

Made by `briefing init`. Each kind of fact has a file of its own, which opens with an
example of that kind of fact with every field described:

{kinds}

`settings.yaml` says how to read numeric dates and adds stances, relation types and actor
kinds of this base's own.

## Check it

Run this in this folder after every change (it exits 1 when something is wrong):

```sh
briefing check --facts .
briefing check --facts . --quotes sources/   # and prove each quote is in its archived source
```

Every fact names its source and quotes it word for word. Keep a plain-text copy of each
source in `sources/<source id>.txt`: `--quotes sources/` proves each quote is there, and
`briefing add` checks the quotes of a new fact against it. Then `briefing timeline --facts .`,
`briefing brief --facts .` and the other views read it (or set `BRIEFING_FACTS` to this
folder once).

## Editors

Each fact file names `{SCHEMA_FILE}` on its first line, so editors with the YAML
language server (VS Code's YAML extension among them) complete and check fields as you
type; `.vscode/settings.json` says the same for VS Code. After adding terms to
`settings.yaml`, make the schema again: `briefing schema --facts . > {SCHEMA_FILE}`.
"""
