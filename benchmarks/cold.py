"""Cold one-shot ``qabot ask`` against ``python -c "import rank_bm25"``, with and without bytecode.

``python benchmarks/cold.py [TREE] [--runs 9]``: TREE is a checkout (default this one;
another commit's tree, e.g. from ``git archive``, compares that commit in the same
conditions). Interleaved runs, medians; first with the bytecode cache written once (as
an installed package has it), then with ``PYTHONDONTWRITEBYTECODE=1`` and TREE's
``__pycache__`` folders removed, so every qabot module is compiled from source (the
peer keeps its installed bytecode in both). The index is built once into a temporary
folder first. Not part of the test run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUESTION = "why did Hanoi end early?"


def _run(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("tree", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    tree: Path = args.tree.resolve()
    base = {
        k: v for k, v in os.environ.items() if not k.startswith("QABOT_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        ask = [
            sys.executable,
            "-m",
            "qabot",
            "ask",
            "--corpus",
            str(tree / "corpus"),
            "--index",
            str(index),
            QUESTION,
        ]
        peer = [sys.executable, "-c", "import rank_bm25"]
        _run(ask, base, tree)  # builds the index and writes bytecode
        _run(peer, base, tree)
        for mode in ("bytecode", "no bytecode"):
            env = dict(base)
            if mode == "no bytecode":
                env["PYTHONDONTWRITEBYTECODE"] = "1"
                for cache in (tree / "qabot").rglob("__pycache__"):
                    shutil.rmtree(cache)
            a: list[float] = []
            r: list[float] = []
            for _ in range(args.runs):  # interleaved, so machine noise hits both alike
                a.append(_run(ask, env, tree))
                r.append(_run(peer, env, tree))
            ma, mr = statistics.median(a), statistics.median(r)
            print(f"{mode}: ask {ma:.3f} s, import rank_bm25 {mr:.3f} s, ratio {ma / mr:.2f}x")


if __name__ == "__main__":
    main()
