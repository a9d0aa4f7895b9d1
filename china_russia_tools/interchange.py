"""The tables in the formats of other tools: Croissant (dataset catalogues and ML loaders) and schema.org
ClaimReview (fact-check aggregators); FollowTheMoney and W3C Web Annotation are in
:mod:`~china_russia_tools.interchange_spans`.

Every builder returns a JSON-ready structure made from the registry, the descriptor and the rows
(:func:`~china_russia_tools.tables.records`), sorted by id; :func:`dumps` writes it the same way
every time, so two exports are byte-identical. No JSON-LD context is fetched: each document carries
its context inline. See ``docs/interchange.md`` for what each reader accepts and what is left out.
"""

from __future__ import annotations

import json
import re
from typing import Any

from . import registry
from .citation import cite
from .errors import DataError
from .fields import plain
from .rules.words import sentence_around
from .tables import AUTHOR, descriptor, id_column, records, resource, seed_resources, source_text
from .verdicts import verdicts_of

Json = dict[str, Any]


def plain_row(row: dict[str, Any]) -> Json:
    """A row of :func:`~china_russia_tools.tables.records` as a JSON object."""
    return {key: plain(value) for key, value in row.items()}


def dumps(data: Any) -> str:
    """JSON text written the same way every time: sorted keys, UTF-8 kept, two-space indent, final newline."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def dumps_lines(items: list[Json]) -> str:
    """One compact JSON object a line, sorted keys (the FollowTheMoney entity stream)."""
    return "".join(json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n" for item in items)


def jsonld_script(data: Json) -> str:
    """``data`` as an HTML ``<script type="application/ld+json">`` element (``</`` escaped)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def _hex(entry: dict[str, Any]) -> str:
    return str(entry["hash"]).removeprefix("sha256:")


def _data_licence() -> str:
    """Address of the licence of the tables (the descriptor's ``CC-BY-4.0``; MIT covers only the code)."""
    for licence in descriptor().get("licenses", []):
        if licence.get("name") == DATA_LICENCE:
            return licence["path"]
    raise DataError(f"the descriptor names no {DATA_LICENCE} licence, the licence of the tables")


# Croissant ----------------------------------------------------------------------------------------

CROISSANT_VERSION = "http://mlcommons.org/croissant/1.1"
DATA_LICENCE = "CC-BY-4.0"
PARQUET = "application/x-parquet"
"""The media type under which mlcroissant 1.1 reads Parquet (it reads none under the IANA
``application/vnd.apache.parquet`` of the descriptor)."""

CROISSANT_CONTEXT: Json = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "conformsTo": "dct:conformsTo",
    **{
        term: f"cr:{term}"
        for term in (
            "arrayShape citeAs column containedIn equivalentProperty extract field fileObject fileProperty fileSet "
            "format includes isArray isLiveDataset jsonPath key md5 parentField path recordSet references regex "
            "repeated replace samplingRate separator source subField transform"
        ).split()
    },
}
"""The Croissant 1.1 context, inline as the specification's examples write it (mlcroissant warns of any
key missing)."""


def _file_object(path: str, description: str, media_type: str, sha256: str) -> Json:
    return {
        "@type": "cr:FileObject",
        "@id": path,
        "name": path,
        "description": description,
        "contentUrl": path,
        "encodingFormat": media_type,
        "sha256": sha256,
    }


def _references(name: str) -> dict[str, Json]:
    """Column -> the column it refers to, as Croissant ``references`` of a file column.

    The specification's example form, ``{"field": {"@id": "entities/entity_id"}}``, is read wrong by
    mlcroissant 1.1 (joins leak between record sets of one ``Dataset``; a test says when that is
    fixed); the form used here, the referenced file and column, reads right in any order. A column that
    holds no value yet gets none: mlcroissant reads an empty column as numbers and cannot join it; nor
    does a column referring to its own table (a series' mirror), which mlcroissant reads as a cycle.
    """
    found = {}
    rows = records(name)
    for key in resource(name)["schema"].get("foreignKeys", []):
        target = key["reference"].get("resource") or name
        for column, other in zip(key["fields"], key["reference"]["fields"], strict=True):
            if target != name and any(row[column] is not None for row in rows):
                found[column] = {"fileObject": {"@id": resource(target)["path"]}, "extract": {"column": other}}
    return found


def _record_set(name: str) -> Json:
    """The RecordSet of table ``name``: every field with its type and description, key and references."""
    entry = resource(name)
    references = _references(name)
    fields = []
    for field in entry["schema"]["fields"]:
        column = field["name"]
        item = {
            "@type": "cr:Field",
            "@id": f"{name}/{column}",
            "name": column,
            "description": field.get("description", column),
            "dataType": registry.TYPES[field["type"]].croissant,
            "source": {"fileObject": {"@id": entry["path"]}, "extract": {"column": column}},
        }
        if column in references:
            item["references"] = references[column]
        fields.append(item)
    primary = entry["schema"]["primaryKey"]
    keys = [{"@id": f"{name}/{column}"} for column in ([primary] if isinstance(primary, str) else primary)]
    return {
        "@type": "cr:RecordSet",
        "@id": name,
        "name": name,
        "description": entry.get("description", entry.get("title", name)),
        "field": fields,
        "key": keys[0] if len(keys) == 1 else keys,
    }


def semantic_version(version: str) -> str:
    """The package version as Croissant asks for it, MAJOR.MINOR.PATCH: a development version ``0.5.0.dev0``
    becomes the pre-release ``0.5.0-dev.0``."""
    return re.sub(r"^(\d+\.\d+\.\d+)\.dev(\d+)$", r"\1-dev.\2", version)


def croissant() -> Json:
    """Croissant 1.1 metadata of the package: a FileObject per Parquet table and per seed (paths relative
    to the metadata file, with their SHA-256), a RecordSet per table of the registry, licence, citation."""
    meta = descriptor()
    files = [
        _file_object(resource(name)["path"], f"The {name} table, Parquet.", PARQUET, _hex(resource(name)))
        for name in registry.names()
    ]
    for entry in seed_resources():
        item = _file_object(
            entry["path"],
            f"{entry.get('title', entry['name'])}: the source text byte for byte as received (UTF-8); copyright "
            "stays with its publisher. Spans are 0-based, end-exclusive Unicode code point offsets into it.",
            entry.get("mediatype", "text/plain"),
            _hex(entry),
        )
        files.append({**item, "contentSize": f"{entry['bytes']} B"} if "bytes" in entry else item)
    return {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CROISSANT_VERSION,
        "name": meta["name"],
        "description": meta["description"],
        "version": semantic_version(meta["version"]),
        "datePublished": meta["created"][:10],
        "license": _data_licence(),
        "citeAs": cite(None, format="bibtex"),
        "url": meta["homepage"],
        "keywords": list(meta.get("keywords", [])),
        "creator": {"@type": "sc:Organization", "name": AUTHOR},
        "distribution": files,
        "recordSet": [_record_set(name) for name in registry.names()],
    }


# ClaimReview --------------------------------------------------------------------------------------

SCHEMA = "http://schema.org/"
SCHEMA_TERMS = (
    "ClaimReview Claim Rating Organization Person NewsArticle MediaObject CreativeWork identifier claimReviewed "
    "itemReviewed appearance headline encoding encodingFormat name sha256 author reviewRating alternateName "
    "ratingExplanation citation publisher datePublished"
).split()
SCHEMA_CONTEXT: Json = {
    **{term: SCHEMA + term for term in SCHEMA_TERMS},
    **{term: {"@id": SCHEMA + term, "@type": "@id"} for term in ("url", "sameAs")},
}
"""Exactly the schema.org terms the reviews use, mapped to their IRIs (``http://schema.org/``, the
namespace of schema.org's own context); ``url`` and ``sameAs`` hold IRIs."""
WIKIDATA = "http://www.wikidata.org/entity/"
RATING_WORDS = {
    "relay": {
        "consistent": "relayed as its report gives it",
        "discrepancy": "its report says otherwise",
        "unverified": "no report held decides its relay",
    },
    "data": {
        "consistent": "the number agrees with the official statistic",
        "discrepancy": "the number disagrees with the official statistic",
        "unverified": "the number is not checked against the statistic",
    },
}
"""What each verdict says in a ClaimReview's ``alternateName``."""


def rating_name(verdicts: dict[str, str]) -> str:
    """A row's verdicts as a rating's ``alternateName``: ``relay consistent, data unverified: relayed as
    its report gives it; the number is not checked against the statistic``."""
    named = ", ".join(f"{question} {status}" for question, status in verdicts.items())
    return f"{named}: " + "; ".join(RATING_WORDS[question][status] for question, status in verdicts.items())


def _party(entity: dict[str, Any] | None) -> Json | None:
    """An entity as the schema.org Person or Organization who makes a claim."""
    if entity is None:
        return None
    party = {"@type": "Person" if entity["entity_type"] == "person" else "Organization", "name": entity["name"]}
    return {**party, "sameAs": WIKIDATA + entity["wikidata_id"]} if entity["wikidata_id"] else party


def _citation(reference: dict[str, Any]) -> Json:
    item = {
        "@type": "CreativeWork",
        "identifier": reference["reference_id"],
        "name": reference["title"],
        "publisher": {"@type": "Organization", "name": reference["publisher"]},
        "datePublished": plain(reference["published"]),
    }
    return {**item, "url": reference["url"]} if reference["url"] else item


def _appearance(source: dict[str, Any]) -> Json:
    """The source as the NewsArticle a claim appears in; the seed file (with its SHA-256) is its encoding."""
    article = {
        "@type": "NewsArticle",
        "headline": source["title"],
        "identifier": source["source_id"],
        "encoding": {
            "@type": "MediaObject",
            "encodingFormat": "text/plain",
            "name": source["path"],
            "sha256": source["sha256"],
        },
    }
    if source["published_earliest"] is not None and source["published_earliest"] == source["published_latest"]:
        article["datePublished"] = plain(source["published_earliest"])
    return article


def claim_reviews(in_report: bool = False) -> list[Json]:
    """A ClaimReview of each checked row (of every table checks may target), sorted by row id.

    ``claimReviewed`` is the sentence around the row's words; ``itemReviewed`` a Claim that appears in
    the source and is made by the row's claimant (registry ``claimant``); ``reviewRating`` carries the
    row's verdicts in words as ``alternateName`` (:func:`rating_name`) and each check's note as
    ``ratingExplanation``; the
    references the checks used are its ``citation``. ``in_report`` adds ``url``, the row's place on its
    report page.
    """
    meta = descriptor()
    sources = {row["source_id"]: row for row in records("sources")}
    entities = {row["entity_id"]: row for row in records("entities")}
    references = {row["reference_id"]: row for row in records("references")}
    checks = registry.checks_by_target(records("checks"), meta)
    author = {"@type": "Organization", "name": AUTHOR, "url": meta["homepage"]}
    reviews = []
    for name in registry.checked():
        claimant = registry.table(name).claimant
        for row in records(name):
            row_id = row[id_column(name)]
            found = sorted(checks.get((name, row_id), []), key=lambda check: check["check_id"])
            if not found:
                continue
            text = source_text(row["source_id"])
            first, last = sentence_around(text, row["char_start"], row["char_end"])
            claim = {"@type": "Claim", "appearance": _appearance(sources[row["source_id"]])}
            party = _party(entities.get(row[claimant])) if claimant and row[claimant] else None
            explanation = " ".join(
                f"{check['check_id']} ({check['status']})" + (f": {check['note']}" if check["note"] else "")
                for check in found
            )
            cited = sorted({check["reference_id"] for check in found if check["reference_id"]})
            review = {
                "@context": SCHEMA_CONTEXT,
                "@type": "ClaimReview",
                "@id": f"#claimreview-{row_id}",
                "identifier": row_id,
                "claimReviewed": text[first:last].strip(),
                "itemReviewed": {**claim, "author": party} if party else claim,
                "reviewRating": {
                    "@type": "Rating",
                    "alternateName": rating_name(verdicts_of(row)),
                    "ratingExplanation": explanation,
                },
                "author": author,
                "datePublished": meta["created"][:10],
            }
            if cited:
                review["citation"] = [_citation(references[reference_id]) for reference_id in cited]
            if in_report:
                review["url"] = f"#{row_id}"
            reviews.append(review)
    return sorted(reviews, key=lambda review: review["identifier"])


def claimreview_graph() -> Json:
    """The ``claimreview.jsonld`` document: the context once, every review in ``@graph``."""
    graph = [{key: value for key, value in review.items() if key != "@context"} for review in claim_reviews()]
    return {"@context": SCHEMA_CONTEXT, "@graph": graph}
