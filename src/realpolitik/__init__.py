"""realpolitik: geopolitical news in, an evidence-backed signed network of the international system out."""

# ``extract`` and ``ingest`` name both subpackages and public functions. Loading the subpackages
# first means no later import can set the package attribute back to the module.
from . import extract as _extract_package  # noqa: F401
from . import ingest as _ingest_package  # noqa: F401
from .api import (
    EXTRACTOR_VERSION,
    BatchReport,
    Extractor,
    Store,
    extract,
    extract_document,
    extract_stream,
    ingest,
    reextract,
)

__version__ = "0.1.0"
__all__ = [
    "EXTRACTOR_VERSION",
    "BatchReport",
    "Extractor",
    "Store",
    "extract",
    "extract_document",
    "extract_stream",
    "ingest",
    "reextract",
]
