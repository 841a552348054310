"""Checks that keep a question set judgeable by its expect phrases (tests/otherqa and
tests/otherqa-holdout both use them, each over its own golden readings).

An expect phrase is only a fair judge if it occurs in exactly one block of the golden
readings: a phrase found nowhere can never score, one found twice rewards the wrong
passage. It must sit on the page the item's id names ("<page>-q3") and be a 5-12 word
window. These check the question sets, never qabot's answers to them.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from qabot.analysis import fold
from qabot.evaluate import Item

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

_PREFIX = re.compile(r"^(## |- |\[caption\] )")
#: an item's id: the stem of the golden page it asks about, a tag, a number
ID = re.compile(r"^(?P<page>[a-z0-9-]+)-(?P<tag>[quc])\d+$")


def norm(text: str) -> str:
    """Case, quotes, spaces and dashes folded, as the evaluator folds phrases and passages."""
    text = fold(text).lower().replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).strip()


def golden_blocks(golden: Path) -> list[tuple[str, str]]:
    """(page stem, normalised block text) for every block of every golden body in ``golden``."""
    out: list[tuple[str, str]] = []
    for path in sorted(golden.glob("*/*.md")):
        body = path.read_text(encoding="utf-8").split("+++", 2)[2]
        for line in body.splitlines():
            if line.strip():
                out.append((path.stem, norm(_PREFIX.sub("", line.strip()))))
    return out


def phrase_problems(
    items: Iterable[tuple[str, Item]], blocks: list[tuple[str, str]], *, conversation_elsewhere: bool = False
) -> list[str]:
    """Each expect phrase (of ``(label, item)`` pairs) not in exactly one block, of its
    item's page, 5-12 words long; ``conversation_elsewhere``: a conversation's phrase may
    sit on another page than its id names (once, still)."""
    problems = []
    for label, item in items:
        for phrase in item.expect:
            match = ID.match(item.id)
            assert match is not None, item.id
            pages = [page for page, block in blocks if norm(phrase) in block]
            words = len(phrase.split())
            elsewhere = conversation_elsewhere and item.conversation and len(pages) == 1
            own = pages == [match["page"]] or elsewhere
            if not own or not 5 <= words <= 12:
                problems.append(f"{label}{item.id}: {phrase!r} ({words} words) in {pages}")
    return problems


def repeated_questions(files: Iterable[Path]) -> list[str]:
    """Questions (of the question and unanswerable tables of ``files``) asked twice, folded."""
    seen: dict[str, str] = {}
    repeats = []
    for path in files:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        for table in ("question", "unanswerable"):
            for entry in raw.get(table, []):
                key = norm(entry["q"])
                if key in seen:
                    repeats.append(f"{entry['id']} repeats {seen[key]}")
                seen.setdefault(key, entry["id"])
    return repeats


def suite_problems(
    suite: Path, sets: dict[str, tuple[Path, Path]], items: dict[str, list[Item]]
) -> list[str]:
    """What is wrong with a held-out suite file and its sets taken together: a question asked
    twice, an id used twice, a set the suite does not name, or one it names over another corpus
    or with another item count. ``sets`` maps a set's name to (questions file, corpus folder)."""
    from qabot.questionset import load_sets

    problems = repeated_questions(questions for questions, _ in sets.values())
    ids = Counter(i.id for group in items.values() for i in group)
    problems += [f"id {i} used twice" for i, n in sorted(ids.items()) if n > 1]
    loaded = {qset.name: qset for qset in load_sets([suite])}
    if set(loaded) != set(sets):
        problems.append(f"{suite.name} names {sorted(loaded)}, expected {sorted(sets)}")
    for name, (_, corpus) in sets.items():
        qset = loaded.get(name)
        if qset is None:
            continue
        if qset.corpus is None or qset.corpus.resolve() != corpus.resolve():
            problems.append(f"{name}: corpus {qset.corpus}, expected {corpus}")
        if len(qset.items) != len(items[name]):
            problems.append(f"{name}: {len(qset.items)} items in the suite, {len(items[name])} in the file")
    return problems
