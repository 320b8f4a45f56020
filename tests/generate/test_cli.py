"""The scaffold, new and moc commands: output, exit codes, and the installed script."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from vaultkit.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_shows_the_kit_and_its_variables() -> None:
    code, out, _ = run("scaffold", "--list")
    assert code == 0
    assert out.startswith("senior-sre ")
    assert "--var name=" in out and "--var year=" in out
    code, out, _ = run("scaffold", "--list", "--format", "json")
    kits = json.loads(out)
    assert kits[0]["name"] == "senior-sre"
    assert kits[0]["variables"]["level"]["default"] == "Senior 2"


def test_dry_run_prints_the_plan_and_writes_nothing(tmp_path: Path) -> None:
    dest = tmp_path / "vault"
    code, out, _ = run("scaffold", "senior-sre", str(dest), "--var", "name=Alex", "--dry-run")
    assert code == 0 and not dest.exists()
    assert "would create     1-Projects/Q1 - Build Internal Influence.md" in out
    assert "(dry run, nothing written)" in out


def test_json_output_and_conflict_exit_code(tmp_path: Path) -> None:
    dest = tmp_path / "vault"
    dest.mkdir()
    (dest / "Home.md").write_text("mine\n")
    result = CliRunner().invoke(cli, ["scaffold", "senior-sre", str(dest), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    statuses = {f["path"]: f["status"] for f in data["files"]}
    assert statuses["Home.md"] == "conflict" and statuses["2-Areas/Work & Career.md"] == "create"
    assert data["kit"] == "senior-sre" and data["variables"]["level"] == "Senior 2"
    assert (dest / "Home.md").read_text() == "mine\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (["scaffold", "senior-sre", "{file}"], "is a file"),
        (["scaffold", "no-such-kit", "{dir}"], "no kit"),
        (["scaffold", "senior-sre", "{dir}", "--var", "oops"], "KEY=VALUE"),
        (["scaffold", "senior-sre", "{dir}", "--var", "date=soon"], "YYYY-MM-DD"),
        (["new", "nonesuch", "T", "--vault", "{dir}"], "no template"),
    ],
)
def test_user_errors_exit_2_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "f.md").write_text("x")
    args = [
        a.replace("{file}", str(tmp_path / "f.md")).replace("{dir}", str(tmp_path)) for a in args
    ]
    code, out, err = run(*args)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_new_creates_then_leaves_alone(tmp_path: Path) -> None:
    (tmp_path / ".obsidian").mkdir()
    code, out, _ = run(
        "new",
        "project",
        "Q3: Build External Presence",
        "--vault",
        str(tmp_path),
        "--var",
        "focus=Talks",
    )
    assert code == 0 and out.strip() == "create 1-Projects/Q3 - Build External Presence.md"
    assert "focus: Talks" in (tmp_path / "1-Projects/Q3 - Build External Presence.md").read_text()
    code, out, _ = run("new", "project", "Q3: Build External Presence", "--vault", str(tmp_path))
    assert code == 0 and out.startswith("exists, left untouched")
    code, out, _ = run("new", "--list", "--vault", str(tmp_path))
    assert "project (built-in)" in out


def test_new_accepts_json_list_variables(tmp_path: Path) -> None:
    (tmp_path / ".obsidian").mkdir()
    code, _, _ = run(
        "new", "project", "P", "--vault", str(tmp_path), "--var", 'tasks=["First step", "Second"]'
    )
    assert code == 0
    assert "- [ ] First step\n- [ ] Second\n" in (tmp_path / "1-Projects/P.md").read_text()


def test_moc_commands(tmp_path: Path) -> None:
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / "A.md").write_text("#sre\n")
    code, out, _ = run("moc", "create", "Technical Leadership", "--vault", str(tmp_path))
    assert (code, out.strip()) == (0, "create MOCs/Technical Leadership.md")
    moc = tmp_path / "MOCs/Technical Leadership.md"
    moc.write_text(moc.read_text() + "my notes\n")
    code, out, _ = run("moc", "create", "Technical Leadership", "--vault", str(tmp_path))
    assert code == 0 and out.startswith("exists, left untouched")
    assert moc.read_text().endswith("my notes\n")
    code, out, _ = run("moc", "build", "SRE", "--tag", "sre", "--vault", str(tmp_path))
    assert (code, out.strip()) == (0, "create MOCs/SRE.md")
    code, _, err = run("moc", "build", "SRE", "--vault", str(tmp_path))
    assert code == 2 and "--tag" in err
    (tmp_path / "B.md").write_text("#sre\n")
    code, out, _ = run("moc", "update", "--vault", str(tmp_path))
    assert code == 0 and "update MOCs/SRE.md" in out and "1 generated MOC(s), 1 updated" in out


def test_installed_command_scaffolds_a_vault_that_lints_clean(tmp_path: Path) -> None:
    exe = shutil.which("vaultkit")
    if exe is None:
        pytest.skip("the vaultkit console script is not installed")
    dest = tmp_path / "Career"
    done = subprocess.run(
        [exe, "scaffold", "senior-sre", str(dest), "--var", "name=Alex Example"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "51 create" in done.stdout.splitlines()[-1]
    again = subprocess.run(
        [exe, "scaffold", "senior-sre", str(dest)], capture_output=True, text=True, timeout=60
    )
    assert again.returncode == 0 and "51 identical" in again.stdout
    lint = subprocess.run([exe, "lint", str(dest)], capture_output=True, text=True, timeout=60)
    if "No such command" in lint.stderr:
        pytest.skip("vaultkit lint is not available")
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_the_guides_commands_on_a_scaffold_keep_it_lint_clean(career_copy: Path) -> None:
    lint = pytest.importorskip("vaultkit.lint")
    pytest.importorskip("vaultkit.gtd")
    from vaultkit.model.vault import Vault

    runner = CliRunner(env={"VAULTKIT_VAULT": str(career_copy)})
    for args in (
        ["project", "create", "Q1: Build Internal Influence", "--area", "Work & Career"],
        ["project", "create", "Speak at KubeCon", "--area", "Work & Career"],
        ["log", "Led architecture review affecting 5 teams (Work & Career)"],
        ["report", "impact"],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (args, result.output)
    assert lint.lint_vault(Vault.load(career_copy)) == []
    # and a second scaffold leaves what the commands changed alone
    code, out, _ = run("scaffold", "senior-sre", str(career_copy))
    assert code == 0 and "skip       2-Areas/Work & Career.md" in out


def test_scaffold_a_users_kit_by_path(tmp_path: Path) -> None:
    kit = tmp_path / "my-kit"
    kit.mkdir()
    (kit / "kit.toml").write_text(
        '[kit]\nname = "mine"\nversion = "2"\n[variables.who]\ndefault = "me"\n'
        '[[notes]]\ntemplate = "hello.md.j2"\ntitle = "Hello: {{ who }}"\n'
    )
    (kit / "hello.md.j2").write_text("---\ntitle: {{ title | yaml }}\n---\nHi {{ who }}\n")
    code, out, _ = run("scaffold", str(kit), str(tmp_path / "v"), "--var", "who=Alex")
    assert code == 0 and "create     Hello - Alex.md" in out and "mine 2 into" in out
    assert (
        tmp_path / "v" / "Hello - Alex.md"
    ).read_text() == '---\ntitle: "Hello: Alex"\n---\nHi Alex\n'


def test_command_modules_do_not_load_jinja_or_the_model() -> None:
    """``vaultkit --help`` imports every command module: ours must stay light."""
    import subprocess
    import sys

    code = (
        "import sys, vaultkit.cli.scaffold, vaultkit.cli.moc;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'yaml', 'networkx')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
