"""Command line: cybergov build | validate | db | serve | report | add."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import InputError
from .paths import Paths


def _fail(exc: Exception) -> None:
    click.secho(f"error: {exc}", fg="red", err=True)
    sys.exit(2)


def _settle(paths: Paths) -> None:
    """Finish or undo what an interrupted build left, and say so, before reading the package."""
    from .pipeline import settle

    for note in settle(paths):
        click.echo(f"note: {note}", err=True)


@click.group()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Project root (default: the repository this package lives in).")
@click.pass_context
def main(ctx: click.Context, root: Path | None) -> None:
    """Build, check and publish the cybergov data package."""
    ctx.obj = Paths.at(root)


@main.command()
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes (default: one per core).")
@click.option("--no-cache", is_flag=True, help="Process every statement again, ignoring cached results.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write data/ and datapackage.json under this folder instead of the project root.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Process the statements on Dask: a scheduler's address (tcp://host:8786), or local-cluster for --jobs local workers.")
@click.pass_obj
def build(paths: Paths, jobs: int | None, no_cache: bool, out: Path | None, scheduler: str | None) -> None:
    """Build data/ and datapackage.json from sources/."""
    from rich.console import Console
    from rich.progress import Progress

    from .pipeline import build as run
    from .sources.statements import statement_folders

    # A progress bar on a terminal only: logs and CI get the summary line alone.
    with Progress(transient=True, disable=not sys.stderr.isatty(), console=Console(stderr=True)) as bar:
        try:
            task = bar.add_task("statements", total=len(statement_folders(paths)))
            summary = run(paths, out_root=out, jobs=jobs, use_cache=not no_cache, progress=lambda n: bar.advance(task, n),
                          scheduler=scheduler)
        except InputError as exc:
            bar.stop()
            _fail(exc)
    rows = ", ".join(f"{t} {n}" for t, n in summary.rows.items())
    click.echo(f"built {summary.documents} statements ({summary.reused} unchanged, reused): {rows}")


@main.command()
@click.option("--fast", is_flag=True, help="Check types, constraints and keys with DuckDB instead of frictionless.")
@click.pass_obj
def validate(paths: Paths, fast: bool) -> None:
    """Validate the package: frictionless, offsets, and the nested JSON."""
    from .package.validate import validate as run

    _settle(paths)
    report = run(paths, fast=fast)
    click.echo(report.render())
    if not report.ok:
        sys.exit(1)


@main.command()
@click.pass_obj
def db(paths: Paths) -> None:
    """Build dist/cybergov.db (SQLite, with full-text search) from the package."""
    from .publication.database import build_database

    _settle(paths)
    path = build_database(paths)
    click.echo(f"wrote {paths.rel(path)}")


@main.command()
@click.option("--port", default=8001, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("-w", "--workers", type=click.IntRange(min=1), default=None, help="Server processes (default: one per core).")
@click.pass_obj
def serve(paths: Paths, port: int, host: str, workers: int | None) -> None:
    """Publish dist/cybergov.db with Datasette, read-only."""
    from .publication.site import serve as run

    run(paths, host=host, port=port, workers=workers)


@main.command()
@click.option("--all", "all_lines", is_flag=True, help="List every miss and false positive, not the first ones of each kind.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when a target is not met (the report always says which).")
@click.pass_obj
def report(paths: Paths, all_lines: bool, strict: bool) -> None:
    """Precision and recall of the rule annotators against the gold files, and codebook gaps."""
    from .package.report import report as run

    ok = run(paths, all_lines=all_lines)
    if strict and not ok:
        sys.exit(1)


@main.command()
@click.pass_obj
def release(paths: Paths) -> None:
    """Write dist/cybergov-<version>.zip: data, schemas, docs, Parquet copies and SHA256SUMS."""
    from .publication.downloads import write_manifest
    from .publication.release import make_release

    _settle(paths)
    try:
        path = make_release(paths)
    except InputError as exc:
        _fail(exc)
    click.echo(f"wrote {paths.rel(path)}")
    if paths.database.is_file():
        write_manifest(paths)  # the downloads page names the new zip


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--publisher", default=None, help="Entity id of the publisher, when neither a site profile nor the page names one.")
@click.option("--url", default=None, help="Address of the page (recorded as source_url; its host may name the publisher).")
@click.option("--id", "doc_id", default=None, help="Statement id (a slug); default: <date>-<speaker or publisher>-<title keywords>.")
@click.option("--date", default=None, help="Publication date (YYYY-MM-DD, YYYY-MM or YYYY) of a page that states none, or that states several.")
@click.option("--title", default=None, help="The title line, when the page's is not found (or the page states none).")
@click.option("--speaker", default=None, help="The speaker's name as the page states it, or a person's entity id.")
@click.option("--role", default=None, help="The speaker's post as the page states it.")
@click.option("--holder", default=None, help="Entity id of the state or organisation whose positions the statement sets out.")
@click.option("--language", default=None, help="en, zh-Hans or zh-Hant, when the text is not recognised.")
@click.option("--genre", default=None, help="statement, remarks, readout, press_release, joint_statement, interview, ...")
@click.option("--event", default=None, help="Id of the meeting in sources/events.yaml.")
@click.pass_obj
def add(paths: Paths, file: Path, publisher: str | None, url: str | None, doc_id: str | None, **given: str | None) -> None:
    """Add a saved page (text or HTML) as a new statement under sources/statements/."""
    from .intake.given import Given
    from .intake.summary import render_summary
    from .pipeline import add as run

    try:
        detected = run(paths, file, publisher=publisher, url=url, doc_id=doc_id, given=Given(**given))
    except InputError as exc:
        _fail(exc)
    click.echo(render_summary(detected, paths))


@main.command("import")
@click.argument("adapter", type=click.Choice(["ungdc", "pages"]))
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--speakers", type=click.Path(path_type=Path), default=None,
              help="ungdc: the speakers spreadsheet (Speakers_by_session.xlsx).")
@click.option("--manifest", type=click.Path(path_type=Path), default=None,
              help="pages: the CSV listing the saved pages (file, url, retrieved; optional language, sha256).")
@click.option("--corpus", default=None, help="pages: id of the collection in sources/corpora.yaml.")
@click.option("--scope", type=click.Choice(["in", "all"]), default="in", show_default=True,
              help="`in`: only items that meet the scope cues (sources/codebook/scope.yaml); `all`: every item (for local analysis).")
@click.pass_obj
def import_(paths: Paths, adapter: str, source: Path, speakers: Path | None, manifest: Path | None, corpus: str | None,
            scope: str) -> None:
    """Import a whole corpus: the UN General Debate archive (ungdc) or a folder of saved pages with a manifest (pages)."""
    from rich.console import Console
    from rich.progress import Progress

    from .intake.corpora.report import render_outcome
    from .pipeline import import_corpus

    if adapter == "ungdc" and speakers is None:
        _fail(InputError("the speakers spreadsheet is needed", str(source), fix="add --speakers Speakers_by_session.xlsx"))
    if adapter == "pages" and (manifest is None or corpus is None):
        _fail(InputError("a manifest and a corpus id are needed", str(source), fix="add --manifest index.csv --corpus <id>"))
    with Progress(transient=True, disable=not sys.stderr.isatty(), console=Console(stderr=True)) as bar:
        task = bar.add_task("items", total=None)
        try:
            outcome = import_corpus(paths, adapter, source, speakers=speakers, manifest=manifest, corpus=corpus, scope=scope,
                                    progress=lambda n: bar.advance(task, n))
        except InputError as exc:
            bar.stop()
            _fail(exc)
    click.echo(render_outcome(outcome))
