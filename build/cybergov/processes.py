"""Worker processes that do not outlive the process that started them."""
from __future__ import annotations

import ctypes
import os
import signal
import threading
import time


def die_with_parent() -> None:
    """A worker process (of a build, of the site) whose parent was killed exits instead of running on.

    Linux kills it with its parent (prctl PR_SET_PDEATHSIG); elsewhere, and as a second
    guard, a thread sees within a second that the parent is gone (the worker is adopted).
    """
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()
