"""Tab completion: a pure engine (slash commands, corpus words, entity names) and its
prompt-toolkit wrapper.

:class:`CompletionEngine` works on plain strings so it is tested without a terminal;
:class:`ChatCompleter` adapts it to prompt-toolkit's ``Completer`` interface.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from ..analysis import stopwords
from ..index import Index
from ..lexicon import Lexicon
from ..render import safe
from .commands import SPECS

_WORD = re.compile(r"[\w'’.-]+$")
#: A run of capitalised words ("Kim Jong Un", "North Korea", "Hanoi").
_NAME = re.compile(r"\b[A-Z][\w'’.-]*[\w](?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*[\w])*")
_MAX = 12


@dataclass(frozen=True)
class Candidate:
    """Replace the last ``replace`` characters before the cursor with ``text``."""

    text: str
    replace: int
    meta: str = ""


def entity_names(texts: Iterable[str], min_count: int = 1) -> list[str]:
    """Capitalised names in ``texts`` (sentence-initial common words dropped), most frequent first."""
    stop = stopwords()
    counts: Counter[str] = Counter()
    for text in texts:
        for m in _NAME.finditer(text):
            name = m.group().replace("’", "'")
            before = text[: m.start()].rstrip()
            initial = not before or before[-1] in '.!?:;"“—•*\n'
            if "." in name or "'s " in name or (name.isupper() and len(name) > 4):
                continue  # abbreviations, possessive phrases, shouted headings
            if initial and " " not in name:
                continue  # one capitalised word opening a sentence
            if name.endswith("'s"):
                name = name[:-2]
            words = name.split()
            while words and words[0].lower() in stop:
                words = words[1:]
            if not words or (len(words) == 1 and len(words[0]) < 3):
                continue
            counts[" ".join(words)] += 1
    return [n for n, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c >= min_count]


Vocabulary = Callable[[], tuple[Sequence[str], Sequence[str]]]


def corpus_words(index: Index) -> list[str]:
    """The corpus's surface words (from the stem table), the most widespread first."""
    stop = stopwords()
    stems, df, vocab = index.stems, index.df, index.vocab

    def weight(word: str) -> int:
        t = vocab.get(stems.get(word, word))
        return int(df[t]) if t is not None else 0

    words = [w for w in stems if len(w) > 2 and w.isalpha() and w not in stop]
    words.sort(key=lambda w: (-weight(w), w))
    return words


def lexicon_names(index: Index, lexicon: Lexicon) -> list[str]:
    """The lexicon's capitalised names (entities and their aliases) whose words all occur
    in the corpus: "Kim Jong Un", "North Korea", "Yongbyon"... without reading a passage."""
    analyzer = index.analyzer()
    out: dict[tuple[str, ...], str] = {}  # one spelling per analysed name ("Kim Jong-un")
    for entity in lexicon.entities:
        for name in entity.names:
            terms = tuple(analyzer.analyze(name))
            if name[:1].isupper() and terms and all(t in index.vocab for t in terms):
                out.setdefault(terms, safe(name))
    return list(out.values())


class CompletionEngine:
    """Completes slash commands, their arguments, corpus words and entity names.

    ``vocabulary``, when given, supplies more words and names on the first completion
    request (reading a large corpus's word table at chat start would delay the prompt).
    """

    def __init__(
        self,
        words: Sequence[str] = (),
        names: Sequence[str] = (),
        doc_ids: Sequence[str] = (),
        ranks: Callable[[], int] = lambda: 0,
        extra_names: Callable[[], Sequence[str]] = lambda: (),
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self._word_list = list(words)  # most useful first
        self._name_list = list(names)
        self._vocabulary = vocabulary
        self.doc_ids = list(doc_ids)
        self.ranks = ranks  # how many passages the last answer has (for /show N, /why N)
        self.extra_names = extra_names  # names the conversation is following (ranked first)

    def _load(self) -> None:
        if self._vocabulary is not None:
            vocabulary, self._vocabulary = self._vocabulary, None
            words, names = vocabulary()
            self._word_list += words
            self._name_list += names

    @property
    def words(self) -> list[str]:
        self._load()
        return self._word_list

    @property
    def names(self) -> list[str]:
        self._load()
        return self._name_list

    @classmethod
    def from_index(
        cls,
        index: Index,
        ranks: Callable[[], int] = lambda: 0,
        extra_names: Callable[[], Sequence[str]] = lambda: (),
        lexicon: Lexicon | None = None,
    ) -> CompletionEngine:
        """An engine over ``index``: cheap to make, it reads nothing until the first Tab.

        Words come from the index's stem table; names from ``lexicon`` (the shipped
        one by default), kept when the corpus holds their words. Names met only in the
        passages are offered through ``extra_names`` once an answer shows them.
        """

        def vocabulary() -> tuple[list[str], list[str]]:
            from ..lexicon import load

            return corpus_words(index), lexicon_names(index, lexicon or load())

        return cls((), (), [d.doc_id for d in index.docs], ranks, extra_names, vocabulary)

    def complete(self, text: str) -> list[Candidate]:
        """Candidates for the text before the cursor."""
        if text.startswith("/"):
            head, space, arg = text.partition(" ")
            if not space:
                return self._commands(head[1:])
            return self._argument(head[1:].lower(), arg)
        return self._words(text)

    def _commands(self, prefix: str) -> list[Candidate]:
        p = prefix.lower()
        return [Candidate(f"/{s.name}", len(prefix) + 1, s.help) for s in SPECS if s.name.startswith(p)]

    def _argument(self, name: str, arg: str) -> list[Candidate]:
        if " " in arg:
            return []
        if name in ("show", "why"):
            return [Candidate(str(n), len(arg)) for n in range(1, self.ranks() + 1) if str(n).startswith(arg)]
        if name == "open":
            out = [
                Candidate(str(n), len(arg), d)
                for n, d in enumerate(self.doc_ids, start=1)
                if str(n).startswith(arg)
            ]
            out += [Candidate(d, len(arg)) for d in self.doc_ids if arg and d.startswith(arg)]
            return out[:_MAX]
        if name == "k":
            return [Candidate(n, len(arg)) for n in ("3", "5", "10") if n.startswith(arg) and arg != n]
        return []

    def _words(self, text: str) -> list[Candidate]:
        m = _WORD.search(text)
        if not m:
            return []
        word = m.group()
        low = word.lower()
        out: list[Candidate] = []
        seen: set[str] = set()
        # multi-word names: match the last few words of the line against a name's start
        tail = text.split()
        names = [*self.extra_names(), *self.names]
        for span in (3, 2, 1):
            if len(tail) < span or (span > 1 and text.endswith(" ")):
                continue
            piece = " ".join(tail[-span:])
            if not piece.endswith(word):
                continue
            for name in names:
                key = name.lower()
                if key.startswith(piece.lower()) and key != piece.lower() and key not in seen:
                    seen.add(key)
                    out.append(Candidate(name, len(piece), "name"))
            if out:
                break  # the longest span that matches wins
        if len(low) >= 2:
            for w in self.words:
                if w.startswith(low) and w != low and w not in seen:
                    seen.add(w)
                    out.append(Candidate(_match_case(w, word), len(word)))
                    if len(out) >= _MAX:
                        break
        return out[:_MAX]


def _match_case(completion: str, typed: str) -> str:
    if typed[:1].isupper():
        return completion[:1].upper() + completion[1:]
    return completion


class ChatCompleter(Completer):
    """prompt-toolkit adapter for :class:`CompletionEngine`."""

    def __init__(self, engine: CompletionEngine) -> None:
        self.engine = engine

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterator[Completion]:
        for c in self.engine.complete(document.text_before_cursor):
            yield Completion(c.text, start_position=-c.replace, display_meta=c.meta or None)


__all__ = [
    "Candidate",
    "ChatCompleter",
    "CompletionEngine",
    "corpus_words",
    "entity_names",
    "lexicon_names",
]
