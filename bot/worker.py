"""Work that can run away on hostile input (a PDF whose pages share one huge content stream, a page of nested
HTML, a parser loop in C code) runs in a child process that is killed at its time limit, with a memory limit.

A thread cannot be stopped; a process can. `run(fn, *args, timeout=..., what=...)` runs `fn(*args)` in a child
forked from a small server process that has the parsers imported (multiprocessing's "forkserver", so a job
costs a fork, not an interpreter start) and returns its result or re-raises its InputError. At the limit the
child is killed and `TooComplex` says so in one line; at shutdown `stop_all()` kills every child at once.
`fn` and its arguments must be picklable (module-level functions, plain data)."""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from typing import Any, Callable

from bot import limits
from summarizer.errors import InputError

log = logging.getLogger(__name__)
# "__main__" too: the server imports the main module once, so a child does not run it again (the console script
# and pytest guard their `main()`).
PRELOAD = ["__main__", "bot.ops.ingest", "bot.sources", "feedparser"]

_ctx: Any = None
_live: set = set()
_lock = threading.Lock()
_stopping = False


class TooComplex(InputError):
    """A document that needed more time or memory than its worker process is allowed."""


class ShuttingDown(InputError):
    """The bot is stopping: the work was abandoned."""


def _context():  # type: ignore[no-untyped-def]
    global _ctx
    with _lock:
        if _ctx is None:
            method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            ctx = multiprocessing.get_context(method)
            if method == "forkserver":
                ctx.set_forkserver_preload(PRELOAD)
            _ctx = ctx
        return _ctx


def _child(conn, env: dict[str, str], memory_mb: int, fn: Callable, args: tuple) -> None:  # type: ignore[no-untyped-def]
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop; Ctrl-C reaches us too
    os.environ.clear()
    os.environ.update(env)  # the settings of the moment, not those the fork server started with
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform, or a hard limit already lower
        pass
    try:
        result: tuple[str, Any] = ("ok", fn(*args))
    except MemoryError:
        result = ("memory", None)
    except InputError as e:
        result = ("error", e)
    except BaseException as e:  # noqa: BLE001 - reported to the parent as one line
        import traceback

        result = ("crash", f"{type(e).__name__}: {e}"[:300] + "\n" + traceback.format_exc()[-3000:])
    try:
        conn.send(result)
    except Exception as e:  # noqa: BLE001 - an unpicklable result or error
        conn.send(("crash", f"{type(e).__name__} sending the result: {e}"[:300]))
    finally:
        conn.close()


def _too_complex(what: str, reason: str) -> TooComplex:
    return TooComplex(f"{what} is too complex to read ({reason}): send a simpler file, e.g. the transcript "
                      f"saved as .txt.")


def run(fn: Callable, *args: Any, timeout: float | None = None, what: str = "The document") -> Any:
    """`fn(*args)` in a worker process, within `timeout` seconds (default EARNINGS_BOT_PARSE_SECONDS) and the
    memory limit; its InputError is re-raised as is, running out of either is `TooComplex`."""
    if _stopping:
        raise ShuttingDown("The bot is restarting: send it again in a minute.")
    timeout = limits.parse_seconds() if timeout is None else timeout
    memory_mb = limits.worker_memory_mb()
    ctx = _context()
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, dict(os.environ), memory_mb, fn, args), daemon=True,
                       name="earnings-bot-worker")
    with _lock:
        _live.add(proc)
    try:
        proc.start()
        send.close()
        if _stopping:  # stop_all() ran while this one was starting
            proc.kill()
        if not recv.poll(timeout):
            proc.kill()
            raise _too_complex(what, f"it took longer than {timeout:g} s")
        try:
            kind, value = recv.recv()
        except (EOFError, OSError):
            proc.join(5)
            if _stopping:
                raise ShuttingDown("The bot is restarting: send it again in a minute.") from None
            if proc.exitcode == -signal.SIGKILL:  # the kernel's out-of-memory killer, or a kill from outside
                raise _too_complex(what, "it was stopped, most likely for using too much memory") from None
            log.error("worker process for %s ended without an answer (exit code %s)", what, proc.exitcode)
            raise _too_complex(what, f"the reader stopped unexpectedly, exit code {proc.exitcode}") from None
    finally:
        if proc.pid is not None:
            if proc.is_alive():
                proc.kill()
            proc.join(5)
        with _lock:
            _live.discard(proc)
        recv.close()
        send.close()
    if kind == "ok":
        return value
    if kind == "error":
        raise value
    if kind == "memory":
        raise _too_complex(what, f"it needed more than {memory_mb:,} MB of memory")
    log.error("worker process for %s failed: %s", what, value)
    raise InputError(f"{what} could not be read ({str(value).splitlines()[0]}): try saving it as .txt, and please "
                     f"report the file.")


def stop_all() -> int:
    """Kill every running worker (shutdown); later `run` calls refuse at once. Returns how many were killed."""
    global _stopping
    _stopping = True
    with _lock:
        procs = list(_live)
    for p in procs:
        try:
            p.kill()
        except (OSError, ValueError, AttributeError):  # already gone, or not started yet
            pass
    return len(procs)


def resume() -> None:
    """Allow workers again after `stop_all()` (a new application in the same process, e.g. in tests)."""
    global _stopping
    _stopping = False


def running() -> int:
    """How many worker processes are running now."""
    with _lock:
        return sum(1 for p in _live if p.is_alive())
