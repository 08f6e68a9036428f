"""The site under hostile requests (issue 16): `cybergov serve` on 127.0.0.1, asked what an
adversarial user asked for. Each request is answered within its bound, and a statement page
asked for meanwhile is still served quickly. Figures are measured by benchmarks/hostile.py."""
from __future__ import annotations

import shutil
import statistics
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import SEEDS
from cybergov.publication.bounds import RESULT_BYTES
from cybergov.publication.database import build_database
from hostile import ERRORS, HUGE, LONG_QUERY, request, rss_mib
from served import serving

# Generous against the 200 ms the issue asks for: the machine running the tests is shared.
PAGE_SECONDS = 0.5
STATEMENT = f"/statements/{SEEDS['remarks']}"


@pytest.fixture(scope="module")
def site(tmp_path_factory, built):
    root = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(built.root, root, ignore=shutil.ignore_patterns(".cache"))
    from cybergov.paths import Paths

    build_database(Paths.at(root))
    log = root / "serve.log"
    with serving(root, log) as (base, proc):
        yield base, proc, log


def _log_lines(log) -> list[str]:
    return log.read_text(encoding="utf-8", errors="replace").splitlines()


def test_huge_values_and_results_are_refused_without_memory(site):
    """randomblob and printf of a billion bytes, and a million-byte value on every sentence:
    refused at once by SQLite's limits, in a small answer, with the server's memory flat."""
    base, proc, _ = site
    before = rss_mib(proc.pid)
    for name, (path, statuses) in HUGE.items():
        r = request(base, path)
        assert r.status in statuses, (name, r.status, r.body[:300])
        assert len(r.body) < 100_000, name
    assert rss_mib(proc.pid, "VmHWM") - before < 2 * RESULT_BYTES / 2**20 + 100


def test_a_page_is_served_quickly_during_hostile_requests(site):
    base, _, _ = site
    stop = threading.Event()

    def hammer(path):
        n = 0
        while not stop.is_set():
            request(base, path)
            n += 1
        return n

    hostile = [p for p, _ in HUGE.values()] + ["/no-such-page", "/cybergov/documents?_sort=no_such_column"]
    with ThreadPoolExecutor(len(hostile)) as pool:
        running = [pool.submit(hammer, p) for p in hostile]
        try:
            # A new query string each time: rendered afresh, not served from the page cache.
            times = [request(base, f"{STATEMENT}?n={i}").seconds for i in range(10)]
        finally:
            stop.set()
        assert all(f.result() > 0 for f in running)
    assert statistics.median(times) < PAGE_SECONDS, times


@pytest.mark.parametrize("name", list(ERRORS))
def test_errors_are_plain_pages_with_the_right_status_and_one_log_line(site, name):
    base, _, log = site
    method, path, statuses = ERRORS[name]
    lines = len(_log_lines(log))
    r = request(base, path, method)
    assert r.status in statuses, (name, r.status, r.body[:300])
    text = r.body.decode("utf-8", "replace")
    assert "Traceback" not in text and "File \"" not in text
    new = _log_lines(log)[lines:]
    assert len(new) <= 1 and not any("Traceback" in line or "locals" in line for line in new), new


def test_every_answer_carries_the_security_headers(site):
    base, _, _ = site
    for method, path in (("GET", "/"), ("GET", STATEMENT), ("GET", "/no-such-page"), ("POST", "/"),
                         ("GET", "/assets/reading-room.js"), ("GET", "/cybergov.json"), ("GET", STATEMENT)):
        h = request(base, path, method).headers  # the second time of a page, from the page cache
        csp = h.get("content-security-policy", "")
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp.split(
            "script-src")[1].split(";")[0], path
        assert "object-src 'none'" in csp
        assert h.get("x-content-type-options") == "nosniff" and h.get("x-frame-options") == "DENY", path
        assert h.get("referrer-policy"), path


def test_public_json_shows_no_path_of_the_server(site, built):
    base, _, _ = site
    for path in ("/-/databases.json", "/-/plugins.json", "/-/settings.json", "/-/metadata.json", "/-/versions.json",
                 "/cybergov.json", "/.json", "/-/threads.json"):
        body = request(base, path).body.decode("utf-8", "replace")
        assert "/tmp" not in body and str(built.root.parent) not in body and "site-packages" not in body, path


def test_long_distinct_urls_are_served_but_not_kept(site):
    """Many distinct long URLs of a small page: each answered, and the server does not grow with them."""
    base, proc, _ = site
    before = rss_mib(proc.pid)
    for i in range(300):
        assert request(base, f"{LONG_QUERY}{i}").status == 200
    assert rss_mib(proc.pid) - before < 30


def test_the_page_cache_is_bounded_in_entries_and_key_length():
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("rr_plugin", ROOT / "datasette" / "plugins" / "reading_room.py")
    plugin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    cache = plugin.PageCache(max_bytes=2**30, max_entries=100)
    for i in range(1000):
        cache.put((b"http", b"h", b"/robots.txt", f"p={i}".encode()), 200, [], b"x")
    assert len(cache.entries) == 100 and cache.size == sum(e[3] for e in cache.entries.values())
    long = (b"http", b"h", b"/robots.txt", b"p=" + b"x" * 12_000)
    cache.put(long, 200, [], b"x")
    assert long not in cache.entries


def test_ordinary_sql_still_works_within_the_bounds(site):
    """The bounds leave what readers ask alone: whole statement texts, printf, a page of every table."""
    import json
    import urllib.parse

    base, _, _ = site
    for sql, expected in (("select printf('%.1f%% of %s', 12.34, 'all')", "12.3% of all"),
                          ("select printf('%.3c', 'x')", "xxx")):
        r = request(base, "/cybergov.json?_shape=array&sql=" + urllib.parse.quote(sql))
        assert r.status == 200 and list(json.loads(r.body)[0].values()) == [expected], r.body[:300]
    r = request(base, "/cybergov.json?_shape=array&sql=" + urllib.parse.quote("select document_id, text from documents"))
    assert r.status == 200 and all(len(row["text"]) > 100 for row in json.loads(r.body))
    assert request(base, "/cybergov/documents.json?_size=max").status == 200


def test_the_site_is_served_by_several_processes_that_stop_together(built, tmp_path):
    """Two server processes share the port, both answer, a second `serve` there is refused,
    and SIGTERM to the one the user started stops them all."""
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    from hostile import _family
    from served import free_port

    root = tmp_path / "project"
    shutil.copytree(built.root, root, ignore=shutil.ignore_patterns(".cache"))
    from cybergov.paths import Paths

    build_database(Paths.at(root))
    cli = [str(Path(sys.executable).with_name("cybergov")), "--root", str(root), "serve"]
    port = free_port()
    proc = subprocess.Popen([*cli, "--port", str(port), "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if request(base, "/").status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        workers = [p for p in _family(proc.pid) if b"multiprocessing-fork" in Path(f"/proc/{p}/cmdline").read_bytes()]
        assert len(workers) == 2
        answered = {request(base, f"{STATEMENT}?_n={i}").status for i in range(20)}
        assert answered == {200}
        second = subprocess.run([*cli, "--port", str(port)], capture_output=True, text=True, timeout=60)
        assert second.returncode != 0 and "is in use" in second.stderr
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    time.sleep(0.5)
    assert not [p for p in workers if os.path.exists(f"/proc/{p}") and b"zombie" not in Path(f"/proc/{p}/status").read_bytes().lower()]


def test_the_servers_sockets_answer_without_waiting_for_acknowledgements():
    """Connections accepted on a server process's socket have TCP_NODELAY (asyncio sets it only
    on sockets made as TCP by name); without it each keep-alive answer waited 40 ms."""
    import asyncio
    import socket

    from cybergov.publication.site import listening
    from served import free_port

    async def main() -> int:
        accepted = asyncio.get_running_loop().create_future()

        class Remember(asyncio.Protocol):
            def connection_made(self, transport):
                accepted.set_result(transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()
        port = free_port()
        server = await asyncio.get_running_loop().create_server(Remember, sock=listening("127.0.0.1", port))
        async with server:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            flag = await asyncio.wait_for(accepted, 10)
            writer.close()
        return flag
    assert asyncio.run(main()) != 0
