"""Inbox folders: where they may be, and reading them without ever following a link out of them.

An inbox folder must exist and lie inside INBOX_ROOT (default: an `inbox` folder beside the database), and
neither it nor INBOX_ROOT may be a system folder (/etc, /proc, /dev, a home folder itself...) or hidden
(.ssh). When it is polled, only regular files with a transcript suffix are read, through a descriptor of the
folder itself and with O_NOFOLLOW: symbolic links, devices, pipes, sub-folders and files with another suffix
are never opened and never moved; a file with other hard links (possibly a file from elsewhere) is refused.
A file still being written (scp, a slow copy) is not read yet: it must have settled, i.e. be unmodified for
INBOX_SETTLE_SECONDS and keep the same size and mtime while it is read; otherwise it is left for a later pass.
Only what was read is moved, to `done/` or `failed/` (with `<name>.reason.txt`)."""
from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

from bot.ops.documents import TRANSCRIPT_SUFFIXES
from bot.paths import inbox_root
from summarizer.errors import InputError
from summarizer.parse import check_size

_SKIP_SUFFIXES = (".part", ".tmp", ".crdownload")
# Refused as an inbox or INBOX_ROOT, with everything under them.
SYSTEM_TREES = ("/proc", "/sys", "/dev", "/etc", "/boot", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
                "/usr", "/run", "/var/run", "/var/log", "/var/cache", "/var/spool", "/var/mail", "/var/lib/dpkg",
                "/snap", "/System", "/Library", "/private/etc", "/private/var/db")
# Refused themselves (a folder inside them is fine).
SYSTEM_FOLDERS = ("/", "/home", "/Users", "/var", "/var/lib", "/tmp", "/private", "/private/tmp", "/root", "/srv",
                  "/opt", "/mnt", "/media", "/Volumes")
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_FILE_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


class NotInbox(InputError):
    """A folder that may not be an inbox; str() says why and what to do."""


def _system(path: Path) -> str | None:
    """Why `path` (resolved) is a system folder, or None."""
    p = str(path)
    try:
        home = str(Path.home().resolve())
    except (RuntimeError, KeyError, OSError):  # no home folder known
        home = None
    if p in SYSTEM_FOLDERS or p == home:
        return f"{p} is a system or home folder"
    for tree in SYSTEM_TREES:
        if p == tree or p.startswith(tree + "/"):
            return f"{p} is inside the system folder {tree}"
    if any(part.startswith(".") for part in path.parts[1:]):
        return f"{p} is a hidden folder"
    return None


def root(db_path: Path | None = None) -> Path:
    """INBOX_ROOT resolved and checked; NotInbox when it is missing or a system folder."""
    r = inbox_root(db_path)
    try:
        resolved = r.resolve(strict=True)
    except (OSError, RuntimeError):
        raise NotInbox(f"INBOX_ROOT {r} does not exist: create it (inbox folders go inside it), or set INBOX_ROOT "
                       f"to the folder that holds them.") from None
    why = _system(resolved)
    if why:
        raise NotInbox(f"INBOX_ROOT {r} cannot hold inbox folders ({why}): set INBOX_ROOT to a folder of its own, "
                       f"e.g. /srv/earnings-inbox.")
    return resolved


def confine(location: str, db_path: Path | None = None) -> Path:
    """The inbox folder `location` names (relative names are inside INBOX_ROOT), resolved and checked: it exists,
    is a folder, lies inside INBOX_ROOT and is no system folder. NotInbox with the reason otherwise."""
    base = root(db_path)
    raw = Path(location.strip()).expanduser() if location.strip() else base
    path = raw if raw.is_absolute() else base / raw
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        raise NotInbox(f"{location} does not exist: create the folder first (inside INBOX_ROOT {base}), then add "
                       f"it again.") from None
    except (OSError, RuntimeError) as e:
        raise NotInbox(f"{location} cannot be used ({getattr(e, 'strerror', None) or type(e).__name__}): check "
                       f"the path.") from None
    if not resolved.is_dir():
        raise NotInbox(f"{location} is a file, not a folder: name a folder for the inbox.")
    why = _system(resolved)
    if why:
        raise NotInbox(f"{location} cannot be an inbox ({why}): use a folder inside INBOX_ROOT {base}.")
    if resolved != base and base not in resolved.parents:
        raise NotInbox(f"{location} is outside INBOX_ROOT {base}: inbox folders must be inside it (set INBOX_ROOT "
                       f"to change where).")
    return resolved


class Folder:
    """An open inbox folder: its files listed and read through the folder's descriptor, never through a path."""

    def __init__(self, path: Path) -> None:
        try:
            self.fd = os.open(path, _DIR_FLAGS)
        except OSError as e:
            if e.errno == errno.ELOOP:
                raise NotInbox(f"inbox folder {path} is now a symbolic link: remove the source and add the real "
                               f"folder.") from None
            raise NotInbox(f"inbox folder {path} cannot be opened ({e.strerror}): check it exists.") from None
        self.path = path
        self.skipped: list[str] = []

    def close(self) -> None:
        os.close(self.fd)

    def __enter__(self) -> "Folder":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def candidates(self) -> list[str]:
        """Names of the regular files with a transcript suffix, sorted; links and devices are noted in `skipped`."""
        out = []
        with os.scandir(self.fd) as it:
            for e in it:
                name = e.name
                low = name.lower()
                if name.startswith(".") or low.endswith(_SKIP_SUFFIXES) or not low.endswith(TRANSCRIPT_SUFFIXES):
                    continue
                if e.is_symlink() or not e.is_file(follow_symlinks=False):
                    self.skipped.append(name)
                    continue
                out.append(name)
        return sorted(out)

    def read(self, name: str, max_bytes: int, settle_seconds: float) -> bytes | None:
        """The file's bytes within the cap; None when it is not to be read now: still being written (modified less
        than `settle_seconds` ago, or its size or mtime changed while it was read: a later pass reads it) or no
        longer a regular file of this folder (a link or device put in its place). InputError when it must go to
        failed/ (too large, other hard links)."""
        try:
            fd = os.open(name, _FILE_FLAGS, dir_fd=self.fd)
        except OSError as e:
            if e.errno in (errno.ELOOP, errno.ENOENT, errno.ENXIO, errno.EISDIR):
                return None
            raise InputError(f"{name} cannot be read ({e.strerror}): check its permissions.") from None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return None
            if time.time() - st.st_mtime < settle_seconds:  # still being copied in, perhaps: nothing decided yet
                return None
            if st.st_nlink > 1:
                raise InputError(f"{name} has other hard links (it may be a file from elsewhere): copy the "
                                 f"transcript into the inbox instead of linking it.")
            check_size(st.st_size, name, max_bytes)
            chunks, total = [], 0
            while total <= max_bytes:
                chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            after = os.fstat(fd)
            if (after.st_size, after.st_mtime_ns) != (st.st_size, st.st_mtime_ns):
                return None  # written to while it was read: what was read may be half a file
            check_size(total, name, max_bytes)
            return b"".join(chunks)
        finally:
            os.close(fd)

    def move(self, name: str, sub: str, reason: str | None = None) -> None:
        """Move one file that was read into `done/` or `failed/` (created; refused if it is a link)."""
        try:
            os.mkdir(sub, 0o755, dir_fd=self.fd)
        except FileExistsError:
            pass
        try:
            sfd = os.open(sub, _DIR_FLAGS, dir_fd=self.fd)
        except OSError as e:
            raise NotInbox(f"{self.path / sub} is not a folder of the inbox ({e.strerror}): remove it.") from None
        try:
            stem, dot, suffix = name.rpartition(".")
            target, n = name, 1
            while _exists(target, sfd) or reason is not None and _exists(f"{target}.reason.txt", sfd):
                target = f"{stem}.{n}.{suffix}" if dot else f"{name}.{n}"
                n += 1
            os.rename(name, target, src_dir_fd=self.fd, dst_dir_fd=sfd)
            if reason is not None:
                fd = os.open(f"{target}.reason.txt", os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                             0o644, dir_fd=sfd)
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(reason + "\n")
        finally:
            os.close(sfd)


def _exists(name: str, dir_fd: int) -> bool:
    try:
        os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        return True
    except FileNotFoundError:
        return False
