"""Deterministic synthetic briefings for benchmarks.

Vocabulary: every word of the shipped briefings (most frequent first, so "the",
"korea", "summit" stay common) followed by a tail of made-up pronounceable words;
words are drawn from a Zipf law over that ranked list, so term frequencies look like
real text (a few very common words, a long tail of rare ones). Output: Markdown
briefings with TOML front matter (title, date), ``##`` sections, paragraphs and a
few bullets, about ``PASSAGES_PER_DOC`` passages each. Same arguments, same bytes.

    python benchmarks/gen.py OUT_DIR N_PASSAGES [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
PASSAGES_PER_DOC = 40
TAIL_WORDS = 60_000
ZIPF_S = 1.05

_ONSETS = [
    "b",
    "br",
    "c",
    "ch",
    "d",
    "dr",
    "f",
    "g",
    "gr",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "pr",
    "r",
    "s",
    "st",
    "t",
    "tr",
    "v",
    "w",
    "z",
]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
_CODAS = ["", "n", "r", "s", "l", "m", "nd", "rt", "st", "x"]


def _shipped_words() -> list[str]:
    counts: Counter[str] = Counter()
    for path in sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus").glob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        counts.update(w for w in re.findall(r"[A-Za-z][a-z]+(?:'[a-z]+)?", text))
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def vocabulary(seed: int = 0) -> list[str]:
    """Shipped words by frequency, then a made-up Zipf tail (deterministic)."""
    words = _shipped_words()
    seen = {w.lower() for w in words}
    rng = np.random.default_rng(seed + 1)
    target = len(words) + TAIL_WORDS
    while len(words) < target:
        parts = [
            _ONSETS[rng.integers(len(_ONSETS))]
            + _VOWELS[rng.integers(len(_VOWELS))]
            + _CODAS[rng.integers(len(_CODAS))]
            for _ in range(int(rng.integers(2, 4)))
        ]
        w = "".join(parts)
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


class Generator:
    def __init__(self, seed: int = 0) -> None:
        self.words = np.asarray(vocabulary(seed), dtype=object)
        ranks = np.arange(1, len(self.words) + 1, dtype=np.float64)
        p = ranks**-ZIPF_S
        self.cdf = np.cumsum(p / p.sum())
        self.seed = seed

    def _draw(self, rng: np.random.Generator, n: int) -> list[str]:
        idx = np.searchsorted(self.cdf, rng.random(n))
        return list(self.words[np.minimum(idx, len(self.words) - 1)])

    def _sentence(self, rng: np.random.Generator) -> str:
        words = self._draw(rng, int(rng.integers(8, 24)))
        words[0] = words[0][:1].upper() + words[0][1:]
        return " ".join(words) + "."

    def _paragraph(self, rng: np.random.Generator) -> str:
        return " ".join(self._sentence(rng) for _ in range(int(rng.integers(2, 6))))

    def briefing(self, number: int) -> tuple[str, str]:
        """(file name, Markdown text) of briefing ``number``."""
        rng = np.random.default_rng([self.seed, number])
        day = dt.date(2015, 1, 1) + dt.timedelta(days=number % 4000)
        title = " ".join(w.capitalize() for w in self._draw(rng, int(rng.integers(4, 9))))
        lines = ["+++", f'title = "{title}"', f"date = {day.isoformat()}", "+++", "", f"# {title}", ""]
        made = 0
        while made < PASSAGES_PER_DOC:
            heading = " ".join(w.capitalize() for w in self._draw(rng, int(rng.integers(2, 5))))
            lines += [f"## {heading}", ""]
            for _ in range(int(rng.integers(3, 8))):
                if made >= PASSAGES_PER_DOC:
                    break
                if rng.random() < 0.1:
                    lines += [f"- {self._paragraph(rng)}" for _ in range(2)] + [""]
                    made += 2
                else:
                    lines += [self._paragraph(rng), ""]
                    made += 1
        return f"{day.isoformat()}-synthetic-{number:06d}.md", "\n".join(lines)


def generate(out: Path, n_passages: int, seed: int = 0, start: int = 0) -> list[Path]:
    """Write briefings numbered from ``start`` until about ``n_passages`` passages exist."""
    out.mkdir(parents=True, exist_ok=True)
    gen = Generator(seed)
    paths = []
    for number in range(start, start + max(1, round(n_passages / PASSAGES_PER_DOC))):
        name, text = gen.briefing(number)
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("passages", type=int)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    paths = generate(args.out, args.passages, args.seed)
    print(f"wrote {len(paths)} briefings to {args.out}")


if __name__ == "__main__":
    main()
