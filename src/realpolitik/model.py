"""The records that flow through the pipeline: documents in, mentions and relations out.

A :class:`Document` is what the ingest gate produces (cleaned text plus metadata);
an :class:`Extraction` is what the extractor adds to it. The store keeps both.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


def content_hash(text: str) -> str:
    """SHA-256 of the cleaned text: the identity of a document's content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned document ready for extraction. Offsets everywhere refer to ``text``."""

    id: str
    text: str
    date: str | None = None  # ISO publication date (YYYY, YYYY-MM or YYYY-MM-DD)
    url: str | None = None
    title: str | None = None
    origin: str | None = None  # the path or URL it was read from
    hash: str = ""

    def __post_init__(self) -> None:
        if not self.hash:
            object.__setattr__(self, "hash", content_hash(self.text))


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that was not turned into a document, with the reason.

    ``error`` is True for failures the user must act on (missing path, failed fetch):
    the batch goes on, but the command exits with status 2 at the end.
    """

    origin: str
    reason: str
    error: bool = False


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str  # percent | USD | EUR | persons | units | barrels_per_day ...
    text: str

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {"value": value, "unit": self.unit, "text": self.text}


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that stands for an actor."""

    actor: str
    start: int
    end: int
    text: str
    kind: str  # name | adjective | capital | leader | official | organisation | coref


@dataclass(slots=True)
class Relation:
    """One typed relation between two actors with its evidence, per ``ONTOLOGY.md``."""

    doc: str
    source: str
    relation: str
    target: str
    modality: str
    evidence: str
    span: tuple[int, int]
    date: str | None = None
    quantity: Quantity | None = None
    confidence: float = 1.0
    trigger: str = ""
    actors_text: tuple[str, str] = ("", "")
    extractor_version: str = ""
    date_source: str = "text"  # text | document | none

    def to_record(self) -> dict[str, Any]:
        """The ontology's output record (extra fields are allowed by the contract)."""
        return {
            "doc": self.doc,
            "source": self.source,
            "relation": self.relation,
            "target": self.target,
            "modality": self.modality,
            "date": self.date,
            "quantity": self.quantity.to_dict() if self.quantity else None,
            "evidence": self.evidence,
            "span": [self.span[0], self.span[1]],
            "confidence": round(self.confidence, 3),
            "trigger": self.trigger,
            "actors_text": list(self.actors_text),
            "extractor_version": self.extractor_version,
        }


@dataclass(slots=True)
class Outcome:
    """A statement that an actor gained or lost from an event ("X emerged victorious")."""

    doc: str
    actor: str
    polarity: int  # +1 winner / gain, -1 loser / harm
    evidence: str
    span: tuple[int, int]
    date: str | None = None


@dataclass(slots=True)
class Extraction:
    """Everything the extractor found in one document."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    extractor_version: str = ""
