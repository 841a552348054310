"""``qabot eval``: score question sets, compare with plain BM25, ablate, pin figures.

The command line's eval command is :func:`run` (its options are eval's row in
:mod:`qabot.commandline`), so the scoring code it drives stays free of the command
line: question sets and suites come from :mod:`qabot.questionset`, the figures from
:mod:`qabot.evaluate`, tables from :mod:`qabot.evaltables`, pins from
:mod:`qabot.pins`, the parameters from :mod:`qabot.search.params`.

Several sets run in one call, each over its own corpus (the set's ``corpus`` key or
its suite entry; otherwise ``--corpus``), and one corpus's index, judgments and
baseline serve every set and every ablation variant over it. Reports are printed
before any file is written, so a failed ``--run-out`` loses nothing.
"""

from __future__ import annotations

import argparse
import shlex
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BadUsage
from .search.params import ABLATIONS, DEFAULT, Params, sweep_override, sweep_values

if TYPE_CHECKING:  # the scoring modules load when eval runs, not when any command parses
    from . import evaltables as tables
    from . import evaluate as ev
    from . import pins
    from .api import QA
    from .questionset import QuestionSet
    from .termio import Console


@dataclass
class _Corpus:
    """One corpus of the run: its index (as a QA with the run's parameters), judgments
    and, when asked, the baseline with its judgments."""

    qa: QA
    judgments: ev.Judgments
    baseline: tuple[ev.System, ev.Judgments] | None = None
    variants: dict[Params, QA] = field(default_factory=dict)

    def with_params(self, params: Params) -> QA:
        from .api import QA

        if params == self.qa.params:
            return self.qa
        if params not in self.variants:
            self.variants[params] = QA(self.qa.index, params)
        return self.variants[params]


def run(args: argparse.Namespace, console: Console) -> int:
    """``qabot eval`` with parsed ``args``; the exit code."""
    from . import evaltables as tables
    from . import evaluate as ev
    from . import pins

    if args.params:
        console.page(describe_params())
        return 0
    args.questions = [Path(w) for w in args.words]
    if not args.questions:
        raise BadUsage("eval needs a question set (QUESTIONS.toml), or --params")
    params = DEFAULT.with_overrides(args.param)
    mins = ev.parse_bounds(args.min, "--min")
    maxs = ev.parse_bounds(args.max, "--max")
    fmt = "json" if console.json else (args.format if args.format in ("text", "markdown") else "text")
    _check_outputs(args, params)
    sets = ev.load_sets(args.questions)
    if (args.run_out or args.qrels_out) and len(sets) > 1:
        raise BadUsage("--run-out and --qrels-out take one question set, not several")
    _refuse_overwrite(args, sets)
    corpora: dict[tuple[Path, Path], _Corpus] = {}
    where = _Places(args, sets, console)
    opened = [_corpus_for(qs, where, args, console, params, corpora) for qs in sets]
    if args.ablate:
        return _ablate(sets, opened, args, console, fmt)
    if args.sweep:
        return _sweep(sets, opened, args, console, fmt, params)
    runs: list[pins.SetRun] = []
    text: list[str] = []  # the reports, printed together (through the pager on a terminal)
    failed = False
    for qs, c in zip(sets, opened, strict=True):
        system = ev.qabot_system(_for_set(c, qs, c.qa.params), args.since, args.until)
        report = ev.evaluate(qs.items, system, args.k, c.judgments)
        base = None
        if c.baseline is not None:
            system, judged = c.baseline
            base = ev.evaluate(qs.items, system, args.k, judged)
        runs.append(pins.SetRun(qs.name, report, base, c.qa.index.n_passages))
        _warn(qs, report.warnings, console)
        text.append(_print_set(qs, report, base, args, console, fmt, params, several=len(sets) > 1))
        failures, skipped = ev.check_bounds(report.figures, mins, maxs)
        label = f"{qs.name}: " if len(sets) > 1 else ""
        for s in skipped:
            console.warn(f"qabot: eval bound skipped: {label}{s}")
        for f in failures:
            console.warn(f"qabot: eval bound not met: {label}{f}")
        failed = failed or bool(failures)
    if len(sets) > 1 and fmt != "json":
        rows = [(r.name, _rows(r)) for r in runs]
        table = tables.side_by_side(rows, args.k, markdown=fmt == "markdown")
        changed = ", ".join(f"{n}={v:g}" for n, v in params.changed().items())
        if fmt == "markdown" and changed:
            table += f"\nparameters changed: {changed}\n"
        text.append(table if fmt == "markdown" else "\n" + table)
    if fmt != "json":
        console.page("".join(text))  # one page: the reports, then the table of them all
    code = 1 if failed else 0
    if args.write_pins or args.check_pins:
        code = max(code, _pins(args, runs, console))
    try:  # last: a full disk must not cost the report printed above
        if runs:
            ev.write_trec(runs[0].report, args.run_out, args.qrels_out)
    except OSError as exc:
        where = exc.filename or args.run_out or args.qrels_out
        console.warn(f"qabot: error: cannot write {where}: {exc.strerror or exc}")
        return 1
    return code


def _for_set(c: _Corpus, qs: QuestionSet, params: Params) -> QA:
    """The corpus's QA for a set: with the recency prior the set asks for (off otherwise,
    whatever the config says)."""
    import dataclasses

    if qs.recency is not None and params.recency_prior == DEFAULT.recency_prior:
        params = dataclasses.replace(params, recency_prior=qs.recency)
    return c.with_params(params)


def describe_params() -> str:
    """Every parameter with its default and evidence (``qabot eval --params``)."""
    out = ["query-time parameters (qabot/search/params.py); change one with --param NAME=VALUE\n"]
    for name, default, note in Params.describe():
        out.append(f"{name} = {default:g}\n")
        out.append(textwrap.fill(note, 88, initial_indent="    ", subsequent_indent="    ") + "\n")
    return "".join(out)


def _check_outputs(args: argparse.Namespace, params: Params) -> None:
    if args.sweep and (args.ablate or args.write_pins or args.check_pins or args.run_out or args.qrels_out):
        raise BadUsage("--sweep prints a table only (no --ablate, pins or TREC files)")
    if args.sweep:
        sweep_values(args.sweep)  # a malformed range fails before any index is opened
    if args.ablate and (args.write_pins or args.check_pins or args.run_out or args.qrels_out):
        raise BadUsage("--ablate prints a table only (no pins or TREC files)")
    if args.ablate and args.param:
        raise BadUsage("--ablate starts from the shipped parameters (no --param)")
    if (args.write_pins or args.check_pins) and params != DEFAULT:
        raise BadUsage("pins hold the shipped parameters: drop --param to write or check them")
    if args.write_pins and args.check_pins:
        raise BadUsage("--write-pins and --check-pins: one or the other")


def _same(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _refuse_overwrite(args: argparse.Namespace, sets: list[QuestionSet]) -> None:
    """Output files must not be a question set (or a suite) of this run, nor each other."""
    inputs = [*args.questions, *(qs.path for qs in sets)]
    for flag, out in (("--run-out", args.run_out), ("--qrels-out", args.qrels_out)):
        if any(_same(out, p) for p in inputs):
            raise BadUsage(f"{flag} {out} is a question set of this run; refusing to overwrite it")
    if _same(args.run_out, args.qrels_out) or (args.run_out is not None and args.run_out == args.qrels_out):
        raise BadUsage("--run-out and --qrels-out name the same file")


class _Places:
    """Which corpus and index folder each set of the run uses.

    A set runs over its own corpus (its ``corpus`` key or suite entry), else ``--corpus``.
    ``--index`` (or ``QABOT_INDEX``) names the index of the corpus the run is over: when
    every set is over one corpus, that corpus's, even when the sets name it themselves
    (a suite). A run over several corpora cannot keep them all in one folder: there
    ``--index`` serves ``--corpus`` and each other corpus gets its own index in the
    user cache, with a notice saying so.
    """

    def __init__(self, args: argparse.Namespace, sets: list[QuestionSet], console: Console) -> None:
        from . import locate

        self.args: tuple[Path | None, Path | None] = (args.corpus, args.index)
        self.main, self.index, self.explicit = locate.resolve(args.corpus, args.index)
        distinct: list[Path] = []
        for qs in sets:
            c = qs.corpus if qs.corpus is not None else self.main
            if not any(_same(c, d) or c == d for d in distinct):
                distinct.append(c)
        self.single = len(distinct) == 1
        self.console = console
        self.told: set[Path] = set()

    def of(self, qs: QuestionSet) -> tuple[Path | None, Path | None]:
        """The corpus and index arguments for ``qs`` (None: the defaults decide)."""
        from . import locate

        if qs.corpus is None or _same(qs.corpus, self.main):
            return self.args
        if self.single and self.explicit:
            return qs.corpus, self.index
        own = locate.cache_index_for(qs.corpus)
        if self.explicit and qs.corpus not in self.told:
            self.told.add(qs.corpus)
            self.console.notify(
                f"qabot: this run is over several corpora; {self.index} is the index of {self.main}, "
                f"and {qs.corpus} uses {own}"
            )
        return qs.corpus, own


def _corpus_for(
    qs: QuestionSet,
    where: _Places,
    args: argparse.Namespace,
    console: Console,
    params: Params,
    corpora: dict[tuple[Path, Path], _Corpus],
) -> _Corpus:
    """The corpus a set runs over, opened once per run."""
    from . import evaluate as ev
    from . import locate
    from .api import QA
    from .termio import progress_bar

    corpus_arg, index_arg = where.of(qs)
    corpus, index, _ = locate.resolve(corpus_arg, index_arg)
    key = (corpus.resolve(), index.resolve())
    hit = corpora.get(key)
    if hit is not None:
        return hit
    progress = progress_bar(console)
    try:
        qa = QA.open(corpus_arg, index_arg, params, notify=console.notify, progress=progress)
    finally:
        if progress is not None:
            progress.close()
    c = _Corpus(qa, ev.Judgments(ev.passage_texts(qa.index)))
    if args.baseline:
        # the corpus the user named (the manifest's own path is where it was built,
        # which a moved corpus or an edited manifest makes another folder)
        system, texts = ev.baseline_system(corpus)
        c.baseline = (system, ev.Judgments(texts))
    corpora[key] = c
    return c


def _warn(qs: QuestionSet, warnings: list[str], console: Console) -> None:
    """A question set's warnings (expect phrases no passage holds), the first few."""
    for w in warnings[:5]:
        console.warn(f"qabot: warning: {w}")
    if len(warnings) > 5:
        console.warn(f"qabot: warning: ... and {len(warnings) - 5} more of {qs.name}")


def _print_set(
    qs: QuestionSet,
    report: ev.Report,
    base: ev.Report | None,
    args: argparse.Namespace,
    console: Console,
    fmt: str,
    params: Params,
    several: bool,
) -> str:
    """One set's report as text or Markdown (JSON is emitted here and gives "")."""
    from . import evaltables as tables
    from . import evaluate as ev
    from .render import safe

    if fmt == "json":
        obj: dict[str, Any] = {"set": qs.name, **ev.report_json(report, base, args.verbose)}
        obj["params_changed"] = params.changed()
        obj["params"] = params.as_dict()
        console.emit_json(obj)
        return ""
    changed = ", ".join(f"{n}={v:g}" for n, v in params.changed().items())
    if fmt == "markdown":  # several sets: one table of them all, at the end
        if several:
            return ""
        text = tables.by_kind_markdown(report, base)
        return safe(text + (f"\nparameters changed: {changed}\n" if changed else ""))
    text = ev.format_report(report, base, title=f"qabot eval {qs.name}")
    if changed:
        text += f"parameters changed: {changed}\n"
    if args.verbose:
        text += "\nmisses:\n" + ev.format_misses(report)
    # the report quotes ids, kinds and questions from a user's TOML file
    return safe(text) + ("\n" if several else "")


def _rows(r: pins.SetRun) -> list[tables.Row]:
    from . import evaltables as tables

    rows = [tables.Row("qabot", r.report.figures)]
    if r.baseline is not None:
        rows.append(tables.Row("BM25", r.baseline.figures))
    return rows


def _ablate(
    sets: list[QuestionSet], opened: list[_Corpus], args: argparse.Namespace, console: Console, fmt: str
) -> int:
    """Each heuristic off in turn (Params.ABLATIONS), every set, one table."""
    from . import evaltables as tables
    from . import evaluate as ev

    variants: list[tuple[str, list[dict[str, ev.Figure]]]] = []
    plan = [("shipped", ()), *ABLATIONS]
    for label, overrides in plan:
        params = DEFAULT.with_overrides(overrides)
        figs = []
        for qs, c in zip(sets, opened, strict=True):
            qa = _for_set(c, qs, params)
            report = ev.evaluate(qs.items, ev.qabot_system(qa, args.since, args.until), args.k, c.judgments)
            if not overrides:
                _warn(qs, report.warnings, console)
            figs.append(report.figures)
        shown = label if not overrides else f"{label} ({', '.join(overrides)})"
        variants.append((shown, figs))
        console.notify(f"qabot: ablation: {shown} done")
    if args.baseline:
        figs = []
        for qs, c in zip(sets, opened, strict=True):
            assert c.baseline is not None
            system, judged = c.baseline
            figs.append(ev.evaluate(qs.items, system, args.k, judged).figures)
        variants.append(("plain BM25 (baseline)", figs))
    if fmt == "json":
        for label, figs in variants:
            console.emit_json(
                {"variant": label, "sets": {qs.name: f for qs, f in zip(sets, figs, strict=True)}}
            )
        return 0
    console.page(tables.ablation([qs.name for qs in sets], variants, markdown=fmt == "markdown"))
    return 0


def _sweep(
    sets: list[QuestionSet],
    opened: list[_Corpus],
    args: argparse.Namespace,
    console: Console,
    fmt: str,
    params: Params,
) -> int:
    """Every set at each value of one parameter (``--sweep NAME=LO:HI:STEP``), on top of
    the run's ``--param`` changes: where refusals and false refusals cross, per set."""
    from . import evaltables as tables
    from . import evaluate as ev

    name, values = sweep_values(args.sweep)
    points: list[tuple[float, list[dict[str, ev.Figure]]]] = []
    for value in values:
        at = params.with_overrides([sweep_override(name, value)])
        figs = []
        for qs, c in zip(sets, opened, strict=True):
            system = ev.qabot_system(_for_set(c, qs, at), args.since, args.until)
            report = ev.evaluate(qs.items, system, args.k, c.judgments)
            if value == values[0]:
                _warn(qs, report.warnings, console)
            figs.append(report.figures)
        points.append((value, figs))
        console.notify(f"qabot: sweep: {name}={value:g} done")
    now = float(getattr(params, name))
    if fmt == "json":
        for value, figs in points:
            console.emit_json(
                {
                    "param": name,
                    "value": value,
                    "current": value == now,
                    "sets": {qs.name: f for qs, f in zip(sets, figs, strict=True)},
                }
            )
        return 0
    names = [qs.name for qs in sets]
    console.page(tables.sweep(name, now, names, points, markdown=fmt == "markdown"))
    return 0


def _pins(args: argparse.Namespace, runs: list[pins.SetRun], console: Console) -> int:
    from . import pins

    path: Path = args.write_pins or args.check_pins
    # the command that checks these pins again (from the checkout; --corpus/--index left out)
    words = ["eval", *map(str, args.questions), *(["--baseline"] if args.baseline else [])]
    words += [*([f"-k{args.k}"] if args.k != 10 else []), "--check-pins", str(path)]
    reproduce = "qabot " + " ".join(shlex.quote(w) for w in words)
    if args.write_pins:
        pins.write(path, runs, reproduce)
        console.notify(f"qabot: pinned {len(runs)} set(s) in {path}")
        return 0
    diffs = pins.compare(path, runs)
    for d in diffs:
        console.warn(f"qabot: pins: {d}")
    if diffs:
        console.warn(f"qabot: pins: {len(diffs)} difference(s) from {path}")
        return 1
    console.notify(f"qabot: pins: {len(runs)} set(s) match {path}")
    return 0
