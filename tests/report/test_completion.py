"""Shell completion: note names, folders, tags, rules and kits; never an error in the shell."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from tests.report.conftest import SMALL, write_files
from vaultkit.cli import cli
from vaultkit.cli.completion import (
    complete_folders,
    complete_kits,
    complete_notes,
    complete_rules,
    complete_tags,
    scan_tags,
)


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    files = dict(SMALL)
    files["Other/Home.md"] = "a second note named Home"
    files[".trash/Deleted.md"] = "#gone"
    return write_files(tmp_path / "V", files)


def values(completer, vault: Path | None, incomplete: str) -> list[str]:
    ctx = click.Context(click.Command("x"))
    ctx.params = {"vault_path": vault}
    return [item.value for item in completer(ctx, None, incomplete)]


def test_note_names_complete_as_links_are_written(vault_dir):
    assert values(complete_notes, vault_dir, "al") == ["Alpha"]
    # Two notes called Home: offer both paths so the choice is unambiguous.
    assert values(complete_notes, vault_dir, "Ho") == ["Home", "Other/Home"]
    assert "Deleted" not in values(complete_notes, vault_dir, "")


def test_folders_and_tags(vault_dir):
    assert values(complete_folders, vault_dir, "") == ["Areas", "Other", "Projects"]
    assert values(complete_tags, vault_dir, "pro") == ["project", "project/work"]
    assert values(complete_tags, vault_dir, "#h") == ["hub"]
    assert "gone" not in values(complete_tags, vault_dir, "")


def test_scan_tags_reads_frontmatter_and_body():
    text = "---\ntags:\n  - Work\n  - '#proj/x'\naliases: [a]\n---\n# Heading\n#inline #123 a#b\n"
    assert scan_tags(text) == {"work", "proj/x", "inline"}
    assert scan_tags('---\ntags: [a, "b"]\n---\n') == {"a", "b"}


def test_rules_and_kits():
    rules = values(complete_rules, None, "broken-l")
    assert rules == ["broken-link"]
    assert values(complete_rules, None, "VK1")  # codes complete too
    assert values(complete_rules, None, "orphan-note,broken-l") == ["orphan-note,broken-link"]
    from vaultkit.generate.kit import bundled_kits

    assert values(complete_kits, None, "") == sorted(k.name for k in bundled_kits())
    assert "senior-sre" in values(complete_kits, None, "sen")


def test_no_vault_means_no_suggestions_not_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VAULTKIT_VAULT", raising=False)
    assert values(complete_notes, None, "") == []
    assert values(complete_tags, tmp_path / "does-not-exist", "") == []


def complete_in_shell(words: str, cwd: Path) -> list[str]:
    """What bash would be offered, through the installed command."""
    exe = shutil.which("vaultkit")
    command = [exe] if exe else [sys.executable, "-m", "vaultkit"]
    env = dict(os.environ, _VAULTKIT_COMPLETE="bash_complete", COMP_WORDS=words)
    env["COMP_CWORD"] = str(len(words.split(" ")) - 1)
    env.pop("VAULTKIT_VAULT", None)
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [line.split(",", 1)[1] for line in done.stdout.splitlines()]


def test_bash_completion_end_to_end(vault_dir, tmp_path):
    assert complete_in_shell("vaultkit graph --from Be", vault_dir / "Projects") == ["Beta"]
    assert complete_in_shell(f"vaultkit graph {vault_dir} --tag ar", tmp_path) == ["area"]
    assert complete_in_shell(f"vaultkit stats --vault {vault_dir} --format j", tmp_path) == ["json"]


def test_commands_wire_the_completers():
    graph = cli.get_command(click.Context(cli), "graph")
    by_name = {p.name: p for p in graph.params}
    assert by_name["from_note"]._custom_shell_complete is complete_notes
    assert by_name["tags"]._custom_shell_complete is complete_tags
    assert by_name["folders"]._custom_shell_complete is complete_folders
