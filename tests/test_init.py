"""`briefing init`: a new fact base that checks clean, whose examples check clean when
taken, and that never changes a file already there."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from typer.testing import CliRunner, Result

from briefing import examples, spec, starter
from briefing.cli import whole_app
from briefing.loader import load
from briefing.schema import json_schema
from briefing.settings import load_settings

app = whole_app()  # `add` included
FACT_FILES = [f"{name}.yaml" for name in spec.COLLECTION_FIELDS]
EVERY_FILE = [
    *FACT_FILES,
    "settings.yaml",
    starter.SCHEMA_FILE,
    ".vscode/settings.json",
    ".gitignore",
    "sources/README.md",
    "README.md",
]


def run(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(app, [*map(str, args)])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def take_examples(folder: Path) -> None:
    """What the files tell a curator to do: take the `# ` off each line of the example
    (every comment line after the collection's key)."""
    for name in FACT_FILES:
        path = folder / name
        lines, body = [], False
        for line in path.read_text(encoding="utf-8").split("\n"):
            if body and line.lstrip().startswith("# "):
                at = line.index("# ")
                line = line[:at] + line[at + 2 :]
            body = body or bool(re.fullmatch(r"[a-z_]+:", line))
            lines.append(line)
        path.write_text("\n".join(lines), encoding="utf-8")


def test_a_new_folder_gets_every_file_and_checks_clean(runner, tmp_path) -> None:
    folder = tmp_path / "new" / "base"
    result = run(runner, "init", folder)
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == (
        sorted(EVERY_FILE)
    )
    assert result.stdout.splitlines() == [str(folder / name) for name in EVERY_FILE]
    assert "wrote 14 files" in result.stderr and "briefing check --facts" in result.stderr
    checked = run(runner, "--strict", "check", "--facts", folder)
    assert checked.exit_code == 0, checked.output
    assert ": no problems;" in checked.stdout
    loaded = load(folder, use_cache=False)
    assert not loaded.problems and not any(loaded.facts.counts().values())


def test_the_examples_taken_check_clean_and_show_in_every_view(runner, tmp_path) -> None:
    run(runner, "init", tmp_path / "base")
    folder = tmp_path / "base"
    take_examples(folder)
    checked = run(runner, "--strict", "check", "--facts", folder)
    assert checked.exit_code == 0, checked.output
    counts = load(folder, use_cache=False).facts.counts()
    assert all(counts[name] >= 1 for name in spec.COLLECTION_FIELDS), counts
    for view in (["timeline"], ["actor", "Examplestan"], ["positions"], ["brief"]):
        shown = run(runner, *view, "--facts", folder, "-f", "md")
        assert shown.exit_code == 0, shown.output
        assert "Examplestan" in shown.stdout


def _shown(value: object, kind: str, found: dict[str, set[str]]) -> None:
    """Note which fields each kind of nested item shows (a citation's, a role's...)."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            found.setdefault(kind, set()).update(item)


def test_every_field_of_the_spec_has_an_example_and_its_description() -> None:
    """A field the spec gains must be shown to curators: the examples cannot drift. Each
    kind of fact shows all its fields; each kind of nested item (a citation, a role, a
    place) shows all its fields in one example at least."""
    nested = {"citation": spec.CITATION, "place": spec.PLACE, **spec.NESTED}
    found: dict[str, set[str]] = {}
    pending = [(spec.COLLECTION_FIELDS[c], e) for c, es in examples.EXAMPLES.items() for e in es]
    while pending:
        fields, example = pending.pop()
        for f in fields:
            kind = "citation" if f.kind in ("citations", "cited") else f.kind.removeprefix("list:")
            if f.name in example and kind in nested:
                _shown(example[f.name], kind, found)
                items = example[f.name] if isinstance(example[f.name], list) else [example[f.name]]
                pending += [(nested[kind], item) for item in items if isinstance(item, dict)]
    for kind, fields in nested.items():
        assert found[kind] == {f.name for f in fields}, kind
    for collection, fields in spec.COLLECTION_FIELDS.items():
        # `author` is left out where `authors` is shown (its comment names the other).
        others = {other for (c, _), other in starter.ALTERNATIVES.items() if c == collection}
        shown = set().union(*examples.EXAMPLES[collection])
        assert shown == {f.name for f in fields} - others, collection
        lines = starter.fact_file(collection).splitlines()
        for f in fields:
            if f.name not in others:
                assert any(f"{f.name}: " in line and f.doc in line for line in lines), f.name


def test_a_folder_with_files_is_refused_and_force_adds_only_what_it_lacks(runner, tmp_path) -> None:
    folder = tmp_path / "base"
    folder.mkdir()
    (folder / "events.yaml").write_text("events:\n  - id: mine  # my own\n", encoding="utf-8")
    (folder / "settings.yaml").write_text("stances:\n  hedging: says both\n", encoding="utf-8")
    before = snapshot(folder)
    refused = run(runner, "init", folder)
    assert refused.exit_code == 1
    assert "already has files; nothing written" in refused.stderr
    assert snapshot(folder) == before
    forced = run(runner, "init", folder, "--force")
    assert forced.exit_code == 0, forced.output
    after = snapshot(folder)
    assert {k: after[k] for k in before} == before  # not a byte of what was there changed
    assert "kept 2 that were there: events.yaml, settings.yaml" in forced.stderr
    assert sorted(k for k in after if (folder / k).is_file()) == sorted(EVERY_FILE)
    # The schema has the terms of the settings file that was there.
    schema = json.loads((folder / starter.SCHEMA_FILE).read_text(encoding="utf-8"))
    assert schema == json_schema(load_settings(folder)[0])
    assert "hedging" in json.dumps(schema)


def test_a_file_is_not_a_folder(runner, tmp_path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("events: []\n", encoding="utf-8")
    result = run(runner, "init", path)
    assert result.exit_code == 1
    assert "is a file, not a folder; nothing written" in result.stderr
    assert path.read_text(encoding="utf-8") == "events: []\n"


def test_editor_files_name_the_schema_and_the_fact_files(runner, tmp_path) -> None:
    run(runner, "init", tmp_path)
    for name in FACT_FILES:
        first = (tmp_path / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={starter.SCHEMA_FILE}"
        assert yaml.safe_load((tmp_path / name).read_text(encoding="utf-8")) == {name[:-5]: None}
    vscode = json.loads((tmp_path / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert vscode == {"yaml.schemas": {f"./{starter.SCHEMA_FILE}": FACT_FILES}}
    schema = json.loads((tmp_path / starter.SCHEMA_FILE).read_text(encoding="utf-8"))
    assert schema == json.loads(run(runner, "schema", "--facts", tmp_path).stdout)
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "briefing check --facts ." in readme
