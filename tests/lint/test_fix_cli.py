"""``vaultkit lint --fix`` / ``--diff``: output, exit codes, caches, JSON ``edits``."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.lint.helpers import write_vault
from vaultkit.cli import cli

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "Notes/A.md": "---\ntag: meeting\n---\nSee [[Meeting]] and [[Missing]].\n",
    "Notes/B.md": "---\naliases: Kickoff\n---\n[[Meeting]] [[A]]\n",
    "Work/Meeting.md": "---\ntags: [m]\n---\n[[A]] [[B]]\n",
    "Archive/Old/Meeting.md": "---\ntags: [m]\n---\n[[A]]\n",
}
FIXED_A = "---\ntags: [meeting]\n---\nSee [[Work/Meeting|Meeting]] and [[Missing]].\n"
FIXED_B = "---\naliases: [Kickoff]\n---\n[[Work/Meeting|Meeting]] [[A]]\n"


def run(*args: str):
    return CliRunner().invoke(cli, ["lint", *args])


def texts(root: Path) -> dict[str, str]:
    return {p: (root / p).read_text(encoding="utf-8") for p in FILES}


def age(root: Path) -> None:
    """Files edited within the last 2 s are never trusted from the caches: age them."""
    past = time.time() - 60
    for path in root.rglob("*.md"):
        os.utime(path, (past, past))


def test_fix_rewrites_reports_what_remains_and_exits_from_it(tmp_path):
    write_vault(tmp_path, FILES)
    result = run(str(tmp_path), "--fix", "--ignore", "orphan-note,missing-tags")
    assert texts(tmp_path)["Notes/A.md"] == FIXED_A
    assert texts(tmp_path)["Notes/B.md"] == FIXED_B
    assert "Fixed 4 problem(s) in 2 note(s); 1 remain." in result.stderr
    assert "VK101 broken-link [[Missing]]" in result.stdout
    assert "VK105" not in result.stdout and "VK302" not in result.stdout
    assert result.exit_code == 1  # the broken link is an error


def test_fix_twice_fixes_nothing_the_second_time(tmp_path):
    write_vault(tmp_path, FILES)
    run(str(tmp_path), "--fix")
    after_first = texts(tmp_path)
    second = run(str(tmp_path), "--fix")
    assert "Fixed 0 problem(s) in 0 note(s)" in second.stderr
    assert texts(tmp_path) == after_first


def test_diff_writes_nothing_and_exits_1(tmp_path):
    write_vault(tmp_path, FILES)
    before = {p.as_posix(): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = run(str(tmp_path), "--diff", "--no-cache")
    after = {p.as_posix(): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before
    assert result.exit_code == 1
    assert "--- a/Notes/A.md\n+++ b/Notes/A.md\n" in result.stdout
    assert "-tag: meeting\n+tags: [meeting]\n" in result.stdout
    assert "Would fix 4 problem(s) in 2 note(s)." in result.stderr


def test_diff_with_nothing_to_fix_exits_0(tmp_path):
    write_vault(tmp_path, {"A.md": "[[Missing]]\n"})
    result = run(str(tmp_path), "--diff")
    assert result.exit_code == 0 and result.stdout == ""


def test_select_and_named_files_limit_what_is_fixed(tmp_path):
    write_vault(tmp_path, FILES)
    run(str(tmp_path / "Notes/A.md"), "--fix", "--select", "deprecated-property")
    after = texts(tmp_path)
    assert after["Notes/A.md"] == FIXED_A.replace("[[Work/Meeting|Meeting]]", "[[Meeting]]")
    assert after["Notes/B.md"] == FILES["Notes/B.md"]  # not named: not touched


def test_next_plain_lint_shows_only_what_remains(tmp_path):
    write_vault(tmp_path, FILES)
    age(tmp_path)
    run(str(tmp_path), "-q")  # stores a result, a parse cache and the incremental state
    run(str(tmp_path), "-q")
    run(str(tmp_path), "--fix", "-q")
    age(tmp_path)  # the fixed notes as old as the rest: only their size tells them apart
    cached = run(str(tmp_path), "--format", "json")
    fresh = run(str(tmp_path), "--format", "json", "--no-cache")
    assert json.loads(cached.stdout) == json.loads(fresh.stdout)
    assert not {d["rule"] for d in json.loads(cached.stdout)} & {
        "ambiguous-link",
        "deprecated-property",
    }


def test_a_note_saved_during_fix_is_named_and_kept(tmp_path, monkeypatch):
    import vaultkit.safe_write as safe_write

    write_vault(tmp_path, FILES)
    real_read = safe_write._read

    def read_then_obsidian_saves(path, rel_path):
        data = real_read(path, rel_path)
        if rel_path == "Notes/B.md":
            path.write_text("typed in Obsidian meanwhile\n", encoding="utf-8")
        return data

    monkeypatch.setattr(safe_write, "_read", read_then_obsidian_saves)
    result = run(str(tmp_path), "--fix", "--no-cache")
    assert texts(tmp_path)["Notes/B.md"] == "typed in Obsidian meanwhile\n"
    assert texts(tmp_path)["Notes/A.md"] == FIXED_A
    assert re.search(r"not fixed .*Notes/B\.md: changed on disk", result.stderr)


# -- the JSON contract ---------------------------------------------------------


def documented_json_fields() -> set[str]:
    """The fields of the table under "### `--format json`" in docs/lint.md."""
    text = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    section = text.split("### `--format json`", 1)[1].split("###", 1)[0]
    fields = set()
    for row in re.findall(r"^\| (`[^|]+) \|", section, re.M):
        fields |= set(re.findall(r"`(\w+)`", row))
    return fields


def test_json_edits_follow_the_documented_schema(tmp_path):
    write_vault(tmp_path, FILES)
    result = run(str(tmp_path), "--format", "json", "--no-cache")
    items = json.loads(result.stdout)
    assert {key for item in items for key in item} == documented_json_fields()
    by_rule = {}
    for item in items:
        by_rule.setdefault(item["rule"], []).append(item)
    for item in by_rule["ambiguous-link"] + by_rule["deprecated-property"]:
        assert isinstance(item["fix"], str)  # the human hint stays as it was
        assert isinstance(item["edits"], list) and item["edits"]
        for edit in item["edits"]:
            assert set(edit) == {"line", "column", "end_line", "end_column", "content"}
            assert all(isinstance(edit[k], int) for k in set(edit) - {"content"})
            assert isinstance(edit["content"], str)
    assert all(item["edits"] is None for item in by_rule["broken-link"])
    link = next(i for i in by_rule["ambiguous-link"] if i["path"] == "Notes/A.md")
    assert link["edits"] == [
        {
            "line": 4,
            "column": 5,
            "end_line": 4,
            "end_column": 16,
            "content": "[[Work/Meeting|Meeting]]",
        }
    ]


def test_json_edits_survive_the_stored_result(tmp_path):
    write_vault(tmp_path, FILES)
    age(tmp_path)
    first = run(str(tmp_path), "--format", "json").stdout
    assert run(str(tmp_path), "--format", "json").stdout == first
    assert any(item["edits"] for item in json.loads(first))


def test_help_mentions_fix_and_diff():
    result = CliRunner().invoke(cli, ["lint", "--help"])
    assert "--fix" in result.output and "--diff" in result.output


@pytest.mark.skipif(shutil.which("vaultkit") is None, reason="vaultkit is not installed")
def test_installed_command_fixes(tmp_path):
    write_vault(tmp_path, FILES)
    done = subprocess.run(
        ["vaultkit", "lint", "--fix", "--no-cache", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 1, done.stderr
    assert texts(tmp_path)["Notes/A.md"] == FIXED_A
    assert "Fixed 4 problem(s) in 2 note(s);" in done.stderr


@pytest.mark.parametrize("rule", ["ambiguous-link", "deprecated-property"])
def test_rules_command_shows_the_fix(rule):
    result = CliRunner().invoke(cli, ["rules", rule])
    assert "\nFix: ``vaultkit lint --fix``" in result.output


def test_fix_with_nothing_to_fix_costs_a_plain_lint(tmp_path, monkeypatch):
    write_vault(tmp_path, {"A.md": "---\ntag: a\ntags: [b]\n---\n[[Missing]]\n"})
    age(tmp_path)
    run(str(tmp_path), "-q")  # the stored result answers the next run

    def no_load(*args, **kwargs):
        raise AssertionError("nothing to fix: the vault must not be loaded again")

    monkeypatch.setattr("vaultkit.model.vault.Vault.load", no_load)
    result = run(str(tmp_path), "--fix")
    assert result.exit_code == 1 and "VK101" in result.stdout
    assert "Fixed 0 problem(s) in 0 note(s); 3 remain." in result.stderr  # + orphan-note
    assert "Left for you: the deprecated-property findings with no certain fix" in result.stderr
