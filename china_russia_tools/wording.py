"""The rules of an anchored row's words that look beyond the row: a mention's words against its entity's
name, aliases and demonyms (and every other entity's), and a direct quote's against the quotation marks
around them. The build and ``validate`` call them alike, with the rows they hold (:data:`Lookup`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from . import fields

Lookup = Callable[[str], Mapping[str, dict[str, Any]]]
"""The rows of a table by id (``lookup("entities")["china"]``), through which the rules of a row read other
rows: in the build the rows built so far, in ``validate`` the installed ones."""


def mention_rules(values: dict[str, Any], label: str, problems: Any, _text: str | None, lookup: Lookup) -> None:
    """A mention's words against its entity's names (annotation guide, "Entities and mentions").

    A mention by name writes the entity's name or an alias, a part of one, words that hold one ("TEMP forum
    on metalworking") or their initials ("EU"); a demonym writes one of its demonyms or a form that holds
    one ("Soviet-era"); the words of a demonym or a metonym ("Moscow") are no other entity's name, alias or
    demonym. A mention of an entity that is not built is left to the check of its reference.
    """
    entities, entity_id, text = lookup("entities"), values["entity_id"], values["text"]
    entity = entities.get(entity_id)
    if entity is None:
        return
    words, labels = _words(text), _labels(entity)
    names = [name for kind, name in labels if kind != "demonym"]
    if not values.get("demonym") and not values.get("metonym"):
        if not any(_writes(text, words, _words(name)) for name in names):
            aliases = ", ".join(map(repr, names[1:])) or "none"
            advice = "" if text.isupper() else (  # an abbreviation is an alias, never a metonym
                f"; if it is an adjective, set demonym: true ({_FLAGS['demonym']}), if a capital or seat of "
                f"government standing for a country, metonym: true ({_FLAGS['metonym']})"
            )
            problems.add(
                label,
                f"text {text!r} is not a name of entity {entity_id!r} (name {names[0]!r}, aliases {aliases}), nor "
                "a part of one, words holding one or their initials; if the texts name the entity so, add it to its "
                f"aliases in annotations/entities.yaml{advice}",
                "mention-name",
            )
        return
    flag = "demonym" if values.get("demonym") else "metonym"
    owner = None if any(_words(name) == words for _, name in labels) else _owner(words, entities)
    if owner is not None:
        kind, other_id = owner
        problems.add(
            label,
            f"text {text!r}, a {flag} of entity {entity_id!r}, is {_KINDS[kind]} of entity {other_id!r}; mention "
            f"{other_id!r} instead (a {flag} stands for its own entity: {_FLAGS[flag]})",
            "mention-other-entity",
        )
        return
    demonyms = [name for kind, name in labels if kind == "demonym"]
    if flag == "demonym" and not any(_holds(words, _words(demonym)) for demonym in demonyms):
        problems.add(
            label,
            f"text {text!r}, flagged demonym, is not a demonym of entity {entity_id!r} "
            f"({', '.join(map(repr, demonyms)) or 'none'}), nor a form holding one; if the texts use it for that "
            "entity, add it to its demonyms in annotations/entities.yaml",
            "mention-demonym",
        )


_FLAGS = {"demonym": '"Chinese" for china', "metonym": '"Moscow" or "the Kremlin" for russia'}
_KINDS = {"name": "the name", "alias": "an alias", "demonym": "a demonym"}
_WORD_OR_NUMBER = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORD_OR_NUMBER.findall(text.lower())


def _labels(entity: dict[str, Any]) -> list[tuple[str, str]]:
    """``(kind, name)`` of each name an entity goes by: its name, each alias and each demonym."""
    return [
        ("name", entity["name"]),
        *(("alias", alias) for alias in fields.items(entity["aliases"])),
        *(("demonym", demonym) for demonym in fields.items(entity["demonyms"])),
    ]


def _owner(words: list[str], entities: Mapping[str, dict[str, Any]]) -> tuple[str, str] | None:
    """``(kind, entity id)`` of the first entity whose name, alias or demonym ``words`` are."""
    return next(
        ((kind, entity_id) for entity_id, entity in entities.items() for kind, name in _labels(entity)
         if _words(name) == words),
        None,
    )


def _writes(text: str, words: list[str], name: list[str]) -> bool:
    """Whether ``text`` (its ``words``) writes ``name``: a part of it, words holding it, or its initials."""
    initials = len(name) > 1 and text.isupper() and text.lower() == "".join(part[0] for part in name)
    return initials or (bool(words) and _holds(name, words)) or _holds(words, name)


def _holds(outer: list[str], inner: list[str]) -> bool:
    """Whether the words ``inner`` stand together in ``outer``."""
    return any(outer[i : i + len(inner)] == inner for i in range(len(outer) - len(inner) + 1))


QUOTATION_MARKS = (("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("„", "“"), ("‚", "‘"))
"""Opening and closing quotation marks of the usual kinds; an opening mark of one pair may close with a
mark of another (Polish writes „…”)."""
_OPENING = {opening for opening, _ in QUOTATION_MARKS}
_CLOSING = re.compile(rf"[\s.,;:!?…]*[{''.join(closing for _, closing in QUOTATION_MARKS)}]")


def quote_rules(
    values: dict[str, Any], label: str, problems: Any, source_text: str, _lookup: Lookup | None = None
) -> None:
    """A direct quote stands inside quotation marks: an opening mark before its words (white space aside)
    and a closing mark after them, past any punctuation inside the marks (the comma in «Sold out,» he said)."""
    if values["kind"] != "direct":
        return
    opened = source_text[: values["char_start"]].rstrip()[-1:] in _OPENING
    closed = _CLOSING.match(source_text, values["char_end"]) is not None
    if not (opened and closed):
        missing = " and ".join(
            words for words, found in (("no opening mark before it", opened), ("no closing mark after it", closed))
            if not found
        )
        marks = ", ".join(f"{opening}…{closing}" for opening, closing in QUOTATION_MARKS)
        problems.add(
            label,
            f"kind is 'direct', but text {values['text']!r} does not stand inside quotation marks ({missing}; the "
            f"marks are {marks}); words the source does not put in marks are kind 'indirect'",
            "quote-unmarked",
        )
