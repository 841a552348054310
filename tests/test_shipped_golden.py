"""The two shipped briefings parse exactly as they did before the parser became general.

The golden files were written from the parser as it stood before issue 10's rewrite;
a change of any block, passage text, section, id or sentence span shows up here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qabot.corpus import parse
from qabot.passages import split
from tests.conftest import CORPUS, FEB26, FEB28

GOLDEN = Path(__file__).parent / "golden" / "shipped"


@pytest.mark.parametrize("stem", [FEB26, FEB28])
def test_shipped_briefing_reads_as_golden(stem: str) -> None:
    want = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    path = CORPUS / f"{stem}.txt"
    doc = parse(path.read_text(encoding="utf-8"), stem, path.suffix)
    assert (doc.title, doc.date) == (want["title"], want["date"])
    assert [[b.kind, b.text, b.level] for b in doc.blocks] == want["blocks"]
    got = [
        {
            "id": x.pid,
            "section": x.section,
            "paragraph": x.paragraph,
            "kind": x.kind,
            "text": x.text,
            "sentences": [list(s) for s in x.sentences],
        }
        for x in split(doc)
    ]
    assert got == want["passages"]
