"""Special files and odd trees never hang or abort an ingest: FIFOs, sockets, devices, link loops,
folders nested 1,000 deep, an empty name. Each gets one line; every good article is stored."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from test_cli_ingest import QUOTE, stored, summary, text_article
from test_ingest import fake_pipeline  # noqa: F401  (the stand-in pipeline fixture)

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and symlinks need a POSIX system")


def lines(result, kind: str) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(kind)]


def test_a_fifo_in_a_folder_is_skipped_and_a_named_one_fails_in_one_line(run, tmp_path, db_path, deadline,
                                                                          fake_pipeline):
    deadline(30)
    text_article(tmp_path / "news", "a.txt", QUOTE.format(name="Mette Testesen", party="V"))
    os.mkfifo(tmp_path / "news" / "b.txt")
    os.mkfifo(tmp_path / "named.jsonl")
    good = text_article(tmp_path, "good.txt", QUOTE.format(name="Per Prøvesen", party="S"))
    result = run("ingest", str(tmp_path / "news"), str(tmp_path / "named.jsonl"), str(good))
    assert result.exit_code == 1
    assert lines(result, "note:") == [f"note: {tmp_path / 'news' / 'b.txt'}: a FIFO, not a regular file; skipped"]
    assert lines(result, "failed:") == [
        f"failed: {tmp_path / 'named.jsonl'}: a FIFO, not a regular file; only - reads a stream"]
    assert summary(result) == "2 ingested, 0 duplicates, 1 failed, 2 statements added"
    assert stored(db_path) == (2, 2)


def test_sockets_and_devices_are_not_read(run, tmp_path, db_path, deadline, fake_pipeline):
    deadline(30)
    text_article(tmp_path / "news", "a.txt", QUOTE.format(name="Mette Testesen", party="V"))
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "news" / "s.txt"))
    try:
        result = run("ingest", str(tmp_path / "news"), os.devnull)
    finally:
        listener.close()
    assert result.exit_code == 1
    assert f"note: {tmp_path / 'news' / 's.txt'}: a socket, not a regular file; skipped" in result.stderr
    assert lines(result, "failed:") == [f"failed: {os.devnull}: a character device, not a regular file; "
                                        "only - reads a stream"]
    assert stored(db_path) == (1, 1)


def test_links_back_up_the_tree_are_walked_once(run, tmp_path, db_path, deadline, fake_pipeline):
    deadline(30)
    news = tmp_path / "news"
    text_article(news, "a/one.txt", QUOTE.format(name="Mette Testesen", party="V"))
    text_article(news, "a/b/two.txt", QUOTE.format(name="Per Prøvesen", party="S"))
    (news / "a" / "b" / "up").symlink_to("../..")
    (news / "a" / "up").symlink_to("..")
    result = run("ingest", str(news))
    assert result.exit_code == 0, result.output
    assert sorted(lines(result, "note:")) == [f"note: {news / 'a' / 'b' / 'up'}: a link to a folder read already; "
                                              "skipped",
                                              f"note: {news / 'a' / 'up'}: a link to a folder read already; skipped"]
    assert summary(result) == "2 ingested, 0 duplicates, 0 failed, 2 statements added"
    assert stored(db_path) == (2, 2)


def test_links_in_a_loop_or_to_themselves_are_one_failure_each(run, tmp_path, db_path, deadline, fake_pipeline):
    deadline(30)
    news = tmp_path / "news"
    text_article(news, "good.txt", QUOTE.format(name="Mette Testesen", party="V"))
    (news / "a.txt").symlink_to("b.txt")
    (news / "b.txt").symlink_to("a.txt")
    (news / "self.jsonl").symlink_to("self.jsonl")
    (tmp_path / "named.txt").symlink_to("named.txt")
    good = text_article(tmp_path, "also.txt", QUOTE.format(name="Per Prøvesen", party="S"))
    result = run("ingest", str(news), str(tmp_path / "named.txt"), str(good))
    assert result.exit_code == 1
    loop = "cannot read (Too many levels of symbolic links)"
    assert lines(result, "failed:") == [f"failed: {news / 'a.txt'}: {loop}", f"failed: {news / 'b.txt'}: {loop}",
                                        f"failed: {news / 'self.jsonl'}: {loop}",
                                        f"failed: {tmp_path / 'named.txt'}: {loop}"]
    assert summary(result) == "2 ingested, 0 duplicates, 4 failed, 2 statements added"
    assert stored(db_path) == (2, 2)


def test_no_follow_links_leaves_links_to_folders_out(run, tmp_path, db_path, fake_pipeline):
    text_article(tmp_path / "elsewhere", "far.txt", QUOTE.format(name="Per Prøvesen", party="S"))
    text_article(tmp_path / "news", "near.txt", QUOTE.format(name="Mette Testesen", party="V"))
    (tmp_path / "news" / "link").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "news" / "file-link.txt").symlink_to(tmp_path / "elsewhere" / "far.txt")  # links to files: read
    result = run("ingest", "--no-follow-links", str(tmp_path / "news"))
    assert result.exit_code == 0
    assert lines(result, "note:") == [f"note: {tmp_path / 'news'}: skipped 1 link(s) to folders (--no-follow-links)"]
    assert summary(result) == "2 ingested, 0 duplicates, 0 failed, 2 statements added"
    followed = run("ingest", str(tmp_path / "news"))
    assert summary(followed) == "0 ingested, 3 duplicates, 0 failed, 0 statements added"  # far.txt twice


def test_an_empty_name_is_an_error_not_the_current_folder(run, tmp_path, db_path, monkeypatch, fake_pipeline):
    monkeypatch.chdir(tmp_path)
    text_article(tmp_path, "here.txt", QUOTE.format(name="Mette Testesen", party="V"))
    good = text_article(tmp_path / "named", "good.txt", QUOTE.format(name="Per Prøvesen", party="S"))
    result = run("ingest", "", str(good))
    assert result.exit_code == 1
    assert lines(result, "failed:") == ["failed: '': an empty name, not a file or folder"]
    assert summary(result) == "1 ingested, 0 duplicates, 1 failed, 1 statements added"
    assert stored(db_path) == (1, 1)  # good.txt only: here.txt in the current folder was not read


def test_a_folder_nested_a_thousand_levels_deep(run, tmp_path, db_path, deadline, fake_pipeline):
    deadline(60)
    text_article(tmp_path / "top", "top.txt", QUOTE.format(name="Mette Testesen", party="V"))
    deepest = tmp_path / "top"
    for level in range(1000):  # made (and removed) a level at a time: pathlib's makedirs recurses
        deepest = deepest / "d"
        deepest.mkdir()
    text_article(deepest, "bottom.txt", QUOTE.format(name="Per Prøvesen", party="S"))
    try:
        result = run("ingest", str(tmp_path / "top"))
    finally:
        (deepest / "bottom.txt").unlink()
        for level in range(1000):  # the tree goes iteratively too (a recursive delete may not)
            deepest.rmdir()
            deepest = deepest.parent
    assert result.exit_code == 0, result.output
    assert summary(result) == "2 ingested, 0 duplicates, 0 failed, 2 statements added"
    assert stored(db_path) == (2, 2)


def test_a_path_too_long_to_open_is_one_failure(run, tmp_path, db_path, fake_pipeline):
    good = text_article(tmp_path, "good.txt", QUOTE.format(name="Per Prøvesen", party="S"))
    result = run("ingest", str(tmp_path / ("x" * 300 + ".txt")), str(good))
    assert result.exit_code == 1
    [line] = lines(result, "failed:")
    assert line.endswith(": cannot read (File name too long)")
    assert stored(db_path) == (1, 1)
