"""The entities, sources and anchored rows as FollowTheMoney entities (Aleph, OpenSanctions) and as W3C
Web Annotations (annotation tools). Deterministic like :mod:`~china_russia_tools.interchange`."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from . import registry
from .errors import DataError
from .interchange import WIKIDATA, Json, plain_row
from .tables import descriptor, id_column, records, resource, source_text

# FollowTheMoney -----------------------------------------------------------------------------------

FTM_SCHEMAS: dict[str, str | None] = {
    "person": "Person",
    "company": "Company",
    "official_body": "PublicBody",
    "institute": "Organization",
    "newspaper": "Organization",
    "news_agency": "Organization",
    "plant": "Organization",
    "bloc": "Organization",
    "country": "Territory",
    "forum": "Event",
    "weapon_system": None,
    "engine_model": None,
}
"""FtM schema of each ``entities.entity_type``. FtM has no schema for a site (a plant is an Organization),
a bloc is not one state's PublicBody, and it has none for a product or a model of equipment: those
(``None``) are left out, and their mentions stay unresolved."""
LEGAL_ENTITIES = ("Person", "Company", "Organization", "PublicBody")
"""Schemas a ``Mention`` may resolve to (the range of its ``resolved`` is LegalEntity); a mention of
anything else becomes a ``Documentation`` link."""
LANGUAGES = {"en": "eng", "ru": "rus", "zh": "zho"}
"""ISO 639-1 -> ISO 639-3, the codes FtM's language type holds."""
_NOT_IN_ID = re.compile(r"[^a-z0-9.-]+")


FTM_TERRITORIES = {"SU": "suhh"}
"""Former ISO 3166-1 codes -> FollowTheMoney's territory code, which for a dissolved state is its ISO 3166-3
alpha-4 code in lower case (OpenSanctions' rigour, resources/territories/suhh.yml: "qid: Q15180",
"other_codes: - su"); followthemoney would otherwise rewrite "su" as "suhh" on reading."""

def ftm_id(kind: str, row_id: str) -> str:
    """Stable FtM id ``crt-<kind>-<row id>``, lower case, with what FtM ids may not hold (``_``) as ``-``."""
    return _NOT_IN_ID.sub("-", f"crt-{kind}-{row_id}".lower())


def _entity(entity_id: str, schema: str, properties: dict[str, Any]) -> Json:
    """An FtM entity; every property a list of strings, empty ones left out."""
    values = {key: [str(value)] for key, value in properties.items() if value not in (None, "")}
    return {"id": entity_id, "schema": schema, "properties": dict(sorted(values.items()))}


def _published(source: dict[str, Any]) -> str | None:
    """The publication date as precise as both of its bounds agree (a year, a month or a day), or None."""
    earliest, latest = source["published_earliest"], source["published_latest"]
    if earliest is None or latest is None:
        return None
    for length in (10, 7, 4):
        if earliest.isoformat()[:length] == latest.isoformat()[:length]:
            return earliest.isoformat()[:length]
    return None


def _article(source: dict[str, Any]) -> Json:
    """A source as an FtM Article: title, byline, file, date, hashes and source id, but not its text
    (the publishers' text is shipped only in ``seeds/``, under its own terms)."""
    data = source_text(source["source_id"]).encode("utf-8")
    if source["language"] not in LANGUAGES:
        raise DataError(f"source {source['source_id']}: no ISO 639-3 code known for language {source['language']!r}")
    package = descriptor()["name"]
    return _entity(
        ftm_id("source", source["source_id"]),
        "Article",
        {
            "title": source["title"],
            "author": source["byline"],
            "publishedAt": _published(source),
            "language": LANGUAGES[source["language"]],
            "fileName": source["path"].rsplit("/", 1)[-1],
            "mimeType": "text/plain",
            "encoding": "utf-8",
            "fileSize": source["bytes"],
            "contentHash": hashlib.sha1(data).hexdigest(),
            "description": f"Source {source['source_id']} of {package} ({source['path']}, SHA-256 "
            f"{source['sha256']}). The text is not included; its copyright stays with its publisher.",
        },
    )


def ftm_entities() -> list[Json]:
    """Every entity FtM has a schema for, every source as an Article, every mention; sorted by id."""
    out, schemas = [], {}
    for entity in records("entities"):
        schema = FTM_SCHEMAS.get(entity["entity_type"], "")
        if schema == "":
            kind = entity["entity_type"]
            raise DataError(f"entity {entity['entity_id']}: no FollowTheMoney schema for type {kind!r}")
        if schema is None:
            continue
        schemas[entity["entity_id"]] = schema
        properties = {
            "name": entity["name"],
            "description": entity["description"],
            "country": FTM_TERRITORIES.get(entity["country_code"], (entity["country_code"] or "").lower()),
            "wikidataId": entity["wikidata_id"],
        }
        out.append(_entity(ftm_id("entity", entity["entity_id"]), schema, properties))
    out += [_article(source) for source in records("sources")]
    for mention in records("mentions"):
        document = ftm_id("source", mention["source_id"])
        schema = schemas.get(mention["entity_id"])
        resolved = ftm_id("entity", mention["entity_id"])
        if schema is None or schema in LEGAL_ENTITIES:
            properties = {"document": document, "name": mention["text"]}
            if schema is not None:
                properties |= {"resolved": resolved, "detectedSchema": schema}
            out.append(_entity(ftm_id("mention", mention["mention_id"]), "Mention", properties))
        else:
            properties = {"document": document, "entity": resolved, "role": "mention"}
            properties["namesMentioned"] = mention["text"]
            out.append(_entity(ftm_id("mention", mention["mention_id"]), "Documentation", properties))
    return sorted(out, key=lambda entity: entity["id"])


# W3C Web Annotation -------------------------------------------------------------------------------

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
"""The Web Annotation context, which the model requires by this address (it cannot be inlined)."""
ANNO_EXTENSION: Json = {"sha256": "http://schema.org/sha256"}
"""The one term we add: the SHA-256 of a seed."""
AFFIX = 32
"""Code points of text before and after the span in a TextQuoteSelector's ``prefix`` and ``suffix``."""


def entity_column(name: str) -> str | None:
    """The column by which each row of table ``name`` names an entity: a required foreign key into
    ``entities`` (``mentions.entity_id``), or None."""
    schema = resource(name)["schema"]
    required = {field["name"] for field in schema["fields"] if field.get("constraints", {}).get("required")}
    for key in schema.get("foreignKeys", []):
        if key["reference"].get("resource") == "entities" and len(key["fields"]) == 1 and key["fields"][0] in required:
            return key["fields"][0]
    return None


def _annotation(row: dict[str, Any], row_id: str, source: dict[str, Any], text: str) -> Json:
    """The annotation of one anchored row, its body the row as JSON."""
    start, end = row["char_start"], row["char_end"]
    if text[start:end] != row["text"]:
        raise DataError(f"{row_id}: its text is not the words at {start}:{end} of source {row['source_id']}")
    value = json.dumps(plain_row(row), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {
        "id": f"#{row_id}",
        "type": "Annotation",
        "motivation": "describing",
        "body": [{"type": "TextualBody", "format": "application/json", "purpose": "describing", "value": value}],
        "target": {
            "type": "SpecificResource",
            "source": {
                "id": source["path"],
                "type": "Text",
                "format": "text/plain",
                "language": source["language"],
                "sha256": source["sha256"],
            },
            "selector": [
                {"type": "TextPositionSelector", "start": start, "end": end},
                {
                    "type": "TextQuoteSelector",
                    "exact": row["text"],
                    "prefix": text[max(0, start - AFFIX) : start],
                    "suffix": text[end : end + AFFIX],
                },
            ],
        },
    }


def web_annotations() -> Json:
    """An AnnotationCollection of every row of every anchored table, in one embedded page, sorted by id.

    Each annotation targets the seed file (a path relative to the collection, with its SHA-256) through
    a TextPositionSelector (code points, as the spans) and a TextQuoteSelector; its body is the row as
    JSON in a TextualBody, plus the Wikidata IRI of the entity a row names, where one is set.
    """
    sources = {row["source_id"]: row for row in records("sources")}
    wikidata = {row["entity_id"]: row["wikidata_id"] for row in records("entities")}
    texts = {source_id: source_text(source_id) for source_id in sources}
    items = []
    for name in registry.layers():
        column = entity_column(name)
        for row in records(name):
            row_id = row[id_column(name)]
            item = _annotation(row, row_id, sources[row["source_id"]], texts[row["source_id"]])
            if column:  # the row names an entity: it identifies it, by its Wikidata IRI where one is set
                item["motivation"] = "identifying"
                if wikidata[row[column]]:
                    item["body"].append({"id": WIKIDATA + wikidata[row[column]], "purpose": "identifying"})
            items.append(item)
    items.sort(key=lambda item: item["id"])
    return {
        "@context": [ANNO_CONTEXT, ANNO_EXTENSION],
        "id": "",
        "type": "AnnotationCollection",
        "label": descriptor()["title"],
        "total": len(items),
        "first": {"id": "#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }
