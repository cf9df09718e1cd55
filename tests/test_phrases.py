"""Sentences made from facts: each stance, relation type and judgment kind has its phrase,
verbs agree with plural actors, topics are not echoed, and "rests on" never cuts a sentence."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing import phrases, spec
from briefing.cli import app
from briefing.loader import load
from briefing.model import Actor, Judgment, Origin, Topic
from tests.conftest import SOURCE

AT = Origin("a.yaml", 1)


def actor(kind: str = "state", plural: bool | None = None, name: str = "Kazakhstan") -> Actor:
    return Actor("a", name, kind, AT, plural=plural)


def test_every_stance_relation_type_and_judgment_kind_has_its_phrase() -> None:
    assert set(spec.STANCE_PHRASES) == set(spec.STANCES)
    assert set(spec.RELATION_PHRASES) == set(spec.RELATION_TYPES)
    assert set(spec.JUDGMENT_KIND_PHRASES) == set(spec.JUDGMENT_KINDS)
    for table in (spec.STANCE_PHRASES, spec.RELATION_PHRASES):
        for term, (one, several) in table.items():
            assert one and several, term
            # A verb in the present takes another form for several actors.
            assert one != several or term == "formerly-ruled", term


@pytest.mark.parametrize(
    ("stance", "one", "several"),
    [
        ("complies", "complies with", "comply with"),
        ("supports", "supports", "support"),
        ("balances", "takes a balancing line on", "take a balancing line on"),
        ("refuses", "refuses to go along with", "refuse to go along with"),
        ("neutral", "is neutral on", "are neutral on"),
    ],
)
def test_a_stance_reads_as_its_phrase_for_one_actor_and_for_several(
    stance: str, one: str, several: str
) -> None:
    assert phrases.stance_phrase(stance) == one
    assert phrases.stance_phrase(stance, plural=True) == several


@pytest.mark.parametrize(
    ("kind", "one", "several"),
    [
        ("depends-on", "depends on", "depend on"),
        ("allied-with", "is allied with", "are allied with"),
        ("member-of", "is a member of", "are members of"),
        ("near", "is near", "are near"),
        ("formerly-ruled", "formerly ruled", "formerly ruled"),
    ],
)
def test_a_relation_type_reads_as_its_phrase_for_one_actor_and_for_several(
    kind: str, one: str, several: str
) -> None:
    assert phrases.relation_phrase(kind) == one
    assert phrases.relation_phrase(kind, plural=True) == several


@pytest.mark.parametrize(
    ("term", "one", "several"),
    [
        ("follows", "follows", "follow"),
        ("trades-with", "trades with", "trade with"),
        ("is-wary-of", "is wary of", "are wary of"),
        ("watches", "watches", "watch"),
        ("relies-on", "relies on", "rely on"),
        ("investigating", "investigating", "investigating"),
    ],
)
def test_a_fact_bases_own_term_reads_as_written_and_loses_its_s_for_several(
    term: str, one: str, several: str
) -> None:
    assert phrases.relation_phrase(term) == one
    assert phrases.relation_phrase(term, plural=True) == several
    assert phrases.stance_phrase(term, plural=True) == several


def test_an_actor_is_several_by_its_plural_field_else_by_its_kind() -> None:
    assert not phrases.is_plural(actor("state"))
    assert phrases.is_plural(actor("group"))
    assert not phrases.is_plural(actor("group", plural=False))
    assert phrases.is_plural(actor("state", plural=True))
    assert not phrases.is_plural(None)


def test_a_topic_reads_by_its_label_without_echoing_the_actors_name() -> None:
    gas = Topic("gas", "Russia's proposed gas union", AT, label="the gas union")
    policy = Topic("mv", "Kazakhstan's multi-vector foreign policy", AT)
    assert phrases.topic_phrase(gas, "gas", actor(name="Russia")) == "the gas union"
    assert phrases.topic_phrase(policy, "mv", actor()) == "its multi-vector foreign policy"
    group = actor("group", name="Kazakhstan")
    assert phrases.topic_phrase(policy, "mv", group) == "their multi-vector foreign policy"
    other = actor(name="Russia")
    assert phrases.topic_phrase(policy, "mv", other) == policy.name
    assert phrases.topic_phrase(policy, "mv", actor("person")) == policy.name
    deal = Topic("deal", "The pipeline deal", AT)
    assert phrases.topic_phrase(deal, "deal", other) == "the pipeline deal"
    assert phrases.topic_phrase(None, "unknown") == "unknown"


LONG = (
    "The author holds that Russia, weakened by a war in Ukraine that is going badly for it, "
    "is losing influence in its near abroad faster than before."
)


def test_a_judgment_is_named_by_its_label_and_never_by_a_cut_statement() -> None:
    labelled = Judgment("decline", LONG, "author", AT, label="Russia's faster decline")
    assert phrases.judgment_label(labelled, 3) == "Russia's faster decline"
    short = Judgment("hold", "The deal will hold.", "curator", AT)
    assert phrases.judgment_label(short) == "The deal will hold."
    bare = Judgment("decline", LONG, "author", AT, kind="forecast")
    assert phrases.judgment_label(bare, 3) == "key judgment 3"
    assert phrases.judgment_label(bare) == "a forecast (decline)"


def test_plural_must_be_true_or_false(write: Callable[..., Path]) -> None:
    body = "actors:\n  - {id: a, name: Europeans, kind: group, plural: yes please}\n"
    found = [p.message for p in load(write(**{"a.yaml": SOURCE + body})).problems]
    assert found == ["`plural` of actor `a` must be true or false, not str"]


FIXTURE = """\
actors:
  - {id: nordics, name: Nordic states, kind: other, plural: true}
  - {id: league, name: The League, kind: group, plural: false}
  - {id: ruritania, name: Ruritania, kind: state}
topics:
  - {id: deal, name: Ruritania's pipeline deal, label: the pipeline deal}
positions:
  - id: p1
    actor: nordics
    topic: deal
    stance: complies
    sources: [{source: src, quote: "q"}]
relations:
  - {id: r1, subject: nordics, type: depends-on, object: ruritania,
     sources: [{source: src, quote: "q"}]}
  - {id: r2, subject: league, type: allied-with, object: ruritania,
     sources: [{source: src, quote: "q"}]}
judgments:
  - id: j1
    by: curator
    statement: >-
      A long statement that goes on well past sixty characters, so that cutting it short
      would have been the old way of naming it.
    rests_on: [p1, r1, r2]
  - id: j2
    by: curator
    statement: It rests on the long one.
    rests_on: [j1]
briefs:
  - id: b
    title: B
    actors: [nordics, league, ruritania]
    judgments: [j1, j2]
    bottom_line:
      - {text: A point., rests_on: [j1, j2]}
"""


@pytest.mark.parametrize("fmt", ["md", "rich"])
def test_a_brief_writes_sentences_that_agree(
    fmt: str, write: Callable[..., Path], runner: CliRunner
) -> None:
    root = write(**{"a.yaml": SOURCE + FIXTURE})
    result = runner.invoke(app, ["brief", "b", "--facts", str(root), "-f", fmt])
    assert result.exit_code == 0, result.output
    text = re.sub(r"[*\s]+", " ", result.stdout)
    assert "Nordic states complies with" not in text
    assert "Nordic states depend on Ruritania" in text
    assert "The League is allied with Ruritania" in text
    assert "Nordic states comply with the pipeline deal" in text
    assert "Rests on: key judgment 1" in text
    assert "…" not in text


def test_the_export_gives_plural_and_labels(write: Callable[..., Path], runner: CliRunner) -> None:
    root = write(**{"a.yaml": SOURCE + FIXTURE})
    result = runner.invoke(app, ["export", "--facts", str(root), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert '"plural": true' in result.stdout
    assert '"plural": false' in result.stdout
    assert '"label": "the pipeline deal"' in result.stdout


def _rests_on_parts(text: str) -> list[str]:
    """Each 'Rests on: …' up to the end of its paragraph (the terminal's lines unpadded)."""
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return [m.split("\n\n")[0] for m in re.split(r"Rests on: ", text)[1:]]


@pytest.mark.parametrize("fmt", ["md", "rich"])
def test_the_bundled_brief_names_what_it_rests_on_whole(fmt: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["brief", "-f", fmt], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    parts = _rests_on_parts(result.stdout)
    assert len(parts) > 10
    for part in parts:
        assert "…" not in part, part
    text = re.sub(r"[*\s]+", " ", result.stdout)
    assert "Kazakhstan complies with the postwar sanctions" in text
    assert "Russia proposes the gas union" in text
    assert "Russia proposes Russia's" not in text
    # European nations are not a key actor, so the brief leaves their relations out.
    profile = runner.invoke(app, ["actor", "European nations", "-f", fmt], env={"COLUMNS": "200"})
    assert "depend on Russia" in re.sub(r"[*\s]+", " ", profile.stdout)
    assert "European nations depends" not in profile.stdout
