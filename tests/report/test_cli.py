"""``vaultkit graph``, ``vaultkit stats`` and ``vaultkit report html`` from a shell's point of view."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from tests.report.conftest import SMALL, write_files
from tests.report.syntax import parse_mermaid
from vaultkit.cli import cli
from vaultkit.cli.graph import format_stats


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return write_files(tmp_path / "My Vault", SMALL)


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    old = Path.cwd()
    try:
        if cwd:
            os.chdir(cwd)
        result = runner.invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def test_graph_json_to_stdout_by_default(vault_dir):
    code, out, _ = run("graph", str(vault_dir))
    assert code == 0
    data = json.loads(out)
    assert {n["id"] for n in data["nodes"]} >= {"Home.md", "Lonely.md"}


@pytest.mark.parametrize(
    ("suffix", "reader"), [(".graphml", nx.read_graphml), (".gexf", nx.read_gexf)]
)
def test_format_follows_the_output_suffix(vault_dir, tmp_path, suffix, reader):
    out = tmp_path / f"g{suffix}"
    code, _, err = run("graph", str(vault_dir), "-o", str(out), "--include-attachments")
    assert code == 0 and "7 nodes" in err
    assert "diagram.png" in reader(out)


def test_mermaid_into_a_note_is_fenced(vault_dir):
    code, _, _ = run("graph", str(vault_dir), "--tag", "project", "-o", str(vault_dir / "Graph.md"))
    assert code == 0
    text = (vault_dir / "Graph.md").read_text()
    assert text.startswith("```mermaid\ngraph LR\n") and text.endswith("```\n")
    labels, _ = parse_mermaid(text.split("\n", 1)[1].rsplit("```", 1)[0])
    assert sorted(labels.values()) == ["Alpha", "Beta"]


def test_existing_note_is_not_replaced_without_force(vault_dir):
    code, _, err = run("graph", str(vault_dir), "-o", str(vault_dir / "Home.md"))
    assert code == 2 and "already exists" in err and "--force" in err
    assert (vault_dir / "Home.md").read_text() == SMALL["Home.md"]
    assert run("graph", str(vault_dir), "-o", str(vault_dir / "Home.md"), "--force")[0] == 0
    assert (vault_dir / "Home.md").read_text().startswith("```mermaid")


def test_output_through_a_symlink_out_of_the_vault_is_refused(vault_dir, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (vault_dir / "escape").symlink_to(outside, target_is_directory=True)
    code, _, err = run("graph", str(vault_dir), "-o", str(vault_dir / "escape" / "g.json"))
    assert code == 2 and "symlink" in err
    assert list(outside.iterdir()) == []


def test_previous_export_in_the_vault_is_refreshed(vault_dir):
    target = vault_dir / "exports" / "graph.json"
    assert run("graph", str(vault_dir), "-o", str(target))[0] == 0
    assert run("graph", str(vault_dir), "-o", str(target), "--tag", "area")[0] == 0
    assert [n["id"] for n in json.loads(target.read_text())["nodes"]] == ["Areas/Health.md"]


def test_graph_filters_from_the_command_line(vault_dir):
    code, out, _ = run(
        "graph", "--vault", str(vault_dir), "--from", "Health", "--depth", "0", "--format", "json"
    )
    assert code == 0
    assert [n["id"] for n in json.loads(out)["nodes"]] == ["Areas/Health.md"]
    code, out, _ = run("graph", str(vault_dir), "--folder", "Projects", "--format", "dot")
    assert code == 0 and out.startswith("digraph") and out.count("->") == 1


def test_vault_found_from_the_current_folder(vault_dir):
    code, out, _ = run("stats", "--format", "json", cwd=vault_dir / "Projects")
    assert code == 0 and json.loads(out)["notes"] == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["graph", "{v}", "--from", "Nope"], "no note named 'Nope'"),
        (["graph", "{v}", "--depth", "2"], "--depth needs --from"),
        (["stats", "{v}/missing"], "is not a folder"),
    ],
)
def test_user_errors_exit_2_with_one_line(vault_dir, args, message):
    code, out, err = run(*[a.format(v=vault_dir) for a in args])
    assert code == 2
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_output_to_a_folder_is_refused(vault_dir):
    code, _, err = run("graph", str(vault_dir), "-o", str(vault_dir))
    assert code == 2 and "is a directory" in err


def test_stats_text_and_json(vault_dir):
    code, out, _ = run("stats", str(vault_dir), "--top", "2")
    assert code == 0
    assert "Notes             6" in out
    assert "Orphans           2" in out
    assert "Components        3 (largest: 4 notes, 67%)" in out
    assert "\x1b[" not in out  # not a terminal: no styling
    code, out, _ = run("stats", str(vault_dir), "--format", "json")
    data = json.loads(out)
    assert data["orphans"] == ["Lonely.md", "Self.md"] and data["links"]["total"] == 9


def test_stats_text_is_terminal_safe():
    data = {
        "vault": "v\x1b[31m",
        "notes": 1,
        "attachments": 0,
        "links": {"wikilink": 0, "embed": 0, "markdown": 0, "property": 0, "total": 0},
        "unresolved_links": 0,
        "orphans": [],
        "dead_ends": [],
        "tag_count": 1,
        "top_tags": [{"tag": "a\x07", "notes": 1}],
        "hubs_by_links": [],
        "hubs_by_pagerank": [],
        "components": 1,
        "largest_component": 1,
        "largest_component_share": 1.0,
    }
    text = format_stats(data)
    assert "\x1b" not in text and "\x07" not in text
    assert "\x1b[1m" in format_stats(data, styled=True)


def test_report_html_writes_one_file(vault_dir, tmp_path):
    out = tmp_path / "out" / "report.html"
    code, _, err = run("report", "html", str(vault_dir), "-o", str(out))
    assert code == 0 and f"wrote {out}" in err
    page = out.read_text()
    assert page.count("<circle") == 6 and "broken-link" in page
    code, _, _ = run(
        "report", "html", str(vault_dir), "-o", str(out), "--no-lint", "--max-nodes", "2"
    )
    page = out.read_text()
    assert "left out with --no-lint" in page and page.count("<circle") == 2


def test_no_progress_bar_when_not_a_terminal(vault_dir, tmp_path):
    code, _, err = run(
        "report", "html", str(vault_dir), "-o", str(tmp_path / "r.html"), "--no-lint"
    )
    assert code == 0 and err.strip() == f"wrote {tmp_path / 'r.html'}"


def test_progress_bar_on_a_terminal(vault_dir, tmp_path, monkeypatch):
    monkeypatch.setattr("vaultkit.cli.graph.stderr_is_tty", lambda: True)
    monkeypatch.setattr("vaultkit.cli.report_html.stderr_is_tty", lambda: True)
    code, _, err = run(
        "report", "html", str(vault_dir), "-o", str(tmp_path / "r.html"), "--no-lint"
    )
    assert code == 0 and "Reading vault" in err and "Building report" in err


def installed_vaultkit() -> list[str]:
    exe = shutil.which("vaultkit")
    return [exe] if exe else [sys.executable, "-m", "vaultkit"]


def test_installed_command(vault_dir, tmp_path):
    done = subprocess.run(
        [*installed_vaultkit(), "stats", str(vault_dir), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["notes"] == 6
    done = subprocess.run(
        [*installed_vaultkit(), "graph", str(vault_dir), "--format", "graphml"],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert len(nx.read_graphml(io.BytesIO(done.stdout))) == 6
    done = subprocess.run(
        [*installed_vaultkit(), "graph", str(vault_dir), "--from", "Nope"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stderr.startswith("vaultkit: error: ")
