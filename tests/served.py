"""`cybergov serve` on a free port of 127.0.0.1 for as long as a test or a benchmark needs it:
shared by the browser tests, the hostile-request test and the benchmarks."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/-/versions.json", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@contextmanager
def serving(root: Path, log: Path, wait: float = 30):
    """Start the site of the project at `root`, its output in `log`, and yield (base URL, process)
    once it answers; stop it on the way out. Fails with the log's end if it does not answer within `wait` seconds."""
    script = Path(sys.executable).with_name("cybergov")
    command = [str(script)] if script.is_file() else [sys.executable, "-c", "from cybergov.cli import main; main()"]
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen([*command, "--root", str(root), "serve", "--port", str(port)], stdout=out,
                                stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + wait
            while not _answers(base):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("cybergov serve did not answer:\n" + log.read_text(errors="replace")[-3000:])
                time.sleep(0.2)
            yield base, proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
