"""The CLI: thin commands, exit codes, which vault, and the guide's script names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.gtd.conftest import run
from vaultkit.cli import cli
from vaultkit.cli.report import report


def invoke(*args: str, vault: Path | None = None, env: dict | None = None):
    runner = CliRunner()
    extra = ["--vault", str(vault)] if vault else []
    # the --vault option sits on the leaf command: append it after the arguments
    return runner.invoke(cli, [*args, *extra], env={"VAULTKIT_VAULT": None, **(env or {})})


def test_project_create_then_again_exits_0_and_says_it_exists(vault: Path) -> None:
    first = invoke(
        "project", "create", "Q1: Build Internal Influence", "--area", "Work & Career", vault=vault
    )
    assert first.exit_code == 0, first.output
    assert "created area: 2-Areas/Work & Career.md" in first.output
    assert "created project: 1-Projects/Q1 - Build Internal Influence.md" in first.output
    again = invoke(
        "project", "create", "Q1: Build Internal Influence", "--area", "Work & Career", vault=vault
    )
    assert again.exit_code == 0
    assert (
        "exists, left untouched: project 1-Projects/Q1 - Build Internal Influence.md"
        in again.output
    )


def test_the_vault_comes_from_the_environment(vault: Path) -> None:
    result = invoke("area", "create", "Health", env={"VAULTKIT_VAULT": str(vault)})
    assert result.exit_code == 0 and (vault / "2-Areas/Health.md").is_file()


def test_the_vault_around_the_current_folder_is_found(vault: Path, monkeypatch) -> None:
    (vault / "Sub").mkdir()
    monkeypatch.chdir(vault / "Sub")
    result = invoke("note", "create", "Reading list", "Resources")
    assert result.exit_code == 0 and (vault / "3-Resources/Reading list.md").is_file()


def test_no_vault_is_exit_2_with_how_to_point_at_one(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("log", "hello")
    assert result.exit_code == 2
    assert "--vault" in result.output and "VAULTKIT_VAULT" in result.output
    assert "Traceback" not in result.output


def test_log_prints_the_entry_and_warns_about_unknown_areas(vault: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "log",
            "Fixed it (Nowhere)",
            "--date",
            "2025-03-14",
            "--time",
            "08:15",
            "--vault",
            str(vault),
        ],
    )
    assert result.exit_code == 0
    assert "logged in Daily/2025-03-14.md: - 08:15 Fixed it (Nowhere)" in result.output
    assert "warning: no area note named 'Nowhere'" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "x", "--date", "14/03/2025"], "invalid --date '14/03/2025'"),
        (["log", "x", "--time", "25:99"], "invalid --time"),
        (["task", "add", "x", "--recurring", "sometimes"], "unknown recurrence 'sometimes'"),
        (["task", "add", "x", "--due", "tomorrow"], "invalid --due"),
        (["area", "review", "Nope"], "no area note named 'Nope'"),
        (["note", "create", "x", "Inbox"], "unknown PARA folder"),
        (["report", "impact", "--since", "2025-13-01"], "invalid --since"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(vault: Path, args: list[str], message: str) -> None:
    result = invoke(*args, vault=vault)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert result.output.strip().count("\n") == 0 and "Traceback" not in result.output


def test_task_add_prints_the_tasks_line(vault: Path) -> None:
    result = invoke(
        "task",
        "add",
        "Monthly career growth review",
        "--area",
        "Work & Career",
        "--recurring",
        "monthly",
        vault=vault,
    )
    assert result.exit_code == 0
    assert "- [ ] Monthly career growth review 🔁 every month 📅 " in result.output


def test_area_review_json_and_write(vault: Path) -> None:
    invoke("project", "create", "Alpha", "--area", "Work & Career", vault=vault)
    result = invoke(
        "area",
        "review",
        "Work & Career",
        "--format",
        "json",
        "--write",
        "--today",
        "2025-03-14",
        vault=vault,
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["area"] == "Work & Career" and data["today"] == "2025-03-14"
    assert [p["title"] for p in data["active_projects"]] == ["Alpha"]
    assert (vault / "2-Areas/Work & Career Review 2025-03-14.md").is_file()


def test_area_review_text(vault: Path) -> None:
    invoke("project", "create", "Alpha", "--area", "Work & Career", vault=vault)
    result = invoke("area", "review", "Work & Career", "--no-lint", vault=vault)
    assert result.exit_code == 0
    assert "# Work & Career review" in result.output and "- [[Alpha]]: active" in result.output


def test_report_impact_writes_the_note_and_prints_json(vault: Path) -> None:
    invoke("log", "Mentored Alex", vault=vault)
    result = invoke("report", "impact", "--by", "quarter", "--format", "json", vault=vault)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["by"] == "quarter" and data["categories"]["Mentoring"]["total"] == 1
    assert "%% vaultkit:begin impact %%" in (
        vault / "3-Resources/Senior SRE Impact Metrics.md"
    ).read_text(encoding="utf-8")


def test_report_impact_no_write_leaves_the_vault_alone(vault: Path) -> None:
    result = invoke("report", "impact", "--no-write", vault=vault)
    assert result.exit_code == 0 and not (vault / "3-Resources").exists()


def test_report_is_a_group_that_picks_up_html_when_present() -> None:
    import importlib.util

    names = report.list_commands(None)  # type: ignore[arg-type]
    assert "impact" in names
    assert ("html" in names) == (importlib.util.find_spec("vaultkit.cli.report_html") is not None)


def test_every_gtd_command_has_help_with_an_example() -> None:
    for args in (
        ["project", "create"],
        ["area", "create"],
        ["area", "review"],
        ["note", "create"],
        ["task", "add"],
        ["log"],
        ["report", "impact"],
    ):
        result = CliRunner().invoke(cli, [*args, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, args


def test_installed_scripts_run_the_guide_syntax(vault: Path) -> None:
    assert (
        run(
            "gtd-project",
            "create",
            "Q2: Expand Organizational Impact",
            "--area=Work & Career",
            vault=vault,
        ).returncode
        == 0
    )
    assert (
        run(
            "gtd-task",
            "add",
            "Monthly career growth review",
            "--area=Work & Career",
            "--recurring=monthly",
            vault=vault,
        ).returncode
        == 0
    )
    logged = run("addInfoToDailyLog", "Mentored Alex on system design (Work & Career)", vault=vault)
    assert logged.returncode == 0, logged.stderr
    assert "([[Work & Career]])" in logged.stdout
    review = run("vaultkit", "area", "review", "Work & Career", "--format", "json", vault=vault)
    assert review.returncode == 0 and json.loads(review.stdout)["recent_log"]


def test_installed_script_without_a_vault_exits_2(tmp_path: Path) -> None:
    result = run("addInfoToDailyLog", "hello", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        result.stderr.startswith("vaultkit: error: no vault found")
        and "Traceback" not in result.stderr
    )


def test_gtd_brain_moc_creates_a_moc_once(vault: Path) -> None:
    first = run("gtd-brain-moc", "create", "Senior SRE Career Growth", vault=vault)
    assert first.returncode == 0, first.stderr
    note = vault / "MOCs/Senior SRE Career Growth.md"
    assert "type: moc" in note.read_text(encoding="utf-8")
    note.write_text(note.read_text(encoding="utf-8") + "\n- [[Mine]]\n", encoding="utf-8")
    before = note.read_bytes()
    again = run("gtd-brain-moc", "create", "Senior SRE Career Growth", vault=vault)
    assert again.returncode == 0 and note.read_bytes() == before
