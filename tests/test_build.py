"""`archive build` from the command line: publishes what it can, reports the rest, exits 0."""

from __future__ import annotations

import json

from conftest import SEED, archive


def test_build_publishes_good_file_and_reports_undecodable_one(tmp_path):
    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    (articles / "goed.txt").write_text(
        "Kabinet valt\n\nHet kabinet is vandaag gevallen na een ruzie over geld."
    )
    (articles / "kapot.txt").write_bytes(b"\xfa\xfb niet te lezen \x81\x82")
    result = archive("build", cwd=tmp_path)
    assert result.returncode == 0
    assert "2 read, 1 published, 1 skipped" in result.stdout
    assert "kapot.txt" in result.stdout and "undecodable" in result.stdout
    assert (tmp_path / "docs" / "articles" / "undated" / "kabinet-valt.md").is_file()
    report = json.loads((tmp_path / "build" / "report.json").read_text())
    assert report["read"] == report["published"] + report["skipped"] == 2
    statuses = {e["source"]: e["status"] for e in report["entries"]}
    assert statuses == {"goed.txt": "published", "kapot.txt": "skipped"}


def test_build_without_articles_folder_fails_with_a_clear_message(tmp_path):
    result = archive("build", "--source", "nergens", cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert "nergens/articles does not exist" in result.stderr


def test_deleted_article_loses_its_page_and_unchanged_pages_are_not_rewritten(tmp_path):
    articles = tmp_path / "site_src" / "articles"
    articles.mkdir(parents=True)
    (articles / "seed.txt").write_bytes(SEED.read_bytes())
    (articles / "extra.txt").write_text(
        "Extra bericht\n\nDit is een tweede bericht over iets anders dan de eerste."
    )
    archive("build", cwd=tmp_path)
    page = tmp_path / "docs" / "articles" / "undated" / "extra-bericht.md"
    assert page.is_file()
    second = archive("build", cwd=tmp_path)
    assert "0 pages written, 0 removed" in second.stdout
    (articles / "extra.txt").unlink()
    archive("build", cwd=tmp_path)
    assert not page.exists()


def test_python_dash_m_runs_the_same_command(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "build_archive", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "build" in result.stdout
