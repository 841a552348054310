"""Pinned figures, pyserini style: the exact outcome of ``qabot eval`` kept in a file.

A pin file (JSON) holds, for each question set by name, every figure of qabot and of
the plain-BM25 baseline at full precision, the counts, the figures per kind, and each
item's outcome (its rank token, in the set's order), with the command that reproduces
them. ``qabot eval ... --check-pins FILE`` compares a run with it and lists every
difference (a figure, or which questions moved); ``--write-pins FILE`` records the
run (other sets already in the file are kept). Pins hold the shipped parameters only.

Rank tokens: ``1``..``k`` the rank of the first relevant passage, ``-`` answered
without a relevant passage in the top k, ``r`` refused (for an unanswerable item:
``r`` refused, ``a`` answered). Answer tokens (answer1, per item): ``+`` the shown answer
sentence holds an expect phrase, ``x`` it does not (or the item was refused), ``.`` not
judged (unanswerable, or no expect phrase).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import QabotError
from .evaluate import METRICS, Outcome, Report

VERSION = 1


@dataclass(frozen=True)
class SetRun:
    """One question set's run: what pins record and compare."""

    name: str
    report: Report
    baseline: Report | None
    passages: int  # passages in the corpus it ran over


def rank_token(o: Outcome) -> str:
    if not o.item.answerable:
        return "a" if o.ranked.answered else "r"
    if not o.ranked.answered:
        return "r"
    return str(o.first) if o.first is not None else "-"


def answer_token(o: Outcome) -> str:
    if not o.answer_judged:
        return "."
    return "+" if o.answer_hit else "x"


def _figures(report: Report) -> dict[str, Any]:
    return {
        **{m: report.figures[m] for m in METRICS},
        "counts": report.counts,
        "by_kind": report.by_kind,
    }


def record(run: SetRun, reproduce: str) -> dict[str, Any]:
    """The pin of one set's run."""
    entry: dict[str, Any] = {
        "reproduce": reproduce,
        "k": run.report.k,
        "passages": run.passages,
        "qabot": _figures(run.report),
        "ranks": " ".join(rank_token(o) for o in run.report.outcomes),
        "answers": "".join(answer_token(o) for o in run.report.outcomes),
    }
    if run.baseline is not None:
        entry["baseline"] = _figures(run.baseline)
    return entry


def read(path: Path) -> dict[str, Any]:
    """The sets of a pin file (empty when it does not exist yet)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise QabotError(f"{path}: not a pin file ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("sets"), dict):
        raise QabotError(f"{path}: not a pin file of version {VERSION}")
    sets: dict[str, Any] = data["sets"]
    return sets


def write(path: Path, runs: Sequence[SetRun], reproduce: str) -> None:
    """Record ``runs`` in ``path``, keeping the other sets it holds; atomically."""
    sets = read(path)
    for run in runs:
        sets[run.name] = record(run, reproduce)
    body = {
        "version": VERSION,
        "about": "exact qabot eval figures (tests compare them); each set's 'reproduce' rechecks it, "
        "and the same command with --write-pins instead of --check-pins rewrites it",
        "sets": dict(sorted(sets.items())),
    }
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(_dump(body) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _dump(obj: Any, indent: str = "") -> str:
    """JSON with one line per figure and per kind: a dict holding no dict is written on
    one line, so a changed figure is a one-line diff."""
    if not isinstance(obj, dict) or not any(isinstance(v, dict) for v in obj.values()):
        return json.dumps(obj, ensure_ascii=False)
    inner = indent + " "
    items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_dump(v, inner)}" for k, v in obj.items()]
    return "{\n" + ",\n".join(items) + "\n" + indent + "}"


def compare(path: Path, runs: Sequence[SetRun]) -> list[str]:
    """Every difference between ``runs`` and their pins in ``path`` (empty: all match)."""
    sets = read(path)
    diffs: list[str] = []
    for run in runs:
        pin = sets.get(run.name)
        if pin is None:
            diffs.append(f"{run.name}: not pinned in {path}")
            continue
        now = record(run, pin.get("reproduce", ""))
        for key in ("k", "passages"):
            if pin.get(key) != now[key]:
                diffs.append(f"{run.name}: {key} {pin.get(key)} pinned, {now[key]} now")
        for system in ("qabot", "baseline"):
            if system in now:
                diffs += _diff_figures(f"{run.name}: {system}", pin.get(system), now[system])
        diffs += _diff_ranks(run, pin.get("ranks", ""), now["ranks"])
        diffs += _diff_ranks(run, " ".join(pin.get("answers", "")), " ".join(now["answers"]), "answer")
    return diffs


def _diff_figures(label: str, pinned: Any, now: dict[str, Any]) -> list[str]:
    if not isinstance(pinned, dict):
        return [f"{label}: not pinned"]
    out = []
    for m in METRICS:
        if pinned.get(m) != now[m]:
            out.append(f"{label}: {m} {pinned.get(m)!r} pinned, {now[m]!r} now")
    if pinned.get("counts") != now["counts"]:
        out.append(f"{label}: counts {pinned.get('counts')} pinned, {now['counts']} now")
    kinds = pinned.get("by_kind") or {}
    for kind in sorted(set(kinds) | set(now["by_kind"])):
        a, b = kinds.get(kind), now["by_kind"].get(kind)
        if a != b:
            changed = sorted(m for m in set(a or {}) | set(b or {}) if (a or {}).get(m) != (b or {}).get(m))
            out.append(f"{label}: kind {kind}: {', '.join(changed)} changed")
    return out


def _diff_ranks(run: SetRun, pinned: str, now: str, what: str = "") -> list[str]:
    """Which items' tokens moved (``what``: "answer" for the answer tokens)."""
    old, new = pinned.split(), now.split()
    if len(old) != len(new):
        if what and not old:
            return [f"{run.name}: {what} tokens not pinned"]
        return [f"{run.name}: {len(old)} items pinned, {len(new)} now (the question set changed)"]
    moved = [f"{o.item.id} {a}->{b}" for o, a, b in zip(run.report.outcomes, old, new, strict=True) if a != b]
    if not moved:
        return []
    shown = ", ".join(moved[:12]) + (f" and {len(moved) - 12} more" if len(moved) > 12 else "")
    noun = what or "item"
    return [f"{run.name}: {len(moved)} {noun}{'s' if len(moved) > 1 else ''} moved: {shown}"]
