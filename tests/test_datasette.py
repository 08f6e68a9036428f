"""The published database, queried through Datasette's own test client."""
from __future__ import annotations

import json

import pytest
from conftest import SEEDS
from cybergov.publication.database import build_database
from cybergov.publication.site import metadata


@pytest.fixture(scope="module")
def ds(built):
    from datasette.app import Datasette

    db = build_database(built)
    return Datasette([str(db)], immutables=[], metadata=metadata(built), settings={"suggest_facets": False})


def get(ds, path: str):
    import asyncio

    return asyncio.run(ds.client.get(path))


def test_every_table_is_published_with_its_description(ds, built):
    pkg = json.loads(built.datapackage.read_text(encoding="utf-8"))
    tables = {t["name"]: t for t in get(ds, "/cybergov.json").json()["tables"]}
    for res in pkg["resources"]:
        assert res["name"] in tables and tables[res["name"]]["count"] >= 0
    page = get(ds, "/cybergov/sentences")
    assert page.status_code == 200
    assert "Sentences of the published text" in page.text  # table description from the Table Schema
    assert "CC-BY-4.0" in page.text


def test_sentence_links_to_its_document(ds):
    r = get(ds, f"/cybergov/sentences.json?_shape=array&_labels=on&document_id={SEEDS['remarks']}&_size=2")
    first = r.json()[0]
    assert first["document_id"]["value"] == SEEDS["remarks"]
    assert first["document_id"]["label"].startswith("Remarks by Ambassador Fu Cong")
    page = get(ds, f"/cybergov/sentences?document_id={SEEDS['remarks']}&ordinal=1&_size=1")
    assert page.status_code == 200 and f'href="/cybergov/documents/{SEEDS["remarks"]}"' in page.text
    assert get(ds, f"/cybergov/documents/{SEEDS['remarks']}").status_code == 200


def test_full_text_search_finds_the_un_remarks(ds):
    r = get(ds, "/cybergov/sentences.json?_search=cyberspace&_shape=array&_size=100")
    hits = r.json()
    assert len(hits) >= 10
    assert {h["document_id"] for h in hits} >= {SEEDS["remarks"]}
    assert all("cyberspace" in h["text"].lower() for h in hits)


def test_canned_queries(ds):
    r = get(ds, "/cybergov/entity_statements.json?entity_id=brics&_shape=array")
    assert r.status_code == 200 and any(row["what"] == "mention" for row in r.json())
    matrix = get(ds, "/cybergov/theme_document_matrix.json?_shape=array").json()
    assert any(row["theme_id"] == "counter-terrorism" and row["document_id"] == SEEDS["readout"] for row in matrix)
    forms = get(ds, "/cybergov/formulations_across_documents.json?_shape=array").json()
    assert any(row["formulation"] and row["date_published"] == "2024-06-20" for row in forms)
    stances = get(ds, "/cybergov/stances_by_holder_and_object.json?_shape=array").json()
    assert stances and stances[0]["holder_id"] == "china"


def test_column_descriptions_come_from_the_schemas(built):
    meta = metadata(built)
    schema = json.loads((built.root / "schemas" / "tables" / "mentions.json").read_text(encoding="utf-8"))
    columns = meta["databases"]["cybergov"]["tables"]["mentions"]["columns"]
    assert columns == {f["name"]: f["description"] for f in schema["fields"]}
