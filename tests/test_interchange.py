"""Croissant, FollowTheMoney, W3C Web Annotation and ClaimReview exports, each read back by its own reference
library: mlcroissant, followthemoney, anchorpoint, pyld and extruct. Nothing may touch the network: every
connection and non-local look-up is refused and recorded, so that one a library catches and hides still
fails the last test."""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import socket
from pathlib import Path

import pytest

import china_russia_tools as crt
from china_russia_tools import interchange, interchange_spans, registry
from china_russia_tools.errors import ExportError
from china_russia_tools.export import ANNOTATIONS, CLAIMREVIEWS, CROISSANT, FTM, export
from china_russia_tools.interchange import SCHEMA_CONTEXT, claim_reviews
from china_russia_tools.outdir import MANIFEST
from china_russia_tools.tables import data_dir, descriptor, id_column, records, resource
from conftest import needs, seed_text
from corpus import S000, S003, require, require_row

pytestmark = pytest.mark.slow

INTERCHANGE = ("croissant", "ftm", "web-annotation", "claimreview")
SOURCES = tuple(sorted(row["source_id"] for row in crt.records("sources")))
# Read off the seed by hand (as in test_display.py): the sentence around 000-f02 and its words at 693-704.
SENTENCE_000_F02 = (
    "Russian customs reports indicate a notable uptick, with Chinese manufacturers shipping £68 million worth of "
    "equipment in July, compared to £6.5 million in February 2022, when Russia initiated the full-scale invasion."
)

ATTEMPTS: list[str] = []
"""Every refused connection or look-up."""


class NetworkUsed(RuntimeError):
    pass


@pytest.fixture(scope="module", autouse=True)
def no_network():
    """Refuse every IP connection (loopback too) and every non-local DNS look-up in this module."""
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(self, address):
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)
        ATTEMPTS.append(f"connect {address!r}")
        raise NetworkUsed(f"network connection attempted to {address!r}")

    def getaddrinfo(host, *args, **kwargs):
        if host in (None, "", "localhost") or str(host).startswith("127.") or host == "::1":
            return real_getaddrinfo(host, *args, **kwargs)
        ATTEMPTS.append(f"getaddrinfo {host!r}")
        raise NetworkUsed(f"DNS look-up attempted for {host!r}")

    socket.socket.connect, socket.getaddrinfo = connect, getaddrinfo
    try:
        yield
    finally:
        socket.socket.connect, socket.getaddrinfo = real_connect, real_getaddrinfo


def test_the_network_guard_refuses_and_records():
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with pytest.raises(Exception, match="DNS look-up attempted for 'schema.org'"):
        opener.open("http://schema.org/", timeout=2)
    assert ATTEMPTS == ["getaddrinfo 'schema.org'"]
    ATTEMPTS.clear()


def offline_loader(contexts: dict[str, dict]):
    """A pyld document loader that serves ``contexts`` from memory and refuses any other address."""

    def load(url, options=None):
        if url in contexts:
            return {"contextUrl": None, "documentUrl": url, "document": contexts[url]}
        ATTEMPTS.append(f"pyld {url}")
        raise NetworkUsed(f"pyld tried to load {url}")

    return load


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each of the four exports in its own folder, and the report in ``report/``."""
    from china_russia_tools.report import write_report

    root = tmp_path_factory.mktemp("interchange")
    for format in INTERCHANGE:
        export(root / format, format)
    write_report(root / "report")
    return root


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("format", INTERCHANGE)
def test_exports_are_byte_identical_across_runs(out, tmp_path, format):
    export(tmp_path / "again", format)
    assert files(tmp_path / "again") == files(out / format)


def test_files_written(out):
    parquet = sorted(resource(name)["path"] for name in registry.names())
    seeds = [f"seeds/{source_id}.txt" for source_id in SOURCES]
    assert sorted(files(out / "croissant")) == sorted([MANIFEST, CROISSANT, *parquet, *seeds])
    assert sorted(files(out / "ftm")) == [MANIFEST, FTM]
    assert sorted(files(out / "web-annotation")) == sorted([MANIFEST, ANNOTATIONS, *seeds])
    assert sorted(files(out / "claimreview")) == [MANIFEST, CLAIMREVIEWS]
    for path in [*parquet, *seeds]:
        assert (out / "croissant" / path).read_bytes() == (data_dir() / path).read_bytes()


def test_an_export_replaces_another_and_refuses_other_files(out, tmp_path):
    shutil.copytree(out / "croissant", tmp_path / "out")
    export(tmp_path / "out", "ftm")
    assert sorted(files(tmp_path / "out")) == [MANIFEST, FTM]
    (tmp_path / "out" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError) as raised:  # the refusal's words are asserted in test_outdir.py
        export(tmp_path / "out", "claimreview")
    assert str(raised.value).startswith(f"{tmp_path / 'out'} ") and "(notes.txt)" in str(raised.value)


# Croissant ----------------------------------------------------------------------------------------


def plain(value):
    """A value as mlcroissant gives it (text as bytes, dates as Timestamps, NaN for null) made plain."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    if hasattr(value, "item"):
        value = value.item()
    return None if isinstance(value, float) and math.isnan(value) else value


def test_croissant_loads_and_every_record_set_yields_the_rows(out, caplog):
    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=out / "croissant" / CROISSANT)  # a path: contentUrls resolve against its folder
    issues = dataset.metadata.ctx.issues
    assert (issues.errors, issues.warnings) == (set(), set())
    assert "not standard" not in caplog.text  # the context has every key mlcroissant expects
    assert [record_set.uuid for record_set in dataset.metadata.record_sets] == list(registry.names())
    for name in reversed(registry.names()):  # one Dataset, read in reverse: references must not leak
        columns = [field["name"] for field in resource(name)["schema"]["fields"]]
        got = [[plain(record[f"{name}/{column}"]) for column in columns] for record in dataset.records(name)]
        assert got == [[row[column] for column in columns] for row in records(name)], name


def test_croissant_declares_types_keys_references_and_hashes(out):
    document = json.loads((out / "croissant" / CROISSANT).read_text(encoding="utf-8"))
    assert document["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    assert document["version"] == interchange.semantic_version(crt.__version__)
    assert document["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert document["citeAs"] == crt.cite(None, format="bibtex")
    for item in document["distribution"]:
        assert hashlib.sha256((out / "croissant" / item["contentUrl"]).read_bytes()).hexdigest() == item["sha256"]
    for record_set in document["recordSet"]:
        schema = resource(record_set["name"])["schema"]
        keys = [{"@id": f"{record_set['name']}/{column}"} for column in schema["primaryKey"]]
        assert record_set["key"] == (keys[0] if len(keys) == 1 else keys)
        fields = {field["name"]: field for field in record_set["field"]}
        assert list(fields) == [field["name"] for field in schema["fields"]]
        for field in schema["fields"]:
            assert fields[field["name"]]["dataType"] == registry.TYPES[field["type"]].croissant
            assert fields[field["name"]]["description"] == field["description"]
        rows = crt.records(record_set["name"])
        for key in schema.get("foreignKeys", []):
            column = key["fields"][0]
            if key["reference"]["resource"] == record_set["name"] or all(row[column] is None for row in rows):
                # mlcroissant reads a reference to its own table as a cycle and an empty column as numbers
                assert "references" not in fields[column], column
                continue
            target = resource(key["reference"]["resource"])["path"]
            expected = {"fileObject": {"@id": target}, "extract": {"column": key["reference"]["fields"][0]}}
            assert fields[column]["references"] == expected
    figures = next(record_set for record_set in document["recordSet"] if record_set["name"] == "figures")
    types = {field["name"]: field["dataType"] for field in figures["field"]}
    assert [types[name] for name in ("value", "period_start", "period_inferred", "char_start", "text")] == [
        "sc:Float", "sc:Date", "sc:Boolean", "sc:Integer", "sc:Text"
    ]


def test_mlcroissant_checks_the_sha256(out):
    import mlcroissant as mlc

    document = json.loads((out / "croissant" / CROISSANT).read_text(encoding="utf-8"))
    for item in document["distribution"]:
        if item["@id"] == "data/entities.parquet":
            item["sha256"] = "0" * 64
    mapping = {item["@id"]: str(out / "croissant" / item["contentUrl"]) for item in document["distribution"]}
    with pytest.raises(mlc.GenerationError):
        list(mlc.Dataset(jsonld=document, mapping=mapping).records("entities"))


def read_counts(dataset, names) -> dict[str, object]:
    """Rows read from each record set in turn, or the name of the error raised."""
    counts = {}
    for name in names:
        try:
            counts[name] = len(list(dataset.records(name)))
        except Exception as error:  # noqa: BLE001 - the error is the finding
            counts[name] = type(error).__name__
    return counts


def test_mlcroissant_still_misreads_the_specification_form_of_references(out, tmp_path):
    """When this fails, mlcroissant reads ``references: {field: ...}`` right: switch
    ``interchange._references`` to that form (the specification's example) and drop this test."""
    import mlcroissant as mlc

    document = json.loads((out / "croissant" / CROISSANT).read_text(encoding="utf-8"))
    tables = {resource(name)["path"]: name for name in registry.names()}
    referring = []  # the record sets whose fields now take the specification's form
    for record_set in document["recordSet"]:
        for field in record_set["field"]:
            if "references" in field:
                target = field["references"]
                table, column = tables[target["fileObject"]["@id"]], target["extract"]["column"]
                field["references"] = {"field": {"@id": f"{table}/{column}"}}
                referring.append(record_set["@id"])
    shutil.copytree(out / "croissant" / "data", tmp_path / "data")
    shutil.copytree(out / "croissant" / "seeds", tmp_path / "seeds")
    (tmp_path / CROISSANT).write_text(json.dumps(document), encoding="utf-8")
    expected = {name: len(records(name)) for name in registry.names()}
    referring = [name for name in registry.names() if name in referring]
    assert referring  # the test changes something
    fresh = {name: read_counts(mlc.Dataset(jsonld=tmp_path / CROISSANT), [name])[name] for name in referring}
    assert fresh == {name: expected[name] for name in referring}  # the form is valid: read one per Dataset
    shared = read_counts(mlc.Dataset(jsonld=tmp_path / CROISSANT), reversed(registry.names()))
    assert shared != expected, "mlcroissant now reads field references right: switch to the specification's form"


def test_the_report_index_embeds_the_croissant_metadata(out):
    import extruct

    page = (out / "report" / "index.html").read_text(encoding="utf-8")
    found = extruct.extract(page, syntaxes=["json-ld"], uniform=False)["json-ld"]
    assert found == [json.loads((out / "croissant" / CROISSANT).read_text(encoding="utf-8"))]


# FollowTheMoney -----------------------------------------------------------------------------------


def ftm_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_ftm_every_line_loads_keeping_every_property(out):
    model = needs("followthemoney").model

    entities = ftm_lines(out / "ftm" / FTM)
    schemas = {entity["id"]: entity["schema"] for entity in entities}
    assert len(schemas) == len(entities)
    for entity in entities:
        proxy = model.get_proxy(entity, cleaned=False)  # FtM cleans every value again
        assert (proxy.id, proxy.schema.name) == (entity["id"], entity["schema"])
        assert proxy.to_dict()["properties"] == entity["properties"], entity["id"]
        assert all(proxy.get(name) for name in proxy.schema.required), entity["id"]
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":  # every link points at an entity of the file of a fitting schema
                assert model.get(schemas[value]).is_a(prop.range), (entity["id"], prop.name)
    counts = {schema: list(schemas.values()).count(schema) for schema in set(schemas.values())}
    assert counts["Article"] == len(records("sources"))
    assert counts["Mention"] + counts["Documentation"] == len(records("mentions"))
    kept = [row for row in records("entities") if interchange_spans.FTM_SCHEMAS[row["entity_type"]]]
    assert len(entities) == len(kept) + len(records("sources")) + len(records("mentions"))


def test_ftm_values(out):
    require(S000)
    require(S003)
    entities = {entity["id"]: entity for entity in ftm_lines(out / "ftm" / FTM)}
    assert entities["crt-entity-china"] == {
        "id": "crt-entity-china",
        "schema": "Territory",
        "properties": {
            "country": ["cn"],
            "description": [
                "The People's Republic of China; also stands for its government where \"Beijing\" is used."
            ],
            "name": ["China"],
            "wikidataId": ["Q148"],
        },
    }
    assert entities["crt-entity-soviet-union"]["properties"]["country"] == ["suhh"]  # FtM's code of a former state
    assert entities["crt-entity-russian-customs"]["schema"] == "PublicBody"
    assert "crt-entity-t-80" not in entities  # FtM has no schema for a model of equipment
    article = entities["crt-source-003-c75e6f810a717f86"]["properties"]
    assert article["title"] == ["China Limits High-Tech Exports to Russia, Undermining Kremlin’s Defense"]
    assert article["publishedAt"] == ["2025"]  # published between 2025-09-08 and 2025-12-31
    seed = seed_text("003_c75e6f810a717f86").encode("utf-8")
    assert article["contentHash"] == [hashlib.sha1(seed).hexdigest()]
    assert "003_c75e6f810a717f86" in article["description"][0]
    assert hashlib.sha256(seed).hexdigest() in article["description"][0]
    # Published between 2024-01-02 and 2024-01-31 (the latest bound from a dated copy of its text): the month.
    assert entities["crt-source-000-b9924b3dcfb55283"]["properties"]["publishedAt"] == ["2024-01"]
    for entity in entities.values():  # the publishers' text is not carried
        assert not {"bodyText", "indexText", "translatedText"} & set(entity["properties"]), entity["id"]
    t80 = [e for e in entities.values() if e["schema"] == "Mention" and e["properties"]["name"] == ["T-80"]]
    assert t80 and all("resolved" not in mention["properties"] for mention in t80)


def test_every_entity_type_has_an_ftm_schema_or_is_left_out_on_purpose():
    field = next(f for f in resource("entities")["schema"]["fields"] if f["name"] == "entity_type")
    assert sorted(interchange_spans.FTM_SCHEMAS) == sorted(field["constraints"]["enum"])


@pytest.fixture
def china_on_wikidata(monkeypatch):
    """The entity ``china`` with the Wikidata id of the People's Republic of China (none is set yet)."""

    def with_wikidata(name):
        rows = records(name)
        if name == "entities":
            rows = [dict(row, wikidata_id="Q148") if row["entity_id"] == "china" else row for row in rows]
        return rows

    monkeypatch.setattr(interchange_spans, "records", with_wikidata)


def test_wikidata_id_in_ftm_and_web_annotation(china_on_wikidata):
    model = needs("followthemoney").model

    china = next(entity for entity in interchange_spans.ftm_entities() if entity["id"] == "crt-entity-china")
    assert model.get_proxy(china, cleaned=False).get("wikidataId") == ["Q148"]
    items = interchange_spans.web_annotations()["first"]["items"]
    china_mentions = [row["mention_id"] for row in records("mentions") if row["entity_id"] == "china"]
    found = [item for item in items if item["id"][1:] in china_mentions]
    assert len(found) == len(china_mentions) > 0
    wikidata = {"id": "http://www.wikidata.org/entity/Q148", "purpose": "identifying"}
    assert all(item["body"][1:] == [wikidata] and item["motivation"] == "identifying" for item in found)


# W3C Web Annotation -------------------------------------------------------------------------------

ANNO_TERMS = {
    "id": "@id",
    "type": "@type",
    "oa": "http://www.w3.org/ns/oa#",
    "as": "http://www.w3.org/ns/activitystreams#",
    "Annotation": "oa:Annotation",
    "AnnotationCollection": "as:OrderedCollection",
    "AnnotationPage": "as:OrderedCollectionPage",
    "SpecificResource": "oa:SpecificResource",
    "TextualBody": "oa:TextualBody",
    "TextPositionSelector": "oa:TextPositionSelector",
    "TextQuoteSelector": "oa:TextQuoteSelector",
    "Text": "http://purl.org/dc/dcmitype/Text",
    "describing": "oa:describing",
    "identifying": "oa:identifying",
    "body": {"@type": "@id", "@id": "oa:hasBody"},
    "target": {"@type": "@id", "@id": "oa:hasTarget"},
    "source": {"@type": "@id", "@id": "oa:hasSource"},
    "selector": {"@type": "@id", "@id": "oa:hasSelector"},
    "motivation": {"@type": "@vocab", "@id": "oa:motivatedBy"},
    "purpose": {"@type": "@vocab", "@id": "oa:hasPurpose"},
    "items": {"@type": "@id", "@id": "as:items", "@container": "@list"},
    "first": {"@type": "@id", "@id": "as:first"},
    "format": "http://purl.org/dc/elements/1.1/format",
    "language": "http://purl.org/dc/elements/1.1/language",
    "value": "http://www.w3.org/1999/02/22-rdf-syntax-ns#value",
    "label": "http://www.w3.org/2000/01/rdf-schema#label",
    "total": "as:totalItems",
    "startIndex": "as:startIndex",
    "start": "oa:start",
    "end": "oa:end",
    "exact": "oa:exact",
    "prefix": "oa:prefix",
    "suffix": "oa:suffix",
}
"""A minimal context written here, not the W3C file: the terms of http://www.w3.org/ns/anno.jsonld that our
annotations use, with the IRIs that file gives them. The model requires the context by that address, and
nothing is fetched, so the tests serve this in its place."""


def test_every_annotation_reanchors_in_its_seed_with_anchorpoint(out):
    from anchorpoint.textselectors import TextPositionSelector, TextQuoteSelector

    collection = json.loads((out / "web-annotation" / ANNOTATIONS).read_text(encoding="utf-8"))
    items = collection["first"]["items"]
    expected = sorted(f"#{row[id_column(name)]}" for name in registry.layers() for row in records(name))
    assert [item["id"] for item in items] == expected and collection["total"] == len(expected)
    for item in items:
        source = item["target"]["source"]
        data = (out / "web-annotation" / source["id"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == source["sha256"]
        text = data.decode("utf-8")
        found = {selector.pop("type"): selector for selector in item["target"]["selector"]}
        position = TextPositionSelector(**found["TextPositionSelector"])
        quote = TextQuoteSelector(**found["TextQuoteSelector"])
        assert len(quote.prefix) <= 32 and len(quote.suffix) <= 32
        assert position.select_text(text) == quote.exact, item["id"]
        assert quote.as_position(text) == position, item["id"]  # the quote finds the same span ...
        assert quote.is_unique_in(text), item["id"]
        # ... and, since anchorpoint matches case-blind and strips the affixes, they are checked exactly
        assert position.as_quote(text, len(quote.prefix), len(quote.suffix)) == quote, item["id"]
        row = json.loads(item["body"][0]["value"])
        assert (row["char_start"], row["char_end"], row["text"]) == (position.start, position.end, quote.exact)
    require_row("000-f02")
    f02 = next(item for item in items if item["id"] == "#000-f02")
    seed = seed_text("000_b9924b3dcfb55283")
    assert f02["target"]["selector"][0] == {"start": 693, "end": 704}
    assert f02["target"]["selector"][1] == {"exact": "£68 million", "prefix": seed[661:693], "suffix": seed[704:736]}
    assert f02["motivation"] == "describing"


def test_web_annotation_expands_with_pyld(out):
    from pyld import jsonld

    path = out / "web-annotation" / ANNOTATIONS
    document = json.loads(path.read_text(encoding="utf-8"))
    loader = offline_loader({interchange_spans.ANNO_CONTEXT: {"@context": ANNO_TERMS}})
    flat = jsonld.flatten(jsonld.expand(document, {"documentLoader": loader, "base": path.as_uri()}))
    nodes = flat["@graph"] if isinstance(flat, dict) else flat
    annotations = [node for node in nodes if "http://www.w3.org/ns/oa#Annotation" in node.get("@type", [])]
    assert len(annotations) == document["total"]
    assert {len(node["http://www.w3.org/ns/oa#motivatedBy"]) for node in annotations} == {1}
    texts = [node for node in nodes if "http://purl.org/dc/dcmitype/Text" in node.get("@type", [])]
    assert sorted(node["@id"] for node in texts) == [(path.parent / f"seeds/{s}.txt").as_uri() for s in SOURCES]
    assert all(len(node["http://schema.org/sha256"]) == 1 for node in texts)


# ClaimReview --------------------------------------------------------------------------------------


def checked_rows() -> list[str]:
    """Ids of the rows at least one check targets."""
    targets = {check[id_column(name)] for check in records("checks") for name in registry.checked()}
    ids = [row[id_column(name)] for name in registry.checked() for row in records(name)]
    return sorted(row_id for row_id in ids if row_id in targets)


def keys_kept(compact: dict, expanded: dict) -> None:
    """Every key and type of a compact object appears as its schema.org IRI in the expanded one, recursively."""
    assert expanded.get("@type") == (["http://schema.org/" + compact["@type"]] if "@type" in compact else None)
    for key, value in compact.items():
        if key.startswith("@"):
            continue
        assert "http://schema.org/" + key in expanded, key
        nested = [item for item in (value if isinstance(value, list) else [value]) if isinstance(item, dict)]
        for item, node in zip(nested, expanded["http://schema.org/" + key], strict=False):
            keys_kept(item, node)


def test_claimreview_expands_offline_with_pyld_keeping_every_key(out):
    from pyld import jsonld

    path = out / "claimreview" / CLAIMREVIEWS
    graph = json.loads(path.read_text(encoding="utf-8"))
    options = {"documentLoader": offline_loader({}), "base": path.as_uri()}
    expanded = jsonld.expand(graph, options)
    reviews = [node for node in expanded if node.get("@type") == ["http://schema.org/ClaimReview"]]
    assert [review["identifier"] for review in graph["@graph"]] == checked_rows()
    assert len(reviews) == len(graph["@graph"])
    for compact in graph["@graph"]:
        node = jsonld.expand(dict(compact, **{"@context": SCHEMA_CONTEXT}), options)[0]
        keys_kept(compact, node)


def test_claimreview_values():
    require_row("000-f02")
    f02 = next(review for review in claim_reviews() if review["identifier"] == "000-f02")
    assert f02["claimReviewed"] == SENTENCE_000_F02
    assert f02["reviewRating"]["alternateName"] == (
        "relay discrepancy, data unverified: its report says otherwise; "
        "the number is not checked against the statistic")
    assert f02["reviewRating"]["ratingExplanation"].startswith("000-c03 (discrepancy): Same number, other currency")
    assert [item["identifier"] for item in f02["citation"]] == ["bnn-2024-01-02", "daum-2024-01-03", "ft-2024-01-02",
                                                               "myua-2024-01-02", "obozrevatel-2024-01-03",
                                                               "uwc-2024-01-04"]
    assert f02["itemReviewed"]["author"] == {"@type": "Organization", "name": "Russian customs"}
    appearance = f02["itemReviewed"]["appearance"]
    assert appearance["identifier"] == "000_b9924b3dcfb55283" and "datePublished" not in appearance
    assert appearance["encoding"]["sha256"] == hashlib.sha256(seed_text(SOURCES[0]).encode("utf-8")).hexdigest()
    assert f02["datePublished"] == descriptor()["created"][:10]
    # Each rating names both verdicts of a figure, and a quote's relay (its check_status).
    reviews = claim_reviews()
    statuses = {review["identifier"]: review["reviewRating"]["alternateName"].split(":")[0] for review in reviews}
    assert statuses == {
        row[id_column(name)]: (f"relay {row['relay_status']}, data {row['data_status']}" if name == "figures"
                               else f"relay {row['check_status']}")
        for name in registry.checked()
        for row in records(name)
        if row[id_column(name)] in statuses
    }
    assert all("ratingValue" not in review["reviewRating"] for review in claim_reviews())


def test_a_relay_confirmation_is_not_a_true_number():
    figures = crt.figures()
    relayed = figures[(figures["relay_status"] == "consistent") & (figures["data_status"] == "unverified")]
    ratings = {review["identifier"]: review["reviewRating"]["alternateName"] for review in claim_reviews()}
    assert len(relayed) > 0  # e.g. 003-f03, the 16.4% fall Reuters gives but China's tables were not read for
    for figure_id in relayed["figure_id"]:
        assert ratings[figure_id] == ("relay consistent, data unverified: relayed as its report gives it; "
                                      "the number is not checked against the statistic")


def test_extruct_finds_every_claimreview_in_the_report(out):
    import extruct

    graph = json.loads((out / "claimreview" / CLAIMREVIEWS).read_text(encoding="utf-8"))["@graph"]
    found = []
    for source_id in SOURCES:
        page = (out / "report" / f"{source_id}.html").read_text(encoding="utf-8")
        items = extruct.extract(page, syntaxes=["json-ld"], uniform=False)["json-ld"]
        for item in items:
            assert item.pop("@context") == SCHEMA_CONTEXT
            assert item.pop("url") == f"#{item['identifier']}" and f'id="{item["identifier"]}"' in page
            assert item["itemReviewed"]["appearance"]["identifier"] == source_id
        found += items
    assert sorted(found, key=lambda item: item["identifier"]) == graph


def test_row_bodies_write_dates_as_iso_text(out):
    require_row("000-f02")
    collection = json.loads((out / "web-annotation" / ANNOTATIONS).read_text(encoding="utf-8"))
    body = next(item for item in collection["first"]["items"] if item["id"] == "#000-f02")["body"][0]["value"]
    assert (json.loads(body)["period_start"], json.loads(body)["period_end"]) == ("2023-07-01", "2023-07-31")


def test_no_reader_tried_the_network():
    """Last in the file: no refused attempt anywhere, even one a library caught and hid."""
    assert ATTEMPTS == []


def test_croissant_gets_a_development_version_as_a_semantic_pre_release():
    assert interchange.semantic_version("0.5.0.dev0") == "0.5.0-dev.0"
    assert interchange.semantic_version("0.5.0.dev12") == "0.5.0-dev.12"
    assert interchange.semantic_version("0.5.0") == "0.5.0"
