"""`cybergov release`: the zip holds a valid package, Parquet copies typed from the schemas,
the documents, and checksums; CITATION.cff is valid CFF 1.2.0."""
from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
import pytest
import yaml
from conftest import ROOT, rows
from cybergov.errors import InputError
from cybergov.publication.release import ARROW_TYPES, make_release

# The CFF 1.2.0 JSON Schema, as vendored by the cffconvert 2.0.0 wheel on PyPI
# (cffconvert/schemas/1.2.0/schema.json; cffconvert itself pins jsonschema<4, so it is not installed).
CFF_SCHEMA = Path(__file__).parent / "fixtures" / "cff-schema-1.2.0.json"
DOCS = ("README.md", "CITATION.cff", "CODEBOOK.md")


def test_citation_is_valid_cff(built):
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"].endswith("/1.2.0/schema.json")
    jsonschema.validate(citation, schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    assert citation["type"] == "dataset" and citation["cff-version"] == "1.2.0"
    package = json.loads(built.datapackage.read_text(encoding="utf-8"))
    assert str(citation["version"]) == package["version"]
    assert citation["license"] == package["licenses"][0]["name"]


@pytest.fixture
def releasable(project):
    for doc in DOCS:
        if (ROOT / doc).is_file():
            shutil.copy2(ROOT / doc, project.root / doc)
    return project


@pytest.fixture
def release(releasable, tmp_path):
    zip_path = make_release(releasable)
    out = tmp_path / "unzipped"
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(out)
    (folder,) = out.iterdir()
    return releasable, zip_path, folder


def test_release_holds_the_package_docs_parquet_and_checksums(release):
    paths, zip_path, folder = release
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    assert zip_path == paths.dist / f"cybergov-{package['version']}.zip"
    assert folder.name == f"cybergov-{package['version']}"
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {"datapackage.json", "README.md", "CITATION.cff", "SHA256SUMS"} <= files
    assert ("CODEBOOK.md" in files) == (paths.root / "CODEBOOK.md").is_file()
    for res in package["resources"]:
        assert res["path"] in files and res["schema"] in files and f"parquet/{res['name']}.parquet" in files
    assert "data/statements.jsonl" in files
    # SHA256SUMS lists every other file once, with its checksum.
    sums = dict(reversed(line.split("  ", 1)) for line in (folder / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == files - {"SHA256SUMS"}
    for name, digest in sums.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_parquet_copies_are_typed_from_the_table_schemas(release):
    paths, _, folder = release
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    for res in package["resources"]:
        schema = json.loads((folder / res["schema"]).read_text(encoding="utf-8"))
        table = pq.read_table(folder / "parquet" / f"{res['name']}.parquet")
        assert table.schema.names == [f["name"] for f in schema["fields"]]
        assert table.num_rows == len(rows(paths, res["name"]))
        for f in schema["fields"]:
            field = table.schema.field(f["name"])
            assert field.type == ARROW_TYPES[f["type"]], (res["name"], f["name"])
            assert field.metadata[b"description"].decode() == f["description"]
            if f.get("constraints", {}).get("required"):
                assert table.column(f["name"]).null_count == 0 and not field.nullable
    documents = pq.read_table(folder / "parquet" / "documents.parquet").to_pylist()
    assert [d["text"] for d in documents] == [r["text"] for r in rows(paths, "documents")]


def test_release_is_a_valid_frictionless_package(release):
    from frictionless import Package, system

    _, _, folder = release
    with system.use_context(trusted=False):
        report = Package(str(folder / "datapackage.json"), basepath=str(folder)).validate()
    assert report.valid, report.flatten(["type", "message"])[:5]


def test_release_is_reproducible(releasable):
    first = make_release(releasable).read_bytes()
    assert make_release(releasable).read_bytes() == first


def test_release_refuses_a_stale_citation_or_missing_docs(releasable):
    cff = releasable.root / "CITATION.cff"
    cff.write_text(cff.read_text(encoding="utf-8").replace("\nversion: ", "\nversion: 9"), encoding="utf-8")
    with pytest.raises(InputError, match="CITATION.cff gives version"):
        make_release(releasable)
    (releasable.root / "README.md").unlink()
    with pytest.raises(InputError, match="README.md is missing"):
        make_release(releasable)
    assert not list(releasable.dist.glob("*.zip")), "a refused release leaves no zip"
