"""``qabot inspect FILE``: how one file was read, for a person (text) or a script (JSON).

The library (:func:`qabot.corpus.inspect`) returns an Inspection; this module only
renders it: title, date, authors and site with where each came from, the notes of how
the file was read, its sections, its passages, and every dropped line with its reason.
Everything shown came from an untrusted file, so it passes ``render.safe``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .analysis import strip_control
from .corpus import Inspection, Raw, files, inspect, line_keys, read, repeated_counts
from .corpus.document import authors_text
from .passages import split


def run(path: Path, corpus_dir: Path | None, corpus_keys: list[tuple[str, frozenset[int]]]) -> Inspection:
    """Read ``path`` as the index would: with the line counts of the corpus around it
    (``corpus_keys``: each indexed briefing's file and line keys; this file's own keys,
    freshly read, replace its entry)."""
    data = path.read_bytes()
    rel, doc_id = _names(path, corpus_dir)
    raw: Raw = read(data, rel, path.suffix)
    keys = line_keys(raw)
    others = [k for file, k in corpus_keys if file != rel]
    counts = repeated_counts([*others, keys])
    return inspect(raw, doc_id, repeated=counts)


def _names(path: Path, corpus_dir: Path | None) -> tuple[str, str]:
    """The file's name in the corpus and its briefing id (as the index gives them), or its
    plain name and stem when it lies outside the corpus."""
    from .corpus import doc_ids

    if corpus_dir is not None:
        try:
            listed = files(corpus_dir)
            real = path.resolve()
            for rel, p in listed.items():
                if p.resolve() == real:
                    return rel, doc_ids(listed)[rel]
        except OSError:
            pass
    from .corpus import display_name, escape_id

    return display_name(path.name), escape_id(display_name(path.stem))


def as_json(ins: Inspection) -> dict[str, Any]:
    doc = ins.document
    return {
        "id": doc.doc_id,
        "format": ins.fmt,
        "title": {"value": doc.title, "from": ins.title_from},
        "date": {"value": doc.date, "from": ins.date_from},
        "authors": {"value": list(doc.authors), "from": ins.authors_from},
        "site": {"value": doc.site, "from": ins.site_from},
        "notes": list(ins.notes),
        "sections": _sections(ins),
        "blocks": [{"kind": b.kind, "text": b.text, "lines": list(lines)} for b, lines in ins.blocks],
        "passages": [
            {"id": p.pid, "section": p.section, "paragraph": p.paragraph, "kind": p.kind, "text": p.text}
            for p in split(doc)
        ],
        "dropped": [{"line": d.line, "reason": d.reason, "text": d.text} for d in ins.dropped],
        "warnings": list(doc.warnings),
    }


def _sections(ins: Inspection) -> list[str]:
    return [b.text for b, _ in ins.blocks if b.kind == "heading"]


def _clip(text: str, width: int) -> str:
    text = strip_control(text).replace("\n", " ")
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def as_text(ins: Inspection, width: int = 80) -> str:
    doc = ins.document
    out: list[str] = [f"{_clip(doc.doc_id, width)}  ({ins.fmt})"]
    for label, value, origin in (
        ("title", doc.title, ins.title_from),
        ("date", doc.date, ins.date_from),
        ("author", authors_text(doc.authors) or "-", ins.authors_from),
        ("site", doc.site or "-", ins.site_from),
    ):
        where = f"  [{origin}]" if origin else ""
        out.append(f"{label + ':':<8}{_clip(value, max(20, width - 10 - len(where)))}{where}")
    for note in ins.notes:
        out.append(f"note:   {_clip(note, width - 8)}")
    sections = _sections(ins)
    out.append(
        f"sections ({len(sections)}): " + (_clip(" · ".join(sections), width - 14) if sections else "none")
    )
    passages = split(doc)
    out.append(f"passages ({len(passages)}):")
    for p in passages:
        where = f"{p.section} ¶{p.paragraph}" if p.section else f"¶{p.paragraph}"
        head = f"  #p{p.n} {where}: "
        out.append(head + _clip(p.text, max(20, width - len(head))))
    out.append(f"dropped ({len(ins.dropped)}):")
    for d in ins.dropped:
        head = f"  line {d.line:<4} {d.reason}: "
        out.append(head + _clip(d.text, max(20, width - len(head))))
    for w in doc.warnings:
        out.append(f"warning: {_clip(w, width - 9)}")
    return "\n".join(out) + "\n"
