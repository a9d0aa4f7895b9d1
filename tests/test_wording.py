"""wording.py: a mention's words against its entity's name, aliases and demonyms (and every other entity's),
and a direct quote's against the quotation marks around it, in the build and on their own. The whole words of
each message are asserted in test_problems_words_rules.py, validate's in test_problems_words_validate.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from china_russia_tools import builder, wording
from china_russia_tools.errors import Problems
from corpus import A0, edited
from minimal_project import ANNOTATION_PATH, SEED_PATH, coded, make_project, refusal, replace_once


def entity(name: str, aliases: str | None = None, demonyms: str | None = None) -> dict:
    """An entities row as the build and the loader hold it: each list as the text of its items."""
    return {"name": name, "aliases": aliases, "demonyms": demonyms}


ENTITIES = {
    "china": entity("China", "PRC;People's Republic of China", "Chinese"),
    "russia": entity("Russia", "Russian Federation", "Russian"),
    "soviet-union": entity("Soviet Union", "USSR", "Soviet"),
    "european-union": entity("European Union"),
    "rsis": entity("S. Rajaratnam School of International Studies", "RSIS"),
    "kazan-lathe-works": entity("Kazan Lathe Works"),
    "marta-ilyina": entity("Marta Ilyina"),
    "russian-customs": entity("Russian customs"),
}


def mention(text: str, entity_id: str, **flags: bool) -> list[tuple[str, str]]:
    """``(code, message)`` of each problem of a mention with ``text`` of ``entity_id`` among :data:`ENTITIES`."""
    problems = Problems()
    wording.mention_rules({"text": text, "entity_id": entity_id, **flags}, "row", problems, None, lookup)
    return [(problem.code, problem.message) for problem in problems.records]


def lookup(table: str) -> dict[str, dict]:
    return {"entities": ENTITIES}[table]


@pytest.mark.parametrize("text, entity_id", [
    ("EU", "european-union"),  # the initials of its name
    ("RSIS", "rsis"),  # an abbreviation among its aliases
    ("PRC", "china"),
    ("People's Republic", "china"),  # a part of an alias
    ("Russian Federation", "russia"),
    ("RF", "russia"),  # the initials of an alias
    ("Ilyina", "marta-ilyina"),  # a part of the name
    ("Kazan Lathe Works machine shop", "kazan-lathe-works"),  # words that hold the name
    ("USSR", "soviet-union"),
])
def test_a_mention_by_name_writes_the_name_or_an_alias(text, entity_id):
    assert mention(text, entity_id) == []


@pytest.mark.parametrize("text, entity_id", [
    ("Chinese", "china"),  # a demonym not flagged so
    ("Russia", "russian-customs"),  # a part of another name only
    ("Eu", "european-union"),  # initials are written in capitals
    ("Cathay", "china"),
    ("SRS", "rsis"),
    ("Beijing", "china"),  # a metonym not flagged so
])
def test_a_mention_by_name_that_writes_another_name_is_refused(text, entity_id):
    assert [code for code, _ in mention(text, entity_id)] == ["mention-name"]


def test_the_refusal_of_a_name_names_the_name_and_aliases_and_how_to_fix_it():
    [(_, message)] = mention("Cathay", "china")
    assert "(name 'China', aliases 'PRC', \"People's Republic of China\")" in message
    assert "add it to its aliases in annotations/entities.yaml" in message
    assert "demonym: true" in message and "metonym: true" in message


def test_the_refusal_of_an_abbreviation_never_advises_a_metonym():
    [(_, message)] = mention("SRS", "rsis")
    assert "(name 'S. Rajaratnam School of International Studies', aliases 'RSIS')" in message
    assert "add it to its aliases" in message and "metonym" not in message and "demonym" not in message


def test_words_that_spell_an_id_but_not_its_name_ask_for_the_id_to_spell_the_name(monkeypatch):
    monkeypatch.setitem(ENTITIES, "cathay", entity("People's Republic of China"))
    assert mention("Cathay", "cathay") == [("mention-name", (
        "text 'Cathay' is not a name of entity 'cathay' (name \"People's Republic of China\", aliases none), though "
        "it spells the id; an entity's id spells its name (annotation guide, Ids): rename the id to "
        "'peoples-republic-of-china' in annotations/entities.yaml and in every row that names it, or, if the texts "
        "name the entity so, add the text to its aliases"
    ))]


@pytest.mark.parametrize("text, entity_id, flag", [
    ("Chinese", "china", "demonym"),
    ("Russian", "russia", "demonym"),
    ("Soviet-era", "soviet-union", "demonym"),  # a form that holds a demonym
    ("Kremlin", "russia", "metonym"),
    ("Beijing", "china", "metonym"),
    ("Russia", "russia", "metonym"),  # its own name is no other entity's
])
def test_a_demonym_or_metonym_of_its_own_entity_is_accepted(text, entity_id, flag):
    assert mention(text, entity_id, **{flag: True}) == []


@pytest.mark.parametrize("text, entity_id, flag, words", [
    ("China", "russia", "metonym", "is the name of entity 'china'; mention 'china' instead"),
    ("PRC", "russia", "metonym", "is an alias of entity 'china'"),
    ("Soviet", "russia", "metonym", "is a demonym of entity 'soviet-union'"),
    ("Russian", "china", "demonym", "is a demonym of entity 'russia'; mention 'russia' instead"),
    ("Russian customs", "russia", "demonym", "is the name of entity 'russian-customs'"),
])
def test_a_demonym_or_metonym_that_writes_another_entity_is_refused(text, entity_id, flag, words):
    [(code, message)] = mention(text, entity_id, **{flag: True})
    assert code == "mention-other-entity"
    assert message.startswith(f"text {text!r}, a {flag} of entity {entity_id!r}, ") and words in message


@pytest.mark.parametrize("text, entity_id, listed", [
    ("Sino", "china", "'Chinese'"),
    ("Muscovite", "russia", "'Russian'"),
    ("Kazan", "kazan-lathe-works", "none"),
])
def test_a_demonym_not_among_the_entitys_is_refused(text, entity_id, listed):
    [(code, message)] = mention(text, entity_id, demonym=True)
    assert code == "mention-demonym"
    assert f"is not a demonym of entity {entity_id!r} ({listed})" in message
    assert "add it to its demonyms in annotations/entities.yaml" in message


def test_a_mention_of_an_unknown_entity_is_left_to_the_reference_check():
    assert mention("Formosa", "formosa") == []


def test_the_build_reads_the_names_from_the_entities_table(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, SEED_PATH, "up 12% on June.", "up 12% on June, PRC customs said.")
    replace_once(root, ANNOTATION_PATH, "  - {id: 100-m03,", "  - {id: 100-m04, entity_id: china, text: PRC}\n"
                 "  - {id: 100-m03,")
    assert coded(refusal(root)) == [(f"{ANNOTATION_PATH}: mentions id 100-m04", "mention-name")]
    replace_once(root, "annotations/entities.yaml", "    name: China\n", "    name: China\n    aliases: [PRC]\n")
    assert [row["aliases"] for row in builder.render(root).tables["entities"].to_pylist()] == ["PRC", None]


def test_the_build_refuses_china_as_a_metonym_of_russia(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "entity_id: russia, text: Moscow, metonym: true}",
                 "entity_id: russia, text: China, within: China traded, metonym: true}")
    assert coded(refusal(root)) == [(f"{ANNOTATION_PATH}: mentions id 100-m03", "mention-other-entity")]


def test_the_published_demonyms_are_the_entities_own(project):
    root = edited(project, A0, "{id: 000-m09, entity_id: china, text: Chinese",
                  "{id: 000-m09, entity_id: russia, text: Chinese")
    assert coded(refusal(root)) == [(f"{A0}: mentions id 000-m09", "mention-other-entity")]


SAID = "The minister said {open}we buy what we need{close} at the fair.\n"


def quote(source: str, words: str = "we buy what we need", kind: str = "direct") -> list[str]:
    """The codes of the problems of a quote of ``kind`` on ``words`` in ``source``."""
    start = source.index(words)
    problems = Problems()
    row = {"text": words, "kind": kind, "char_start": start, "char_end": start + len(words)}
    wording.quote_rules(row, "row", problems, source)
    return [problem.code for problem in problems.records]


@pytest.mark.parametrize("open_mark, close_mark", [
    ("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("„", "“"), ("‚", "‘"),
    ("„", "”"),  # as Polish writes them
    ("« ", " »"),  # with the spaces French sets inside
    ("“", ",”"), ("“", ".”"), ("«", "…»"),  # punctuation inside the marks, before the closing one
])
def test_a_direct_quote_inside_quotation_marks_is_accepted(open_mark, close_mark):
    assert quote(SAID.format(open=open_mark, close=close_mark)) == []


@pytest.mark.parametrize("open_mark, close_mark", [
    ("", ""),  # no marks at all
    ("“", ""),  # opened, never closed
    ("", "”"),
    ("(", ")"),  # brackets are no quotation marks
])
def test_a_direct_quote_outside_quotation_marks_is_refused(open_mark, close_mark):
    assert quote(SAID.format(open=open_mark, close=close_mark)) == ["quote-unmarked"]


def test_a_direct_quote_whose_marks_hold_more_words_is_refused():
    assert quote("He said “we buy what we need and more” there.\n") == ["quote-unmarked"]


@pytest.mark.parametrize("kind", ["indirect", "phrase"])
def test_only_a_direct_quote_needs_its_marks(kind):
    assert quote(SAID.format(open="", close=""), kind=kind) == []


@pytest.mark.parametrize("open_mark, close_mark", [("«", "»"), ("„", "“"), ("‘", "’"), ('"', '"')])
def test_the_build_takes_a_direct_quote_in_any_usual_marks(tmp_path: Path, open_mark, close_mark):
    root = make_project(tmp_path)
    replace_once(root, SEED_PATH, "“We buy what we need,”", f"{open_mark}We buy what we need,{close_mark}")
    assert [row["text"] for row in builder.render(root).tables["quotes"].to_pylist()] == ["We buy what we need,"]


def test_the_build_refuses_a_direct_quote_without_marks(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, SEED_PATH, "“We buy what we need,”", "We buy what we need,")
    assert coded(refusal(root)) == [(f"{ANNOTATION_PATH}: quotes id 100-q01", "quote-unmarked")]
