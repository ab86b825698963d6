from __future__ import annotations

import importlib
import inspect

# ``realpolitik.ingest`` is also the public function on the package, so ``import ... as`` would
# give the function: the subpackage is reached through the import system.
ingest = importlib.import_module("realpolitik.ingest")


def test_public_surface_is_pinned() -> None:
    assert sorted(ingest.__all__) == sorted(
        [
            "SUFFIXES",
            "FeedEntry",
            "Fetched",
            "HtmlPage",
            "admit",
            "decode_bytes",
            "fetch",
            "find_dateline_date",
            "html_to_text",
            "is_english",
            "iter_documents",
            "load_meta",
            "looks_like_html",
            "read_feed",
            "strip_boilerplate",
        ]
    )
    for name in ingest.__all__:
        assert hasattr(ingest, name), name


def test_public_functions_are_typed_and_documented() -> None:
    for name in ingest.__all__:
        obj = getattr(ingest, name)
        if inspect.isfunction(obj):
            assert obj.__doc__, name
            signature = inspect.signature(obj)
            assert signature.return_annotation is not inspect.Signature.empty, name
            for parameter in signature.parameters.values():
                assert parameter.annotation is not inspect.Parameter.empty, (name, parameter.name)
