"""Reliability soak (issue 16): what the test suite checks a few times, many times.

- ``kill``: real builds of a changing synthetic corpus, SIGKILL or SIGTERM at a random
  moment; after each, ``qabot ask`` must answer exactly as a fresh build of the same
  corpus does, leave no temporary files and no worker processes.
- ``rot``: random bytes of random index files flipped (sizes kept); ``ask``, ``index``
  and ``sources`` must never print a traceback or an internal error, never answer
  from text the corpus does not hold, never write outside the index folder.

    python benchmarks/soak.py kill --rounds 24
    python benchmarks/soak.py rot --rounds 500

Prints one line per failure and a summary; exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = ["who is Stephen Biegun?", "why did the Hanoi summit end early?", "what about Yongbyon?"]


def qabot(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "qabot", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, check=False)


def answers(env: dict[str, str], corpus: Path, ix: Path) -> list[Any]:
    out: list[Any] = []
    for q in QUESTIONS:
        p = qabot(env, "ask", "--json", "--corpus", str(corpus), "--index", str(ix), q)
        if p.returncode != 0 or "Traceback" in p.stderr or "internal error" in p.stderr:
            return [f"FAILED: {p.stderr.strip()[-300:]}"]
        reply = json.loads(p.stdout)
        out.append([x["id"] for x in reply["passages"]] + [reply["answer"]])
    return out


def children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(d.name))
    return out


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def kill_soak(rounds: int, work: Path, env: dict[str, str]) -> int:
    from benchmarks.gen import generate

    corpus, ix, fresh = work / "corpus", work / "ix", work / "fresh"
    generate(corpus, 6000, seed=3)
    shutil.copytree(ROOT / "corpus", corpus, dirs_exist_ok=True)
    rng = random.Random(16)
    failures = 0
    for r in range(rounds):
        # change the corpus a little: a new briefing, an edit, sometimes a removal
        (corpus / f"soak-{r}.md").write_text(f"# Soak {r}\n\nA paragraph about quokka number {r}.\n")
        victims = sorted(p for p in corpus.glob("*.md") if not p.name.startswith("soak-"))
        if r % 3 == 0 and victims:
            rng.choice(victims).unlink()
        how = signal.SIGKILL if r % 4 else signal.SIGTERM
        cmd = [sys.executable, "-m", "qabot", "index", "--corpus", str(corpus), "--index", str(ix)]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.05, 2.5))
        workers = children(proc.pid)
        proc.send_signal(how)
        _, err = proc.communicate(timeout=120)
        if "Traceback" in err or "leaked" in err:
            failures += 1
            print(f"round {r}: the killed build printed: {err.strip()[-300:]}")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(alive(w) for w in workers):
            time.sleep(0.05)
        if any(alive(w) for w in workers):
            failures += 1
            print(f"round {r} ({how.name}): worker processes outlived their parent")
        shutil.rmtree(fresh, ignore_errors=True)
        got, want = answers(env, corpus, ix), answers(env, corpus, fresh)
        leftovers = [p for p in os.listdir(ix) if "tmp" in p]
        if got != want or leftovers:
            failures += 1
            print(f"round {r} ({how.name}): answers differ from a fresh build or leftovers {leftovers}")
    print(f"kill soak: {rounds} rounds, {failures} failures")
    return failures


def rot_soak(rounds: int, work: Path, env: dict[str, str]) -> int:
    from qabot.index import Index, build

    corpus = ROOT / "corpus"
    source = work / "pristine"
    build(corpus, source)
    index = Index(source)
    genuine = {index.passage(i).text for i in range(index.n_passages)}
    index.close()
    files = sorted(p.relative_to(source) for p in source.rglob("*") if p.is_file() and p.stat().st_size)
    rng = random.Random(16)
    failures = 0
    for r in range(rounds):
        sandbox = work / f"rot-{r}"
        ix = sandbox / "ix"
        shutil.copytree(source, ix)
        for _ in range(rng.randint(1, 4)):
            path = ix / rng.choice(files)
            data = bytearray(path.read_bytes())
            data[rng.randrange(len(data))] ^= rng.randint(1, 255)
            path.write_bytes(bytes(data))
        command = rng.choice(["ask", "index", "sources"])
        argv = [command, "--json", "--corpus", str(corpus), "--index", str(ix)]
        p = qabot(env, *argv, *(["who is Stephen Biegun?"] if command == "ask" else []))
        bad = "Traceback" in p.stderr or "internal error" in p.stderr
        if p.returncode == 0 and command == "ask":
            bad = bad or not all(x["text"] in genuine for x in json.loads(p.stdout)["passages"])
        bad = bad or sorted(os.listdir(sandbox)) != ["ix"]
        if bad:
            failures += 1
            print(f"round {r} ({command}): exit {p.returncode}: {p.stderr.strip()[-300:]}")
        shutil.rmtree(sandbox)
    print(f"rot soak: {rounds} rounds, {failures} failures")
    return failures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=["kill", "rot"])
    ap.add_argument("--rounds", type=int, default=24)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="qabot-soak-") as tmp:
        work = Path(tmp)
        env = dict(os.environ, PYTHONPATH=str(ROOT), QABOT_HOME=str(work / "home"))
        env.pop("QABOT_INDEX", None)
        run = kill_soak if args.what == "kill" else rot_soak
        sys.exit(1 if run(args.rounds, work, env) else 0)


if __name__ == "__main__":
    main()
