"""Tables of ``qabot eval`` figures: several sets side by side, ablations, Markdown.

The README's quality tables are printed by these (``qabot eval ... --format
markdown``), never typed by hand; timings are left out of Markdown so a table is the
same on every machine and a test can check the README is current.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .analysis import strip_control as safe
from .evaluate import Figure, Report

#: (metric, heading) of the columns of a figures table ("@k" becomes the run's k).
COLUMNS = (
    ("hit1", "hit@1"),
    ("hit3", "hit@3"),
    ("mrr", "MRR@k"),
    ("ndcg", "nDCG@k"),
    ("answer1", "answer1"),
    ("refused", "refused"),
    ("false_refusal", "false refusals"),
    ("conv3", "conv. hit@3"),
)


def _f(x: Figure) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    rule = ["---" if not align or a == "l" else "---:" for a in (align or "l" * len(head))]
    return "\n".join([_row(head), _row(rule), *(_row(r) for r in rows)]) + "\n"


def by_kind_markdown(report: Report, baseline: Report | None) -> str:
    """One set's figures per kind (qabot / BM25 when there is a baseline), then the
    refusal and conversation figures: the README's quality table."""
    k = report.k
    metrics = (
        ("hit1", "hit@1"),
        ("hit3", "hit@3"),
        ("mrr", f"MRR@{k}"),
        ("ndcg", f"nDCG@{k}"),
        ("answer1", "answer1"),
    )
    suffix = " qabot / BM25" if baseline else ""
    # plain BM25 shows no answer sentence: answer1 is qabot's alone
    head = ["kind", "n", *(f"{label}{suffix if m != 'answer1' else ''}" for m, label in metrics)]
    rows = []
    kinds = [("all", report.figures, baseline.figures if baseline else None, report.counts["questions"])]
    for kind, figs in report.by_kind.items():
        base = baseline.by_kind.get(kind) if baseline else None
        kinds.append((kind, figs, base, int(figs.get("n") or 0)))
    for name, figs, base, n in kinds:
        cells = [safe(name), str(n)]
        for m, _ in metrics:
            shown = base is not None and m != "answer1"
            cells.append(_f(figs.get(m)) + (f" / {_f(base.get(m))}" if shown and base is not None else ""))
        rows.append(cells)
    out = _table(head, rows, "ll" + "r" * len(metrics))
    f, b = report.figures, baseline.figures if baseline else None
    tail = []
    for m, label in (("refused", "refused (unanswerable)"), ("false_refusal", "false refusals")):
        tail.append(f"{label} {_f(f[m])}" + (f" / {_f(b[m])}" if b else ""))
    if f["conv3"] is not None:
        tail.append(f"conversation hit@3 {_f(f['conv3'])}" + (f" / {_f(b['conv3'])}" if b else ""))
    return out + "\n" + " · ".join(tail) + (" (qabot / BM25)" if b else "") + "\n"


@dataclass(frozen=True)
class Row:
    """One line of a side-by-side table: a label and its figures (None: not run)."""

    label: str
    figures: dict[str, Figure] | None


def side_by_side(sets: Sequence[tuple[str, Sequence[Row]]], k: int, markdown: bool) -> str:
    """Several sets' figures in one table: one line per set and system (qabot, BM25...);
    a column no set has a figure for (conversations, say) is left out."""
    cols = [
        (m, label.replace("@k", f"@{k}"))
        for m, label in COLUMNS
        if any((r.figures or {}).get(m) is not None for _, lines in sets for r in lines)
    ]
    head = ["set", "system", *(label for _, label in cols)]
    rows = []
    for name, lines in sets:
        for r in lines:
            figs = r.figures or {}
            rows.append([safe(name), r.label, *(_f(figs.get(m)) for m, _ in cols)])
    if markdown:
        return _table(head, rows, "ll" + "r" * len(cols))
    return _aligned(head, rows)


def ablation(
    sets: Sequence[str], variants: Sequence[tuple[str, Sequence[dict[str, Figure]]]], markdown: bool
) -> str:
    """Each variant's figures, and their change from the first variant (shipped): one
    table per set. ``variants``: (label, one figures dict per set, in the order of ``sets``)."""
    metrics = (
        ("hit1", "hit@1"),
        ("hit3", "hit@3"),
        ("mrr", "MRR"),
        ("answer1", "answer1"),
        ("refused", "refused"),
        ("false_refusal", "false refusals"),
        ("conv3", "conv. hit@3"),
    )
    out = []
    for i, name in enumerate(sets):
        cols = [(m, label) for m, label in metrics if any(v[i].get(m) is not None for _, v in variants)]
        base = variants[0][1][i]
        rows = []
        for n, (label, figs) in enumerate(variants):
            cells = [label]
            for m, _ in cols:
                x, ref = figs[i].get(m), base.get(m)
                cell = _f(x)
                if n and x is not None and ref is not None and round(x - ref, 3) != 0:
                    cell += f" ({x - ref:+.3f})"
                cells.append(cell)
            rows.append(cells)
        head = ["variant", *(label for _, label in cols)]
        table = _table(head, rows, "l" + "r" * len(cols)) if markdown else _aligned(head, rows)
        out.append(f"{safe(name)}\n\n{table}" if markdown else f"{safe(name)}\n{table}")
    return "\n".join(out)


#: The columns of a sweep table: what a threshold trades (refusals against false ones).
SWEEP_COLUMNS = (
    ("hit1", "hit@1"),
    ("answer1", "answer1"),
    ("refused", "refused"),
    ("false_refusal", "false refusals"),
)


def sweep(
    param: str,
    current: float,
    sets: Sequence[str],
    points: Sequence[tuple[float, Sequence[dict[str, Figure]]]],
    markdown: bool,
) -> str:
    """One table per set: a row per value of ``param`` (the ``current`` one marked with
    ``*``), its hit@1, answer1, refused and false-refusal figures.
    ``points``: (value, one figures dict per set, in the order of ``sets``)."""
    out = []
    for i, name in enumerate(sets):
        cols = [(m, label) for m, label in SWEEP_COLUMNS if any(f[i].get(m) is not None for _, f in points)]
        rows = []
        for value, figs in points:
            mark = " *" if value == current else ""
            rows.append([f"{value:g}{mark}", *(_f(figs[i].get(m)) for m, _ in cols)])
        head = [param, *(label for _, label in cols)]
        table = _table(head, rows, "r" * len(head)) if markdown else _aligned(head, rows)
        out.append(f"{safe(name)}\n\n{table}" if markdown else f"{safe(name)}\n{table}")
    return "\n".join(out) + f"\n* the value of this run ({param} = {current:g})\n"


def _aligned(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(c)) for c in col) for col in zip(head, *rows, strict=True)]
    lines = [head, *rows]
    return (
        "\n".join(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(ln, widths, strict=True))
            )
            for ln in lines
        )
        + "\n"
    )
