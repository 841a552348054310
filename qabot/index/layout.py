"""The one description of an index folder on disk: names, shapes and what each file holds.

Writer (:mod:`.segments`), reader (:mod:`.reader`), checks (:mod:`.manifest`) and the
README's "How the index is stored" all follow this module; nothing else spells a file
name. An index folder holds::

    manifest.json          the commit point: format, analyzer, BM25 parameters, the live
                           segments (each with its counts, deletions and a size and CRC-32
                           for every file in it), and for each corpus file its stat, sha256
                           and where its passages live. Replaced by an atomic rename.
    .qabot.lock            the build lock (flock); never read
    s-<stamp>/             one segment, written once under ``.tmp-s-<stamp>`` then renamed,
                           never modified afterwards (deletions are new files beside it):
      docs.json            its briefings in corpus order: id, title, date, file, source,
                           url and passage count
      terms.json.z         its terms, sorted (JSON, zlib-compressed); a term's local id is its
                           position
      words.json.z         {corpus word: its term}, every word its briefings use (JSON, zlib)
      word_docs.npy        for each word (words.json.z order), how many briefings hold it
      post_ptr.npy         term t's postings are entries post_ptr[t]:post_ptr[t+1] (so its
                           document frequency is their difference: no df file)
      gap.u8/u16/u32.npy   the postings' passage numbers, delta-coded per term in one byte;
      gap_p16/p32.npy      a byte of 255 says "in the uint16 array", a uint16 of 65535 "in
                           the uint32 array"; gap_p16[t], gap_p32[t] say where term t's
                           escapes start (most gaps fit one byte; a pointer array is empty
                           when its escape array is, and uint32 when its values fit)
      tf_at.npy            the postings (positions in the gap arrays) whose term frequency
      tf_val.npy           is not 1, ascending, and those frequencies: nearly every posting's
                           is 1, so only the others are stored
      doc_len.npy          tokens per passage (uint16, or uint32 when one is longer)
      cues.npy             passage x question type: cue-word counts (int8, see qabot.cues)
      line_keys.npy        each briefing's line keys (qabot.corpus.line_keys), sorted,
      line_keys_ptr.npy    briefing d's are line_keys[ptr[d]:ptr[d+1]]: which lines repeat
                           across briefings (site chrome) is known without re-reading files
      kind.npy             each passage's kind, as a position in the manifest's "kinds" list
                           (re-ranking reads it for every candidate: no text to decompress)
      text.json.z          its passages' text tokens (qabot.index.textcode), most frequent
                           first (JSON, zlib): a passage's text is stored as their numbers
      passages.z           passage records, zlib-compressed in blocks of up to BLOCK
                           passages that never span two briefings, each primed with
      passages.dict        the segment's preset dictionary: its first DICT_BYTES bytes of
                           records (empty when it has fewer; a merge keeps its largest
                           member's and re-compresses only blocks primed otherwise)
      block_first.npy      first passage of each block (+ a final entry: the count)
      block_offsets.npy    byte offset of each block in passages.z (+ the file size)
      del-<stamp>.json     deletions committed later: briefings removed from this segment
                           and what they held (term and word counts), so global statistics
                           leave them out without rewriting the segment

A block (before zlib) is a JSON array of its passages' heads, ``[section, paragraph,
gaps, n]`` (the sentence spans ``[s0, e0, s1, ...]`` as differences of consecutive
offsets, :func:`qabot.index.textcode.gaps`; n text tokens), a newline, then the
numbers of all its text tokens (:func:`qabot.index.textcode.pack`); a passage's id,
briefing and number follow from its position, its kind is kind.npy's.
Arrays are ``.npy`` files read with ``allow_pickle=False`` after their header is checked
against the counts in the manifest (dtype, shape, file size), so a damaged header cannot
make qabot allocate or map more than the file holds.
"""

from __future__ import annotations

import re
from pathlib import Path

FORMAT = "qabot-index"
FORMAT_VERSION = 5
MANIFEST = "manifest.json"
LOCK = ".qabot.lock"

#: Passages per compressed block of passages.z (smaller: faster to read one; larger: smaller file).
BLOCK = 8
#: A full build starts a new segment after this many passages, so its memory stays bounded.
SEGMENT_PASSAGES = 200_000

_STAMP = r"\d{14}-\d{1,10}-\d{6}"
SEGMENT_RE = re.compile(rf"s-{_STAMP}")
TEMP_SEGMENT_RE = re.compile(rf"\.tmp-s-{_STAMP}")
DELETIONS_RE = re.compile(rf"del-{_STAMP}\.json")
#: Temporary files of qabot's own in the index folder (a write cut short leaves them).
TEMP_FILE_RE = re.compile(rf"{re.escape(MANIFEST)}\.tmp(-{_STAMP})?")
#: Generation folders of index format 2 (``g-<stamp>``): removed once a manifest named them.
LEGACY_GENERATION_RE = re.compile(rf"g-{_STAMP}")
#: What else a folder qabot owns may hold (users put a README or .gitignore there).
TOLERATED = frozenset({".gitignore", "README.md", "README.txt"})

#: Every file a segment holds, with its dtype (``None``: not an array). Counts they must
#: match: ``docs``, ``passages``, ``terms``, ``words``, ``postings``, ``blocks`` (manifest).
ARRAYS: dict[str, tuple[str, ...]] = {
    # name: allowed dtypes (little-endian), by the writer's choice of width
    "word_docs": ("<u2", "<u4"),
    "post_ptr": ("<u4", "<i8"),
    "gap.u8": ("|u1",),
    "gap.u16": ("<u2",),
    "gap.u32": ("<u4",),
    "gap_p16": ("<u4", "<i8"),
    "gap_p32": ("<u4", "<i8"),
    "tf_at": ("<u4", "<i8"),
    "tf_val": ("|u1", "<u2", "<u4"),
    "doc_len": ("<u2", "<u4"),
    "cues": ("|i1",),
    "kind": ("|u1",),
    "line_keys": ("<i8",),
    "line_keys_ptr": ("<i8",),
    "block_first": ("<i8",),
    "block_offsets": ("<i8",),
}
#: The files of a format-2 generation folder (the only ones removed with it).
LEGACY_FILES = frozenset(
    f"{n}.npy"
    for n in ("passage_offsets", "tokens", "tokens_ptr", "postings_ptr", "postings_pid", "postings_tf", "df",
              "doc_len", "cues", "passage_doc", "doc_words", "doc_words_ptr")
) | {"passages.jsonl", "docs.json", "vocab.json", "stems.json"}  # fmt: skip
#: Files of a format-3 segment that format 4 no longer writes (removed with its folder).
LEGACY_FILES |= {
    "terms.json",
    "words.json",
    "tf.u8.npy",
    "tf.u16.npy",
    "tf.u32.npy",
    "tf_p16.npy",
    "tf_p32.npy",
}
JSON_FILES = ("docs.json", "terms.json.z", "words.json.z", "text.json.z")
BLOBS = ("passages.z", "passages.dict")
SEGMENT_FILES = frozenset([*JSON_FILES, *BLOBS, *(f"{a}.npy" for a in ARRAYS)])


def npy(name: str) -> str:
    return f"{name}.npy"


def is_segment_name(name: object) -> bool:
    """Whether ``name`` is exactly the shape of a segment folder qabot writes."""
    return isinstance(name, str) and SEGMENT_RE.fullmatch(name) is not None


def is_deletions_name(name: object) -> bool:
    return isinstance(name, str) and DELETIONS_RE.fullmatch(name) is not None


def inside(index_dir: Path, name: str) -> Path:
    """``index_dir / name`` for a name that is one plain path component (checked by the
    caller's pattern); resolving it must stay in the folder (no symlink out of it)."""
    path = index_dir / name
    if path.parent != index_dir or name in ("", ".", ".."):
        raise ValueError(f"bad name {name!r}")
    return path
