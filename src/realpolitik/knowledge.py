"""One cached loader for the knowledge the package ships (and users add): actors, officials, triggers.

Formats (all JSON Lines, UTF-8, one object per line, ``#`` lines ignored):

``data/actors.jsonl`` — one actor per line::

    {"id": "AZE", "kind": "state", "name": "Azerbaijan",
     "names": ["Azerbaijan", "Republic of Azerbaijan"],
     "adjectives": ["Azerbaijani", "Azeri"], "demonyms": ["Azerbaijanis", "Azeris"],
     "capitals": ["Baku"], "metonyms": [], "ambiguous": [],
     "valid_from": null, "valid_until": null}

``kind`` is ``state``, ``organisation`` or ``group``. ``ambiguous`` lists the surface
forms (from any of the lists) that need context to count ("Georgia", "Jordan", "Chad").

``data/non_actors.jsonl`` — phrases that contain an actor word but are not that actor
("Persian Gulf", "New Mexico", "Iranian Azerbaijan"): ``{"text": "Persian Gulf", "note": "sea"}``.

``data/officials/*.jsonl`` — one term in office per line::

    {"name": "Benjamin Netanyahu", "aliases": ["Netanyahu"], "actor": "ISR",
     "role": "head_of_government", "title": "Prime Minister",
     "start": "1996-06-18", "end": "1999-07-06"}

``role`` is one of :data:`ROLES`; ``end`` is null while in office.

``data/triggers/<type>.jsonl`` — see :mod:`realpolitik.extract.triggers`.

User files in the same formats are added with ``--actors FILE`` / ``REALPOLITIK_ACTORS``
(a file whose lines have ``"role"`` is read as officials, else as actors).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .datafiles import parse_jsonl, read_jsonl
from .errors import DataError

ROLES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister", "other")
ACTOR_KINDS = ("state", "organisation", "group")


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    kind: str
    name: str
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    ambiguous: frozenset[str] = frozenset()
    valid_from: str | None = None
    valid_until: str | None = None


@dataclass(frozen=True, slots=True)
class Official:
    name: str
    aliases: tuple[str, ...]
    actor: str
    role: str
    title: str
    start: str
    end: str | None

    def in_office(self, date: str | None) -> bool:
        """True if the term covers ``date`` (ISO, any precision); unknown dates match every term."""
        if not date:
            return True
        d = date[:10]
        start = self.start[: len(d)]
        end = (self.end or "9999-12-31")[: len(d)]
        return start <= d <= end


@dataclass(slots=True)
class Knowledge:
    actors: dict[str, Actor] = field(default_factory=dict)
    non_actors: list[str] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)

    def actor(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def name(self, actor_id: str) -> str:
        a = self.actors.get(actor_id)
        return a.name if a else actor_id


def _read_jsonl(path: Path | str, text: str | None = None) -> Iterator[tuple[int, dict]]:
    return read_jsonl(path) if text is None else parse_jsonl(text, str(path))


def _actor(obj: dict, where: str) -> Actor:
    try:
        kind = obj["kind"]
        if kind not in ACTOR_KINDS:
            raise DataError(f"{where}: unknown kind {kind!r}")
        return Actor(
            id=obj["id"],
            kind=kind,
            name=obj.get("name") or obj["names"][0],
            names=tuple(obj.get("names", ())),
            adjectives=tuple(obj.get("adjectives", ())),
            demonyms=tuple(obj.get("demonyms", ())),
            capitals=tuple(obj.get("capitals", ())),
            metonyms=tuple(obj.get("metonyms", ())),
            ambiguous=frozenset(obj.get("ambiguous", ())),
            valid_from=obj.get("valid_from"),
            valid_until=obj.get("valid_until"),
        )
    except KeyError as exc:
        raise DataError(f"{where}: missing field {exc.args[0]!r}") from None


def _official(obj: dict, where: str) -> Official:
    try:
        role = obj["role"]
        if role not in ROLES:
            raise DataError(f"{where}: unknown role {role!r}")
        return Official(
            name=obj["name"],
            aliases=tuple(obj.get("aliases", ())),
            actor=obj["actor"],
            role=role,
            title=obj.get("title", ""),
            start=obj["start"],
            end=obj.get("end"),
        )
    except KeyError as exc:
        raise DataError(f"{where}: missing field {exc.args[0]!r}") from None


def _package_files(sub: str) -> Iterable[tuple[str, str]]:
    root = resources.files("realpolitik") / "data"
    node = root
    for part in sub.split("/"):
        node = node / part
    if node.is_file():
        yield str(node), node.read_text(encoding="utf-8")
    elif node.is_dir():
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name.endswith(".jsonl"):
                yield str(child), child.read_text(encoding="utf-8")


def load_knowledge(extra_files: Iterable[Path | str] = ()) -> Knowledge:
    """Read the package's tables plus any user files; later definitions of an id win."""
    k = Knowledge()
    for path, text in _package_files("actors.jsonl"):
        for n, obj in _read_jsonl(path, text):
            a = _actor(obj, f"{path}:{n}")
            k.actors[a.id] = a
    for path, text in _package_files("non_actors.jsonl"):
        k.non_actors.extend(obj["text"] for _, obj in _read_jsonl(path, text))
    for path, text in _package_files("officials"):
        k.officials.extend(_official(obj, f"{path}:{n}") for n, obj in _read_jsonl(path, text))
    for extra in extra_files:
        p = Path(extra)
        if not p.is_file():
            raise DataError(f"{p}: actor file not found")
        for n, obj in _read_jsonl(p):
            if "role" in obj:
                k.officials.append(_official(obj, f"{p}:{n}"))
            elif "text" in obj and "id" not in obj:
                k.non_actors.append(obj["text"])
            else:
                a = _actor(obj, f"{p}:{n}")
                k.actors[a.id] = a
    return k


@lru_cache(maxsize=8)
def cached_knowledge(extra_files: tuple[str, ...] = ()) -> Knowledge:
    """The knowledge for a set of user files, loaded once per process."""
    return load_knowledge(extra_files)
