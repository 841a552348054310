"""Odd file names and hostile metadata (issue 16): nothing crashes, nothing forges output,
every briefing stays reachable by its id, one bad file never stops the build."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from qabot.corpus import doc_ids, escape_id, files, parse
from qabot.index import Index, build
from tests.conftest import run_cli

BODY = "The quokka accord was signed in the spring by both sides, after long talks in the capital.\n"


def _brief(title: str, word: str = "quokka") -> str:
    return f"{title}\n\nMarch 3, 2019\n\n{BODY.replace('quokka', word)}"


def test_non_utf8_file_and_folder_names_are_indexed_and_shown_with_replacement(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(_brief("Good Briefing Title"))
    bad_dir = os.fsencode(corpus) + b"/dossier-\xff"
    os.mkdir(bad_dir)
    with open(bad_dir + b"/caf\xe9.txt", "w", encoding="utf-8") as fh:
        fh.write(_brief("Odd Name Briefing", "wombat"))
    names = files(corpus)
    assert "dossier-\ufffd/caf\ufffd.txt" in names and "good.txt" in names
    for name in names:
        name.encode("utf-8")  # storable and printable: no lone surrogates
    ix = tmp_path / "ix"
    build(corpus, ix)
    assert {d.doc_id for d in Index(ix).docs} == {"good", "dossier-\ufffd/caf\ufffd"}
    code, out, err = run_cli(["sources", "--corpus", str(corpus), "--index", str(ix)])
    assert code == 0, err
    assert "dossier-\ufffd/caf\ufffd" in out
    code, out, err = run_cli(["ask", "--corpus", str(corpus), "--index", str(ix), "wombat"])
    assert code == 0 and "wombat" in out.lower(), err


def test_non_utf8_corpus_path_does_not_crash(tmp_path: Path) -> None:
    corpus = os.fsdecode(os.fsencode(tmp_path) + b"/corp\xffus")
    os.mkdir(corpus)
    Path(corpus, "a.txt").write_text(_brief("A Briefing About Quokkas"))
    code, out, err = run_cli(["ask", "--corpus", corpus, "--index", str(tmp_path / "ix"), "quokka accord"])
    assert code == 0, err
    assert "Traceback" not in err and "quokka" in out.lower()


def test_a_newline_in_a_file_name_cannot_forge_output_lines(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evil\n2099-01-01     1  Forged Title.txt").write_text(_brief("Real Title Of It"))
    ids = list(doc_ids(files(corpus)).values())
    assert ids == ["evil\\n2099-01-01     1  Forged Title"]
    code, out, _ = run_cli(["sources", "--corpus", str(corpus), "--index", str(tmp_path / "ix")])
    assert code == 0
    assert not any(line.startswith("2099-01-01") for line in out.splitlines())
    code, out, _ = run_cli(["sources", "--json", "--corpus", str(corpus), "--index", str(tmp_path / "ix")])
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 1 and "\n" not in rows[0]["id"] and "\n" not in rows[0]["file"]


def test_bidi_and_invisible_characters_in_names_and_titles_are_cleaned(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a\u202eb\u200bc\u061c\u009b.txt").write_text(
        '+++\ntitle = "Quokka\u202e Talks\u2066 \u200bResume\u009d"\nauthor = "Jane\u2067 Doe\u061c"\n+++\n'
        + BODY
    )
    (rel,) = files(corpus)
    for bad in ("\u202e", "\u200b", "\u061c", "\u009b"):
        assert bad not in rel
    assert rel == "a\\u202eb\\u200bc\\u061c\\u009b.txt"
    ix = tmp_path / "ix"
    build(corpus, ix)
    (doc,) = Index(ix).docs
    assert doc.title == "Quokka Talks Resume" and doc.authors == ("Jane Doe",)
    code, out, _ = run_cli(["ask", "--json", "--corpus", str(corpus), "--index", str(ix), "quokka"])
    hidden = ("\u202e", "\u2066", "\u2067", "\u200b", "\u061c", "\u009b", "\u009d")
    assert code == 0 and not any(h in out for h in hidden)
    assert not any(h in json.loads(out)["passages"][0]["id"] for h in hidden)


def test_hash_p_in_a_name_never_hides_a_briefing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "brief.md").write_text("# Plain Brief\n\n" + BODY)
    (corpus / "brief#p2.md").write_text("# Hash Brief\n\n" + BODY.replace("quokka", "wombat"))
    (corpus / "100%.md").write_text("# Percent Brief\n\n" + BODY.replace("quokka", "numbat"))
    ids = doc_ids(files(corpus))
    assert ids == {"brief.md": "brief", "brief#p2.md": "brief%23p2", "100%.md": "100%25"}
    assert all("#" not in i for i in ids.values())
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    for doc_id, word in (("brief%23p2", "wombat"), ("brief", "quokka"), ("100%25", "numbat")):
        code, out, err = run_cli(["show", *base, doc_id])
        assert code == 0 and word in out, (doc_id, err)
        code, out, err = run_cli(["show", *base, f"{doc_id}#p1"])
        assert code == 0 and word in out, (doc_id, err)


def test_blank_names_get_a_visible_id() -> None:
    assert doc_ids([" .md", "  .txt", "a/ .md"]) == {" .md": "%20", "  .txt": "%20%20", "a/ .md": "a/%20"}
    assert escape_id("x") == "x" and escape_id(" lead") == "%20lead"


def test_user_data_files_in_the_corpus_are_not_briefings(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(_brief("A Real Briefing"))
    (corpus / "synonyms.txt").write_text("quokka wombat\n")
    (corpus / "aliases.toml").write_text('[entities]\n"Quokka Land" = ["QL"]\n')
    (corpus / "sub" / "synonyms.txt").write_text(_brief("A Briefing Named Synonyms In A Folder"))
    assert set(files(corpus)) == {"a.txt", "sub/synonyms.txt"}


def test_deeply_nested_front_matter_skips_that_file_only(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(_brief("Good Briefing Title"))
    (corpus / "deep.md").write_text("+++\nx = " + "[" * 3000 + "]" * 3000 + "\n+++\n" + BODY)
    report = build(corpus, tmp_path / "ix")
    assert [d.doc_id for d in Index(tmp_path / "ix").docs] == ["good"]
    assert any(w.startswith("deep.md: bad TOML front matter") for w in report.warnings)


def test_any_parser_failure_skips_one_file_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qabot.corpus import reading

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(_brief("Good Briefing Title"))
    (corpus / "boom.txt").write_text(_brief("Boom Briefing Title", "boom"))
    real = reading.parse

    def flaky(source, doc_id, suffix=".txt", *, repeated=None):  # type: ignore[no-untyped-def]
        if doc_id == "boom":
            raise IndexError("a parser bug")
        return real(source, doc_id, suffix, repeated=repeated)

    monkeypatch.setattr(reading, "parse", flaky)
    report = build(corpus, tmp_path / "ix")
    assert [d.doc_id for d in Index(tmp_path / "ix").docs] == ["good"]
    assert "boom.txt: cannot be parsed (IndexError), skipped" in report.warnings


def test_front_matter_fields_are_one_clean_line() -> None:
    doc = parse('+++\ntitle = "Two\\nLines\\u0007 Here"\nsite = "Site\\u202e Name"\n+++\n' + BODY, "x")
    assert doc.title == "Two Lines Here" and doc.site == "Site Name"
