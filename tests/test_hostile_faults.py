"""Issue 16, the cases the other robustness tests reach only by simulation, reproduced as
the issue states them: real signals at the manifest's rename, a real full disk (a tiny
tmpfs) and a real read-only bind mount (in a private mount namespace), a piped chat
whose segment two rebuilds elsewhere delete, FIFOs under qabot's names, and the
remaining odd inputs. Every process gets a timeout: a hang fails, it never stalls."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from qabot.index import build, status
from qabot.index import manifest as manifest_mod
from tests.conftest import CORPUS, FEB26, ROOT, run_cli

EXTRA = "# Extra\n\nA paragraph about the Kaesong liaison office and its quokka garden.\n"


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QABOT_HOME=str(tmp_path / "home"))
    env.pop("QABOT_INDEX", None)
    return env


def qabot(
    tmp_path: Path, *args: str, stdin: str = "", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "qabot", *args]
    return subprocess.run(
        cmd, input=stdin, capture_output=True, text=True, env=_env(tmp_path), timeout=timeout, check=False
    )


def clean(err: str) -> bool:
    return "Traceback" not in err and "please report" not in err and "internal error" not in err


# ---------------------------------------------------------------- locked out after a real SIGKILL

KILL_AT = """
import os, signal, sys
where = sys.argv.pop(1)
real_replace, real_fsync = os.replace, os.fsync
def replace(src, dst):
    if where == "rename" and str(dst).endswith("manifest.json"):
        os.kill(os.getpid(), signal.SIGKILL)
    return real_replace(src, dst)
def fsync(fd):
    if where == "fsync" and ".tmp-" in os.readlink(f"/proc/self/fd/{fd}"):
        if "manifest.json" in os.readlink(f"/proc/self/fd/{fd}"):
            os.kill(os.getpid(), signal.SIGKILL)
    return real_fsync(fd)
os.replace, os.fsync = replace, fsync
from qabot.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc")
@pytest.mark.parametrize("where", ["fsync", "rename"])
def test_sigkill_between_manifest_tmp_and_rename_never_locks_out(
    corpus_copy: Path, tmp_path: Path, where: str
) -> None:
    ix = tmp_path / "ix"
    build(corpus_copy, ix)
    old = (ix / "manifest.json").read_bytes()
    (corpus_copy / "extra.md").write_text(EXTRA, encoding="utf-8")
    cmd = [sys.executable, "-c", KILL_AT, where, "index", "--corpus", str(corpus_copy), "--index", str(ix)]
    killed = subprocess.run(cmd, capture_output=True, text=True, env=_env(tmp_path), timeout=60, check=False)
    assert killed.returncode == -signal.SIGKILL
    assert (ix / "manifest.json").read_bytes() == old  # the previous index is whole
    assert [p for p in os.listdir(ix) if p.startswith("manifest.json.tmp")]  # the fault's leftover
    p = qabot(tmp_path, "ask", "--corpus", str(corpus_copy), "--index", str(ix), "quokka garden Kaesong?")
    assert p.returncode == 0 and "quokka garden" in p.stdout and clean(p.stderr)
    assert not [p for p in os.listdir(ix) if "tmp" in p]
    p = qabot(tmp_path, "index", "--corpus", str(corpus_copy), "--index", str(ix))
    assert p.returncode == 0 and p.stdout.startswith("index is up to date: 3 briefings")


# ---------------------------------------------------------------- real mounts (root, private namespace)


def _can_mount() -> bool:
    if not shutil.which("unshare") or os.geteuid() != 0:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null || exit 1"],
        capture_output=True,
        timeout=20,
        check=False,
    )
    return probe.returncode == 0


needs_mount = pytest.mark.skipif(not _can_mount(), reason="needs root and unshare -m (private mounts)")

#: Runs in the private mount namespace: qabot in process, each step's result as JSON.
STEPS = """
import json, os, subprocess, sys
from tests.conftest import run_cli
out = []
for step in json.loads(sys.argv[1]):
    if step[0] == "sh":
        out.append(subprocess.run(step[1], shell=True, capture_output=True, text=True).returncode)
    else:
        out.append(run_cli(step[1]))
print(json.dumps(out))
"""


def in_namespace(mounts: str, steps: list[tuple[str, object]], tmp_path: Path) -> list[Any]:
    """``mounts`` (shell) then ``steps`` in a private mount namespace that dies with it."""
    script = f'{mounts} && exec {sys.executable} -c "$0" "$1"'
    p = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, STEPS, json.dumps(steps)],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert p.returncode == 0, p.stderr[-2000:]
    return list(json.loads(p.stdout.splitlines()[-1]))


def cli(result: Any) -> tuple[int, str, str]:
    code, out, err = result
    return int(code), str(out), str(err)


@needs_mount
def test_a_real_full_disk_never_locks_out(corpus_copy: Path, tmp_path: Path) -> None:
    """A 1 MB tmpfs: the index fits, then a filler takes the rest; a build (and ask's
    touched-stat update) on the full disk; then the space comes back."""
    disk = tmp_path / "disk"
    disk.mkdir()
    ix = disk / "ix"
    argv = ["--corpus", str(corpus_copy), "--index", str(ix)]
    fill = f"dd if=/dev/zero of={disk}/filler bs=4k 2>/dev/null; sync"
    feb26 = corpus_copy / f"{FEB26}.txt"
    src = tmp_path / "extra.src"
    src.write_text(EXTRA, encoding="utf-8")
    steps: list[tuple[str, object]] = [
        ("cli", ["index", *argv]),  # 0: fits
        ("sh", fill),  # 1
        ("sh", f"cp {src} {corpus_copy / 'extra.md'} && touch {feb26}"),  # 2
        ("cli", ["index", *argv]),  # 3: full disk: FAILED
        ("cli", ["ask", *argv, "who is Stephen Biegun?"]),  # 4: the previous index answers
        ("sh", f"ls -A {ix} | grep -c tmp"),  # 5: exit 1 = no leftover
        ("sh", f"rm {corpus_copy / 'extra.md'}"),  # 6: only the touched file is new now
        ("cli", ["ask", *argv, "who is Stephen Biegun?"]),  # 7: touched stat not recordable
        ("sh", f"ls -A {ix} | grep -c tmp"),  # 8
        ("sh", f"cp {src} {corpus_copy / 'extra.md'} && rm {disk}/filler"),  # 9
        ("cli", ["index", *argv]),  # 10: space back
        ("cli", ["ask", *argv, "quokka garden Kaesong?"]),  # 11
    ]
    r = in_namespace(f"mount -t tmpfs -o size=1m tmpfs {disk}", steps, tmp_path)
    assert cli(r[0])[0] == 0, r[0]
    code, out, err = cli(r[3])
    assert code == 1 and out == "" and "index build FAILED" in err and "No space left on device" in err
    assert clean(err) and err.count("qabot: error:") == 1
    code, out, err = cli(r[4])
    assert code == 0 and "Biegun" in out and "using the previous one" in err and clean(err)
    assert r[5] == 1 and r[8] == 1
    code, out, err = cli(r[7])
    assert code == 0 and "Biegun" in out and clean(err)
    code, out, err = cli(r[10])
    assert code == 0 and "1 added" in out and clean(err)
    code, out, err = cli(r[11])
    assert code == 0 and "quokka garden" in out


@needs_mount
def test_eval_run_out_on_a_real_full_disk_keeps_the_report(tmp_path: Path, shared_index: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    qs = ROOT / "tests" / "questions" / "dev.toml"
    argv = ["eval", str(qs), "--corpus", str(CORPUS), "--index", str(shared_index)]
    steps: list[tuple[str, object]] = [
        ("sh", f"dd if=/dev/zero of={disk}/filler bs=4k 2>/dev/null; true"),
        ("cli", [*argv, "--run-out", str(disk / "run.txt")]),
    ]
    code, out, err = cli(in_namespace(f"mount -t tmpfs -o size=64k tmpfs {disk}", steps, tmp_path)[1])
    assert code == 1 and "hit1" in out and "refused (unanswerable)" in out  # the report is printed
    assert err.startswith(f"qabot: error: cannot write {disk / 'run.txt'}") and clean(err)


@needs_mount
@pytest.mark.parametrize("damage", ["manifest", "segment file", "stale"])
def test_read_only_bind_mounted_damaged_index_is_a_clear_error(
    corpus_copy: Path, tmp_path: Path, damage: str
) -> None:
    src, ro = tmp_path / "src", tmp_path / "ro"
    build(corpus_copy, src)
    ro.mkdir()
    m = json.loads((src / "manifest.json").read_text())
    if damage == "manifest":
        (src / "manifest.json").write_text('{"format": "qabot-index", "version": 3, "segm')
        says = "not writable"
    elif damage == "segment file":
        docs = src / m["segments"][0]["name"] / "docs.json"
        data = bytearray(docs.read_bytes())
        data[20] ^= 0x21
        docs.write_bytes(bytes(data))
        says = "is damaged"
    else:
        (corpus_copy / "extra.md").write_text(EXTRA, encoding="utf-8")
        says = "is not writable and is out of date"
    before = sorted((p.name, p.stat().st_mtime_ns) for p in src.rglob("*"))
    argv = ["--corpus", str(corpus_copy), "--index", str(ro)]
    steps: list[tuple[str, object]] = [
        ("cli", ["ask", *argv, "who is Stephen Biegun?"]),
        ("cli", ["ask", "--json", *argv, "who is Stephen Biegun?"]),
        ("cli", ["index", *argv]),
        ("cli", ["sources", *argv]),
    ]
    mounts = f"mount --bind {src} {ro} && mount -o remount,bind,ro {ro}"
    for code, out, err in map(cli, in_namespace(mounts, steps, tmp_path)):
        assert code == 1 and out == "" and err.count("\n") == 1 and clean(err), err
        assert says in err and "JSON" not in err and "Expecting" not in err
    assert sorted((p.name, p.stat().st_mtime_ns) for p in src.rglob("*")) == before


# ---------------------------------------------------------------- index: damage the load sees


def test_index_command_never_says_up_to_date_over_damage_a_load_sees(tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    build(CORPUS, ix)
    m = json.loads((ix / "manifest.json").read_text())
    docs = ix / m["segments"][0]["name"] / "docs.json"
    data = bytearray(docs.read_bytes())
    data[40] ^= 0x5A  # size kept: only the checksum sees it
    docs.write_bytes(bytes(data))
    argv = ["index", "--corpus", str(CORPUS), "--index", str(ix)]
    code, out, err = run_cli(argv)
    assert code == 0 and out.startswith("indexed 2 briefings") and "damaged" in err and clean(err)
    code, out, err = run_cli(argv)
    assert code == 0 and out.startswith("index is up to date") and err == ""


def test_verify_rehashes_what_the_stat_cannot_see(corpus_copy: Path, tmp_path: Path) -> None:
    """An edit no stat field shows (the manifest's digest stands in for the old text):
    `index` trusts the stat, `index --verify` hashes and rebuilds."""
    ix = tmp_path / "ix"
    build(corpus_copy, ix)
    m = json.loads((ix / "manifest.json").read_text())
    m["files"][f"{FEB26}.txt"]["sha256"] = "0" * 64
    m["files"][f"{FEB26}.txt"]["seen_ns"] = m["files"][f"{FEB26}.txt"]["mtime_ns"] + 10**10  # not racy
    manifest_mod.replace_manifest(ix, m)
    argv = ["index", "--corpus", str(corpus_copy), "--index", str(ix)]
    code, out, _ = run_cli(argv)
    assert code == 0 and out.startswith("index is up to date")
    code, out, err = run_cli([*argv, "--verify"])
    assert code == 0 and "1 changed" in out and clean(err)


def test_manifest_file_names_never_lead_outside_the_corpus(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix = tmp_path / "ix"
    build(corpus_copy, ix)
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\nNot a briefing of this corpus.\n")
    m = json.loads((ix / "manifest.json").read_text())
    entry = m["files"].pop(f"{FEB26}.txt")
    m["files"]["../secret.md"] = entry
    m["files"][str(secret)] = dict(entry)
    manifest_mod.replace_manifest(ix, m)
    opened: list[Path] = []
    real = manifest_mod.sha256_file

    def spy(path: Path) -> str:
        opened.append(Path(path))
        return real(path)

    monkeypatch.setattr(manifest_mod, "sha256_file", spy)
    st = status(corpus_copy, ix, rehash=True)
    assert not st.fresh
    code, _, err = run_cli(["index", "--verify", "--corpus", str(corpus_copy), "--index", str(ix)])
    assert code == 0 and clean(err)
    assert all(corpus_copy.resolve() in p.resolve().parents for p in opened), opened


# ---------------------------------------------------------------- processes


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_piped_chat_keeps_answering_after_two_rebuilds_elsewhere(corpus_copy: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    build(corpus_copy, ix)
    first = json.loads((ix / "manifest.json").read_text())["segments"][0]["name"]
    cmd = [sys.executable, "-m", "qabot", "chat", "--json", "--corpus", str(corpus_copy), "--index", str(ix)]
    pipe = subprocess.PIPE
    chat = subprocess.Popen(cmd, stdin=pipe, stdout=pipe, stderr=pipe, text=True, env=_env(tmp_path))
    assert chat.stdin is not None and chat.stdout is not None
    try:
        chat.stdin.write("who is Stephen Biegun?\n")
        chat.stdin.flush()
        assert json.loads(chat.stdout.readline())["answered"]
        for _ in range(2):  # two rebuilds by other processes: the chat's segment is deleted
            p = qabot(tmp_path, "index", "--force", "--corpus", str(corpus_copy), "--index", str(ix))
            assert p.returncode == 0, p.stderr
        assert not (ix / first).exists()
        more = "why did the Hanoi summit end early?\n/show 2\nwhat about Yongbyon?\n"
        out, err = chat.communicate(more, timeout=60)
    finally:
        if chat.poll() is None:
            chat.kill()
    replies = [json.loads(x) for x in out.splitlines()]
    assert chat.returncode == 0 and clean(err) and "FileNotFoundError" not in err + out
    assert len(replies) == 3 and replies[0]["answered"] and replies[2]["answered"]


# ---------------------------------------------------------------- hangs and unbounded work


def test_a_700kb_question_is_cut_with_a_notice_in_seconds(base: list[str]) -> None:
    question = ("why did the Hanoi summit end early after Yongbyon talks " * 13_000)[:700_000]
    t0 = time.perf_counter()
    code, out, err = run_cli(["ask", "--json", *base], stdin=question.encode() + b"\n")
    assert time.perf_counter() - t0 < 10
    reply = json.loads(out)
    assert code == 0 and reply["answered"] and len(reply["query"]) < 2000
    assert err.startswith("qabot: the question was cut to its first ") and clean(err)


def test_query_expansion_is_linear_in_the_question(qa: object) -> None:
    """With the length bound lifted, work grows with the question, not its square:
    four times the words take well under sixteen times as long (linear is four; 12 leaves
    room for a busy machine, where the best of three runs still drifts above ten)."""
    from qabot.api import QA
    from qabot.search.params import DEFAULT

    assert isinstance(qa, QA)
    unbounded = QA(qa.index, dataclasses.replace(DEFAULT, max_question_chars=10**7))
    words = ("Kim Jong Un North Korea sanctions Yongbyon Biegun talks summit Hanoi Trump missile "
             "denuclearization negotiations Moon Jae-in United States xqzt blorf ").split()  # fmt: skip

    def seconds(n: int) -> float:
        text = " ".join(words[i % len(words)] for i in range(n))
        best = 10.0**9
        for _ in range(3):
            t0 = time.perf_counter()
            unbounded.ask(text)
            best = min(best, time.perf_counter() - t0)
        return best

    small, large = seconds(3_000), seconds(12_000)
    assert large < 12 * small, (small, large)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("name", ["manifest.json", ".qabot.lock", "segment/docs.json", "segment/passages.z"])
def test_no_command_hangs_on_a_fifo_in_the_index_folder(corpus_copy: Path, tmp_path: Path, name: str) -> None:
    ix = tmp_path / "ix"
    build(corpus_copy, ix)
    if name.startswith("segment/"):
        target = ix / json.loads((ix / "manifest.json").read_text())["segments"][0]["name"] / name[8:]
    else:
        target = ix / name
    target.unlink()
    os.mkfifo(target)
    base = ["--corpus", str(corpus_copy), "--index", str(ix)]
    commands = [
        ["ask", "who is Biegun?"],
        ["index", "--verify"] if name.startswith("segment/") else ["sources"],
    ]
    for argv in commands:
        p = qabot(tmp_path, *argv, *base, timeout=30)  # a hang fails here
        assert clean(p.stderr), (argv, p.stderr)
        assert p.returncode in (0, 1) and (p.returncode == 0 or p.stderr.count("\n") == 1), (argv, p.stderr)
    p = qabot(tmp_path, "chat", *base, stdin="who is Biegun?\n/sources\n", timeout=30)
    assert clean(p.stderr)


# ---------------------------------------------------------------- data loss


@pytest.mark.parametrize("extra", [[], ["README.md"], [".gitignore"], ["README.md", ".gitignore"]])
@pytest.mark.parametrize("folder", ["g-2019", "g-20190101000000-1-000001", "s-20190101000000-1-000001"])
def test_a_folder_of_generation_lookalikes_is_not_qabots(
    tmp_path: Path, extra: list[str], folder: str
) -> None:
    """`mkdir -p backups/g-2019; echo x > backups/g-2019/tax.pdf; qabot index --index backups`:
    without a qabot manifest the folder is not qabot's, whatever its folders are named."""
    backups = tmp_path / "backups"
    (backups / folder).mkdir(parents=True)
    (backups / folder / "tax.pdf").write_text("x")
    (backups / folder / "docs.json").write_text("[1]")  # even a name a segment file has
    for name in extra:
        (backups / name).write_text("mine\n")
    before = sorted(str(p.relative_to(backups)) for p in backups.rglob("*"))
    code, out, err = run_cli(["index", "--corpus", str(CORPUS), "--index", str(backups)])
    assert code == 1 and out == "" and "holds files qabot did not write" in err and clean(err)
    assert sorted(str(p.relative_to(backups)) for p in backups.rglob("*")) == before
    assert (backups / folder / "docs.json").read_text() == "[1]"


def test_a_crashed_first_build_is_still_qabots(tmp_path: Path) -> None:
    """What a killed first build leaves (the lock, a temporary segment) is qabot's own."""
    ix = tmp_path / "ix"
    (ix / ".tmp-s-20260101000000-7-000001").mkdir(parents=True)
    (ix / ".tmp-s-20260101000000-7-000001" / "docs.json").write_text("[")
    (ix / ".qabot.lock").write_text("")
    (ix / "manifest.json.tmp-20260101000000-7-000002").write_text("{")
    code, out, err = run_cli(["index", "--corpus", str(CORPUS), "--index", str(ix)])
    assert code == 0 and out.startswith("indexed 2 briefings") and clean(err)
    assert not [p for p in os.listdir(ix) if "tmp" in p]


# ---------------------------------------------------------------- odd argv and paths


@pytest.mark.parametrize(
    "argv",
    [["sources"], ["sources", "--json"], ["ask", "x"], ["ask", "--json", "x"], ["index"], ["show", "1"]],
)
def test_a_missing_non_utf8_corpus_path_is_one_line(tmp_path: Path, argv: list[str]) -> None:
    corpus = os.fsdecode(os.fsencode(str(tmp_path)) + b"/caf\xe9-corpus")
    code, out, err = run_cli([argv[0], "--corpus", corpus, *argv[1:]])
    assert code == 1 and out == "" and err.count("\n") == 1 and clean(err), err
    assert "caf\ufffd-corpus" in err or "caf\\udce9-corpus" in err or "caf\\ufffd-corpus" in err
    if "--json" in argv:
        json.loads(err)


# ---------------------------------------------------------------- nothing written outside the folder


@pytest.mark.parametrize("target", ["missing", "existing"])
def test_a_lock_symlinked_out_of_the_folder_writes_nothing_there(
    corpus_copy: Path, tmp_path: Path, target: str
) -> None:
    ix = tmp_path / "ix"
    build(corpus_copy, ix)
    outside = tmp_path / "outside.txt"
    if target == "existing":
        outside.write_text("mine")
    (ix / ".qabot.lock").unlink()
    (ix / ".qabot.lock").symlink_to(outside)
    code, out, err = run_cli(["index", "--force", "--corpus", str(corpus_copy), "--index", str(ix)])
    assert code == 1 and out == "" and ".qabot.lock is not a regular file" in err and clean(err)
    assert outside.exists() == (target == "existing")
    assert target == "missing" or outside.read_text() == "mine"
    code, out, err = run_cli(["ask", "--corpus", str(corpus_copy), "--index", str(ix), "who is Biegun?"])
    assert code == 0 and "Biegun" in out and clean(err)  # the index still answers


# ---------------------------------------------------------------- eval: phrases cleaned like passages


def test_invisible_characters_in_an_expect_phrase_are_cleaned_like_the_passages(
    base: list[str], tmp_path: Path
) -> None:
    qs = tmp_path / "set.toml"
    hidden = "\u200b\u202e\u2066\u061c\u009b"
    qs.write_text(
        f'[[question]]\nid = "q{hidden}1"\nq = "who is Stephen Biegun?"\n'
        f'expect = ["special represen{hidden}tative for North Korea"]\n',
        encoding="utf-8",
    )
    code, out, err = run_cli(["eval", str(qs), "--json", *base])
    assert code == 0 and err == "" and json.loads(out)["hit1"] == 1.0
    code, out, err = run_cli(["eval", str(qs), "--verbose", *base])
    assert code == 0 and not set(out + err) & set(hidden)


def test_eval_baseline_reads_the_corpus_named_not_the_manifests_path(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """The manifest records where the corpus was built; moved (or the manifest edited to
    point elsewhere), the baseline must still read the folder the user named."""
    ix = tmp_path / "ix"
    build(corpus_copy, ix)
    moved = tmp_path / "moved"
    corpus_copy.rename(moved)
    qs = ROOT / "tests" / "questions" / "dev.toml"
    code, out, err = run_cli(
        ["eval", str(qs), "--baseline", "--json", "--corpus", str(moved), "--index", str(ix)]
    )
    assert code == 0 and clean(err), err
    assert json.loads(out)["baseline"]["hit1"] > 0


def test_a_link_to_a_folder_above_the_corpus_is_not_walked(tmp_path: Path) -> None:
    """`up -> ..` (or /proc/self/root) would walk everything above the corpus, up to the
    whole file system; other links are followed as before."""
    from qabot.corpus import files

    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.md").write_text("# A\n\nA paragraph about quokkas.\n")
    (tmp_path / "sibling.md").write_text("# Sibling\n\nNot in the corpus.\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.md").write_text("# Linked\n\nIn the corpus through a link.\n")
    (corpus / "up").symlink_to("..", target_is_directory=True)
    (corpus / "sub" / "root").symlink_to("/", target_is_directory=True)
    (corpus / "more").symlink_to(elsewhere, target_is_directory=True)
    t0 = time.perf_counter()
    assert sorted(files(corpus)) == ["a.md", "more/linked.md"]
    assert time.perf_counter() - t0 < 5
