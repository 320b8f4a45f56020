"""Work on several CPUs, and work nobody waits for, by forking.

Why fork: it is the only start method that does not import vaultkit again
in each child, and a child starts with the parent's memory (the walked file
list, the link resolver, a loaded vault) without copying or pickling it.
It is only safe while this process runs a single thread, and only on
Linux is it the default everywhere; elsewhere the work runs in-process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any


class ChildFailed(Exception):
    """A forked child gave no answer (it crashed or was killed); redo its work here."""


def cpu_jobs(jobs: int | None = None) -> int:
    """How many processes to use: ``jobs``, else ``$VAULTKIT_JOBS``, else one per CPU (max 8).

    1 when forking is unsafe (another thread runs) or not Linux.
    """
    if jobs is None:
        try:
            jobs = int(os.environ.get("VAULTKIT_JOBS", "0"))
        except ValueError:
            jobs = 0
    if jobs <= 0:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if not can_fork():
        return 1
    return min(jobs, 8)


def can_fork() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1


class Forked:
    """``func(*args)`` computed in a forked child; ``result()`` returns its answer.

    The answer comes back pickled through a pipe. The child never runs exit
    handlers or flushes this process's buffers (``os._exit``).
    """

    def __init__(self, func: Callable[..., Any], *args: Any) -> None:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            raise
        if pid == 0:  # pragma: no cover - runs in the child, which never returns
            os.close(read)
            try:
                data = pickle.dumps(func(*args), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> Any:
        """The child's answer; ChildFailed if it had none."""
        with os.fdopen(self._read, "rb") as inp:
            data = inp.read()
        os.waitpid(self._pid, 0)
        if not data:
            raise ChildFailed("a worker process ended without an answer")
        return pickle.loads(data)  # our own child's bytes, never a file's


def run_detached(func: Callable[[], Any], lock: Path | None = None) -> None:
    """Run ``func`` in a detached process (inline when forking is unsafe); never raises.

    For writes a command does not need to wait for: a cold cache write is
    ~0.27 s at 10,000 notes, and the lint that follows needs the other CPU
    for as long. The double fork leaves no zombie behind a long-running
    caller, and ``os._exit`` keeps the children from running exit handlers
    or flushing the parent's buffered output a second time.

    ``lock``: a file the detached process holds a shared lock on until it
    is done, so ``wait_for_detached(lock)`` can wait for it (a benchmark
    that deletes the cache, a test that reads what was written).
    """
    if not hasattr(os, "fork") or not can_fork():
        func()
        return
    held = _hold(lock)  # taken before forking: no gap in which a waiter could slip through
    try:
        child = os.fork()
    except OSError:
        if held is not None:
            os.close(held)
        func()
        return
    if child == 0:  # pragma: no cover - runs in the child
        try:
            if os.fork() == 0:
                try:
                    with contextlib.suppress(OSError):
                        os.nice(10)  # nobody waits for it: yield the CPUs to the command
                    func()
                finally:
                    os._exit(0)
        finally:
            os._exit(0)
    if held is not None:
        os.close(held)  # the grandchild's copy keeps the lock until it exits
    os.waitpid(child, 0)


def wait_for_detached(lock: Path, timeout: float = 120.0) -> bool:
    """Wait until no detached process holds ``lock``; False on timeout or no locking."""
    import time

    try:
        import fcntl

        fd = os.open(lock, os.O_RDONLY)
    except (ImportError, OSError):
        return not lock.exists()
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except OSError:
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.02)
    finally:
        os.close(fd)


def _hold(lock: Path | None) -> int | None:
    """A descriptor holding a shared lock on ``lock``, or None (no lock, or cannot)."""
    if lock is None:
        return None
    try:
        import fcntl

        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except (ImportError, OSError):
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
    except OSError:
        os.close(fd)
        return None
    return fd
