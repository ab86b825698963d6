"""One settings object: defaults in code, overridden by the environment, then by flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path


def _default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path = field(default=Path("realpolitik.db"), metadata={"help": "SQLite file of the store"})
    max_bytes: int = field(default=20 * 1024 * 1024, metadata={"help": "largest input accepted, in bytes"})
    jobs: int = field(default_factory=_default_jobs, metadata={"help": "worker processes for extraction"})
    fetch_timeout: float = field(default=20.0, metadata={"help": "seconds per HTTP request"})
    fetch_max_bytes: int = field(default=10 * 1024 * 1024, metadata={"help": "largest page fetched"})
    fetch_max_redirects: int = field(default=5, metadata={"help": "redirects followed per fetch"})
    user_agent: str = field(default="realpolitik/0.1 (+offline news analysis)", metadata={"help": "HTTP UA"})
    actors_files: tuple[Path, ...] = field(default=(), metadata={"help": "extra actor/official tables"})
    token: str | None = field(default=None, metadata={"help": "bearer token for the HTTP API"})

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Defaults overridden by ``REALPOLITIK_*`` variables."""
        env = os.environ if environ is None else environ
        s = cls()
        if env.get("REALPOLITIK_DB"):
            s = replace(s, db=Path(env["REALPOLITIK_DB"]))
        if env.get("REALPOLITIK_MAX_BYTES"):
            s = replace(s, max_bytes=int(env["REALPOLITIK_MAX_BYTES"]))
        if env.get("REALPOLITIK_TOKEN"):
            s = replace(s, token=env["REALPOLITIK_TOKEN"])
        folder = user_data_dir(env)
        paths = tuple(sorted(folder.glob("*.jsonl"))) if folder.is_dir() else ()
        if env.get("REALPOLITIK_ACTORS"):
            paths += tuple(Path(p) for p in env["REALPOLITIK_ACTORS"].split(os.pathsep) if p)
        if paths:
            s = replace(s, actors_files=paths)
        return s

    def with_(self, **changes: object) -> Settings:
        """A copy with the given non-None values replaced (how flags are applied)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def user_data_dir(environ: dict[str, str] | None = None) -> Path:
    """The folder whose ``*.jsonl`` files extend the actors, groups and officials of the package:
    ``$REALPOLITIK_DATA_DIR``, else ``$XDG_CONFIG_HOME/realpolitik``, else ``~/.config/realpolitik``.

    >>> user_data_dir({"REALPOLITIK_DATA_DIR": "/srv/rp"})
    PosixPath('/srv/rp')
    >>> user_data_dir({"XDG_CONFIG_HOME": "/home/a/.config"})
    PosixPath('/home/a/.config/realpolitik')
    """
    env = os.environ if environ is None else environ
    if env.get("REALPOLITIK_DATA_DIR"):
        return Path(env["REALPOLITIK_DATA_DIR"])
    base = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else Path.home() / ".config"
    return base / "realpolitik"
