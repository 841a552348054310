"""Measure qabot's index and queries against naive rank-bm25, and write RESULTS.md.

    python benchmarks/run.py                       # 1k, 10k, 100k passages
    python benchmarks/run.py --sizes 1000,10000    # quicker
    python benchmarks/run.py --sizes 1000,10000,100000,1000000

Every measurement that involves loading runs in a fresh subprocess (this script
calling itself with ``--child``), so imports, page cache of Python files aside, and
peak RSS are those of a real one-shot process. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLD_QUESTION = "why did Hanoi end early?"
QUESTIONS = [
    "why did Hanoi end early?",
    "what is China's role?",
    "sanctions relief for North Korea",
    "Yongbyon nuclear facility",
    "Korean War peace declaration",
    "liaison offices in Pyongyang and Washington",
    "what did Trump and Kim agree in Singapore?",
    "denuclearization road map",
    "missile testing freeze",
    "what will South Korea do after the summit?",
    "inter-Korean projects and economic cooperation",
    "who is Stephen Biegun?",
    "military drills suspended",
    "Vietnam goodwill tour",
    "trade talks between the United States and China",
    "ICBM program details",
    "congressional approval of a peace declaration",
    "why did the talks collapse?",
    "enrichment sites",
    "what does Japan want?",
]
TARGETS = {
    "cold": 1.5,  # cold ask <= 1.5 x import rank_bm25
    "speedup": 50.0,  # 100k warm p50 >= 50 x faster than naive get_scores
    "load": 0.3,  # s
    "build": 30.0,  # s
    "add_one": 0.10,  # of full build
    "rss": 400.0,  # MB
}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


# ---------------------------------------------------------------- children


def child_build(corpus: str, index: str, reuse: bool) -> dict[str, Any]:
    from qabot.index import build

    t = time.perf_counter()
    report = build(Path(corpus), Path(index), reuse=reuse)
    return {"seconds": time.perf_counter() - t, "passages": report.passages, "reused": report.reused}


def child_query(index: str, reps: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    from qabot.bot import QA
    from qabot.index import Index
    from qabot.search import query_weights

    t1 = time.perf_counter()
    qa = QA(Index(Path(index)))
    t2 = time.perf_counter()
    first = time.perf_counter()
    qa.ask(QUESTIONS[0], k=10)
    first = time.perf_counter() - first
    for q in QUESTIONS:  # warm-up
        qa.ask(q, k=10)
    ask_ms: list[float] = []
    top_ms: list[float] = []
    for _ in range(reps):
        for q in QUESTIONS:
            t = time.perf_counter()
            qa.ask(q, k=10)
            ask_ms.append((time.perf_counter() - t) * 1000)
            w = query_weights(qa.analyzer.analyze(q))
            t = time.perf_counter()
            qa.scorer.top(w, 10)
            top_ms.append((time.perf_counter() - t) * 1000)
    return {
        "import_s": t1 - t0,
        "load_s": t2 - t1,
        "first_ms": first * 1000,
        "ask_p50": _pct(ask_ms, 0.5),
        "ask_p95": _pct(ask_ms, 0.95),
        "top_p50": _pct(top_ms, 0.5),
        "top_p95": _pct(top_ms, 0.95),
        "rss_mb": _rss_mb(),
    }


def child_naive(index: str) -> dict[str, Any]:
    """rank-bm25 BM25Plus over the same analysed tokens: construction and get_scores."""
    import numpy as np

    from qabot.index import Index

    ix = Index(Path(index))
    vocab = np.asarray(ix.vocab_list, dtype=object)
    tokens = np.load(ix.gen / "tokens.npy", allow_pickle=False)
    ptr = np.load(ix.gen / "tokens_ptr.npy", allow_pickle=False)
    corpus = [list(x) for x in np.split(vocab[tokens], ptr[1:-1])]
    analyzer = ix.analyzer()
    queries = [analyzer.analyze(q) for q in QUESTIONS]
    rss_before = _rss_mb()
    from rank_bm25 import BM25Plus

    t = time.perf_counter()
    model = BM25Plus(corpus, k1=1.5, b=0.75, delta=1.0)
    init_s = time.perf_counter() - t
    ms: list[float] = []
    for q in queries:
        t = time.perf_counter()
        scores = model.get_scores(q)
        np.argpartition(-scores, 10)[:10]
        ms.append((time.perf_counter() - t) * 1000)
    return {
        "init_s": init_s,
        "p50": _pct(ms, 0.5),
        "p95": _pct(ms, 0.95),
        "rss_mb": _rss_mb(),
        "rss_corpus_mb": rss_before,
    }


def _child(args: list[str]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False, cwd=ROOT
    )
    if out.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{out.stderr}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------- parent


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    return time.perf_counter() - t


def cold(work: Path, runs: int) -> dict[str, float]:
    """Median wall time of one-shot `qabot ask` (fresh index) and `python -c "import rank_bm25"`."""
    index = work / "shipped-index"
    shutil.rmtree(index, ignore_errors=True)
    # Installed packages have compiled bytecode; PYTHONDONTWRITEBYTECODE would make every
    # run recompile qabot from source, so it is dropped and one warm-up run writes it.
    drop = ("PYTHONDONTWRITEBYTECODE",)
    env = {k: v for k, v in os.environ.items() if not k.startswith("QABOT_") and k not in drop}
    ask = [sys.executable, "-m", "qabot", "ask", "--corpus", str(ROOT / "corpus"), "--index", str(index)]
    subprocess.run([*ask, COLD_QUESTION], check=True, capture_output=True, env=env, cwd=ROOT)  # build
    imp = [sys.executable, "-c", "import rank_bm25"]
    _timed(imp, env)
    a, r = [], []
    for _ in range(runs):  # interleaved, so machine noise hits both alike
        a.append(_timed([*ask, COLD_QUESTION], env))
        r.append(_timed(imp, env))
    return {"ask_s": statistics.median(a), "import_s": statistics.median(r)}


def corpus_for(work: Path, n: int, seed: int) -> Path:
    from benchmarks.gen import generate

    folder = work / f"corpus-{n}-s{seed}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"  generating {n:,} passages in {folder}", file=sys.stderr)
        generate(folder, n, seed)
        done.write_text("ok\n")
    return folder


def dir_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def measure_size(work: Path, n: int, seed: int, reps: int, add_one: bool) -> dict[str, Any]:
    from benchmarks.gen import PASSAGES_PER_DOC, generate

    corpus = corpus_for(work, n, seed)
    index = work / f"index-{n}"
    shutil.rmtree(index, ignore_errors=True)
    print(f"  {n:,}: full build", file=sys.stderr)
    row: dict[str, Any] = {"n": n, "build": _child(["build", str(corpus), str(index), "fresh"])}
    row["size_mb"] = dir_mb(index)
    print(f"  {n:,}: queries", file=sys.stderr)
    row["query"] = _child(["query", str(index), str(reps)])
    print(f"  {n:,}: naive rank-bm25", file=sys.stderr)
    row["naive"] = _child(["naive", str(index)])
    if add_one:
        print(f"  {n:,}: add one briefing, re-index", file=sys.stderr)
        extra = generate(corpus, PASSAGES_PER_DOC, seed, start=10**6)[0]
        try:
            row["add_one"] = _child(["build", str(corpus), str(index), "reuse"])
        finally:
            extra.unlink()
    return row


def machine() -> str:
    import numpy

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        mem_s = f", {mem:.0f} GB RAM"
    except (ValueError, OSError, AttributeError):
        mem_s = ""
    from importlib.metadata import version

    return (
        f"{cpu}, {os.cpu_count()} cores{mem_s}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, numpy {numpy.__version__}, rank-bm25 {version('rank-bm25')}"
    )


def _x(ratio: float) -> str:
    return f"{ratio:.1f}×" if ratio < 10 else f"{ratio:.0f}×"


def _ok(cond: bool) -> str:
    return "met" if cond else "**not met**"


def render(rows: list[dict[str, Any]], c: dict[str, float], seed: int, reps: int, when: str = "") -> str:
    lines = [
        "# qabot benchmark",
        "",
        f"Machine: {machine()}.",
        f"Run: {when or time.strftime('%Y-%m-%d %H:%M')} · `python benchmarks/run.py --sizes "
        f"{','.join(str(r['n']) for r in rows)}` · seed {seed} · synthetic Markdown briefings of 40 "
        f"passages (shipped words + Zipf tail) · {len(QUESTIONS)} questions × {reps}, top 10.",
        "",
        "Naive = `rank_bm25.BM25Plus` over the same analysed tokens (construction = its load; "
        "`get_scores` + top 10 = its query). qabot query = `QA.ask(q, k=10)` (analysis, BM25 over "
        "postings, top 10, passages read, answer sentence chosen); scorer = `BM25Scorer.top` alone. "
        "Load = `Index` + `QA` in a fresh process, after imports. RSS = peak of the process that "
        "loads and answers every question.",
        "",
        "| passages | build s | index MB | load s (naive) | qabot p50 / p95 ms | scorer p50 ms "
        "| naive p50 / p95 ms | speed-up p50 | peak RSS MB (naive) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        q, nv = r["query"], r["naive"]
        lines.append(
            f"| {r['build']['passages']:,} | {r['build']['seconds']:.2f} | {r['size_mb']:.1f} "
            f"| {q['load_s']:.3f} ({nv['init_s']:.2f}) | {q['ask_p50']:.2f} / {q['ask_p95']:.2f} "
            f"| {q['top_p50']:.2f} | {nv['p50']:.1f} / {nv['p95']:.1f} | {_x(nv['p50'] / q['ask_p50'])} "
            f"| {q['rss_mb']:.0f} ({nv['rss_mb']:.0f}) |"
        )
    lines += [
        "",
        "| one-shot, shipped corpus (median of runs, fresh index) | seconds |",
        "|---|---:|",
        f'| `qabot ask "{COLD_QUESTION}"` | {c["ask_s"]:.3f} |',
        f'| `python -c "import rank_bm25"` | {c["import_s"]:.3f} |',
        f"| ratio | {c['ask_s'] / c['import_s']:.2f}× |",
        "",
    ]
    big = max(rows, key=lambda r: r["n"])
    q, nv, b = big["query"], big["naive"], big["build"]["seconds"]
    checks = [
        (
            "cold ask ≤ 1.5× import rank_bm25",
            f"{c['ask_s'] / c['import_s']:.2f}×",
            c["ask_s"] / c["import_s"] <= TARGETS["cold"],
        ),
        (
            f"{big['build']['passages']:,}: warm p50 ≥ 50× faster than naive get_scores",
            f"{nv['p50'] / q['ask_p50']:.0f}× (scorer alone {nv['p50'] / q['top_p50']:.0f}×)",
            nv["p50"] / q["ask_p50"] >= TARGETS["speedup"],
        ),
        (
            f"{big['build']['passages']:,}: load ≤ 0.3 s",
            f"{q['load_s']:.3f} s",
            q["load_s"] <= TARGETS["load"],
        ),
        (f"{big['build']['passages']:,}: full build ≤ 30 s", f"{b:.1f} s", b <= TARGETS["build"]),
        (
            f"{big['build']['passages']:,}: peak RSS ≤ 400 MB",
            f"{q['rss_mb']:.0f} MB",
            q["rss_mb"] <= TARGETS["rss"],
        ),
    ]
    if "add_one" in big:
        a = big["add_one"]["seconds"]
        checks.insert(
            4,
            (
                f"{big['build']['passages']:,}: add one briefing, re-index ≤ 10% of full build",
                f"{a:.2f} s = {a / b:.0%}",
                a / b <= TARGETS["add_one"],
            ),
        )
    lines += ["| target | measured | |", "|---|---:|---|"]
    lines += [f"| {name} | {value} | {_ok(cond)} |" for name, value, cond in checks]
    return "\n".join(lines) + "\n"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        task, rest = sys.argv[2], sys.argv[3:]
        if task == "build":
            result = child_build(rest[0], rest[1], rest[2] == "reuse")
        elif task == "query":
            result = child_query(rest[0], int(rest[1]))
        else:
            result = child_naive(rest[0])
        print(json.dumps(result))
        return
    ap = argparse.ArgumentParser(description="qabot benchmark")
    ap.add_argument("--sizes", default="1000,10000,100000", help="passage counts, comma-separated")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--reps", type=int, default=5, help="passes over the question set")
    ap.add_argument("--cold-runs", type=int, default=9)
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "qabot-bench")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    ap.add_argument("--render", type=Path, metavar="RESULTS.json", help="only re-write the table from a run")
    args = ap.parse_args()
    if args.render:
        saved = json.loads(args.render.read_text())
        text = render(saved["rows"], saved["cold"], saved["seed"], saved["reps"], saved.get("when", ""))
        args.out.write_text(text, encoding="utf-8")
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    print("cold one-shot ask", file=sys.stderr)
    c = cold(args.work, args.cold_runs)
    rows = [measure_size(args.work, n, args.seed, args.reps, add_one=(n == max(sizes))) for n in sizes]
    when = time.strftime("%Y-%m-%d %H:%M")
    text = render(rows, c, args.seed, args.reps, when)
    args.out.write_text(text, encoding="utf-8")
    saved = {"cold": c, "rows": rows, "seed": args.seed, "reps": args.reps, "when": when}
    (args.work / "results.json").write_text(json.dumps(saved, indent=1))
    print(text)


if __name__ == "__main__":
    main()
