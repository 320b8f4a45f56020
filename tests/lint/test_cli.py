"""``vaultkit lint`` and ``vaultkit rules`` through click and the installed command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tests.lint.helpers import write_vault
from vaultkit.cli import cli

CLEAN = {"A.md": "---\ntags: [a]\n---\n[[B]]\n", "B.md": "---\ntags: [b]\n---\n[[A]]\n"}
BROKEN = {
    **CLEAN,
    "A.md": "---\ntags: [a]\n---\n[[B]] [[C]]\n",
    "C.md": "---\ntags: [c]\n---\n[[A]] [[Missing]]\n",
}


def run(*args, cwd=None, env=None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(cli, list(args), env=env)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(cli, list(args), env=env)
    finally:
        os.chdir(old)


def test_clean_vault_exits_0(tmp_path):
    write_vault(tmp_path, CLEAN)
    result = run("lint", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "All checks passed" in result.output


def test_errors_exit_1_and_print_path_line_col_code_name(tmp_path):
    write_vault(tmp_path, BROKEN)
    result = run("lint", cwd=tmp_path)
    assert result.exit_code == 1
    assert "C.md:4:7: VK101 broken-link [[Missing]]" in result.output
    assert "\x1b[" not in result.output  # no colour when not a terminal


def test_warnings_only_exit_0(tmp_path):
    write_vault(tmp_path, {"A.md": "no tags, no links"})
    result = run("lint", str(tmp_path), "--format", "json")
    assert result.exit_code == 0
    assert {d["rule"] for d in json.loads(result.output)} == {"orphan-note", "missing-tags"}


def test_exit_zero_select_ignore_and_quiet(tmp_path):
    write_vault(tmp_path, BROKEN)
    assert run("lint", str(tmp_path), "--exit-zero").exit_code == 0
    assert run("lint", str(tmp_path), "--ignore", "broken-link").exit_code == 0
    result = run("lint", str(tmp_path), "--select", "VK1", "-q")
    assert result.exit_code == 1 and "C.md" in result.output and "Found" not in result.output


def test_json_paths_are_vault_relative(tmp_path):
    write_vault(tmp_path / "vault", {**BROKEN, "Sub/D.md": "[[Nope]]"})
    result = run("lint", "vault", "--format", "json", "--select", "broken-link", cwd=tmp_path)
    items = json.loads(result.output)
    assert [(d["path"], d["file"], d["line"], d["column"]) for d in items] == [
        ("C.md", "vault/C.md", 4, 7),
        ("Sub/D.md", "vault/Sub/D.md", 1, 1),
    ]


def test_files_are_reported_alone_but_checked_against_the_whole_vault(tmp_path):
    write_vault(tmp_path, {**BROKEN, "D.md": "[[Also missing]]"})
    result = run("lint", str(tmp_path / "A.md"), str(tmp_path / "C.md"), "--format", "json")
    assert {d["path"] for d in json.loads(result.output)} == {"C.md"}  # A.md links to B.md: fine


def test_folder_inside_vault_selects_its_notes(tmp_path):
    write_vault(tmp_path, {**BROKEN, "Sub/D.md": "[[Nope]]"})
    result = run("lint", str(tmp_path / "Sub"), "--format", "json", "--select", "broken-link")
    assert [d["path"] for d in json.loads(result.output)] == ["Sub/D.md"]


def test_non_markdown_and_outside_files_are_skipped(tmp_path):
    write_vault(tmp_path / "v", BROKEN)
    (tmp_path / "README.md").write_text("[[Missing]]")
    (tmp_path / "v" / "pic.png").write_bytes(b"x")
    result = run("lint", str(tmp_path / "README.md"), str(tmp_path / "v" / "pic.png"))
    assert result.exit_code == 0
    assert "skipped" in result.output


def test_statistics(tmp_path):
    write_vault(tmp_path, BROKEN)
    result = run("lint", str(tmp_path), "--statistics", "--format", "json")
    assert json.loads(result.output) == [
        {"code": "VK101", "rule": "broken-link", "severity": "error", "count": 1}
    ]
    assert "VK101  broken-link (error)" in run("lint", str(tmp_path), "--statistics").output


def test_github_and_sarif_formats(tmp_path):
    write_vault(tmp_path, BROKEN)
    github = run("lint", "--format", "github", cwd=tmp_path)
    assert github.exit_code == 1
    assert github.output.startswith("::error file=C.md,line=4,col=7,")
    sarif = json.loads(run("lint", "--format", "sarif", cwd=tmp_path).output)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "VK101"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[lint]\nselect = ["brokn-link"]\n', "unknown rule 'brokn-link'"),
        ("[lint.rules.orphan-note]\nexempts = []\n", "unknown option 'exempts'"),
        ("[lint\n", "invalid TOML"),
    ],
)
def test_config_errors_exit_2_with_one_line(tmp_path, config, message):
    write_vault(tmp_path, {**CLEAN, ".vaultkit.toml": config})
    result = run("lint", str(tmp_path))
    assert result.exit_code == 2
    assert message in result.output and ".vaultkit.toml" in result.output
    assert "Traceback" not in result.output


def test_usage_errors_exit_2(tmp_path):
    write_vault(tmp_path, CLEAN)
    assert run("lint", str(tmp_path / "nope.md")).exit_code == 2
    assert run("lint", str(tmp_path), "--select", "nope").exit_code == 2
    assert run("lint", str(tmp_path), "--format", "xml").exit_code == 2


def test_no_vault_around_cwd_is_a_clear_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("lint", cwd=tmp_path / "empty", env={"VAULTKIT_VAULT": None})
    assert result.exit_code == 2 and "no vault found" in result.output


def test_config_option_reads_another_file(tmp_path):
    write_vault(tmp_path / "v", BROKEN)
    (tmp_path / "lenient.toml").write_text('[lint.rules.broken-link]\nseverity = "info"\n')
    result = run(
        "lint", str(tmp_path / "v"), "--config", str(tmp_path / "lenient.toml"), "--format", "json"
    )
    assert result.exit_code == 0
    assert [d["severity"] for d in json.loads(result.output)] == ["info"]


def test_rules_lists_and_explains(tmp_path):
    listing = run("rules")
    assert listing.exit_code == 0 and len(listing.output.splitlines()) == 12
    assert "VK101  broken-link" in listing.output
    explained = run("rules", "VK201")
    assert (
        "orphan-note" in explained.output
        and "Failing" in explained.output
        and "exempt = []" in explained.output
    )
    assert run("rules", "nope").exit_code == 2


@pytest.mark.skipif(
    shutil.which("vaultkit") is None, reason="vaultkit is not installed as a command"
)
def test_installed_command(tmp_path):
    write_vault(tmp_path, BROKEN)
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        ["vaultkit", "lint", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)[0]["rule"] == "broken-link"
    proc = subprocess.run(
        [sys.executable, "-m", "vaultkit", "lint", str(tmp_path), "--select", "nope"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    from vaultkit.cli import lint as lint_cli

    monkeypatch.setattr(lint_cli.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert lint_cli._colour() is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert lint_cli._colour() is False
    monkeypatch.setattr(lint_cli.sys.stdout, "isatty", lambda: False, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert lint_cli._colour() is False


def test_paths_are_relative_to_a_current_folder_inside_the_vault(tmp_path):
    write_vault(tmp_path, {**BROKEN, "Sub/x.md": "---\ntags: [x]\n---\n[[A]]"})
    result = run("lint", "-q", cwd=tmp_path / "Sub")
    assert result.output.startswith("../C.md:4:7: VK101 broken-link")
