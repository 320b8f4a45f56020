"""Scaffolding into a vault in use: its Obsidian settings are merged, never lost."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tests.generate.conftest import ANSWERS, TODAY, snapshot
from vaultkit.cli import cli
from vaultkit.generate.scaffold import scaffold
from vaultkit.generate.settings_merge import is_settings_file, merge_settings

Json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)
Settings = st.dictionaries(st.text(max_size=8), Json, max_size=6)


@given(theirs=Settings, kit=Settings)
def test_every_setting_of_the_vault_survives_and_every_kit_key_is_there(theirs, kit) -> None:
    merge = merge_settings(json.dumps(theirs), json.dumps(kit))
    merged = json.loads(merge.text)
    assert list(merged)[: len(theirs)] == list(theirs)  # the vault's keys first, in its order
    assert all(merged[k] == v for k, v in theirs.items())
    assert set(merged) == set(theirs) | set(kit)
    assert merge.added == [k for k in kit if k not in theirs]
    assert merge.kept == [k for k in kit if k in theirs and theirs[k] != kit[k]]
    # Merging again adds nothing: a second scaffold leaves the file as it is.
    assert merge_settings(merge.text, json.dumps(kit)).added == []


def test_lists_merge_as_a_union_in_the_vaults_order() -> None:
    merge = merge_settings('["dataview", "tasks"]', '["obsidian-tasks-plugin", "tasks"]')
    assert json.loads(merge.text) == ["dataview", "tasks", "obsidian-tasks-plugin"]
    assert merge.added == ['"obsidian-tasks-plugin"']


def test_what_is_not_json_or_of_another_shape_does_not_merge() -> None:
    assert merge_settings("{not json", '{"a": 1}') is None
    assert merge_settings('["file-explorer"]', '{"file-explorer": true}') is None
    assert merge_settings('"text"', '"text"') is None


def test_only_obsidians_own_settings_files_merge() -> None:
    assert is_settings_file(".obsidian/app.json")
    assert not is_settings_file(".obsidian/plugins/dataview/data.json")
    assert not is_settings_file("Notes/.obsidian/app.json")
    assert not is_settings_file(".obsidian/app.json.bak")


def _existing_vault(root: Path) -> Path:
    settings = root / ".obsidian"
    settings.mkdir(parents=True)
    (settings / "app.json").write_text(
        json.dumps({"attachmentFolderPath": "Files", "vimMode": True}, indent=2) + "\n"
    )
    (settings / "daily-notes.json").write_text(json.dumps({"folder": "Journal"}))
    (settings / "templates.json").write_text(json.dumps({"folder": "_templates"}))
    (settings / "core-plugins.json").write_text("{ broken")
    (root / "Journal").mkdir()
    (root / "Journal" / "2026-01-01.md").write_text("my first day\n")
    return root


def test_scaffold_into_a_vault_in_use_adds_settings_and_keeps_the_users(tmp_path: Path) -> None:
    vault = _existing_vault(tmp_path / "vault")
    result = scaffold("senior-sre", vault, ANSWERS, today=TODAY)
    status = {f.path: f for f in result.files}
    app = json.loads((vault / ".obsidian/app.json").read_text())
    assert status[".obsidian/app.json"].status == "merge"
    assert app["attachmentFolderPath"] == "Files" and app["vimMode"] is True  # the user's
    assert app["newLinkFormat"] == "shortest"  # the kit's, added
    assert "attachmentFolderPath" in status[".obsidian/app.json"].kept
    assert "newLinkFormat" in status[".obsidian/app.json"].added
    # A file that is not JSON is in the way like any other: left alone, reported.
    assert result.conflicts == [".obsidian/core-plugins.json"]
    assert (vault / ".obsidian/core-plugins.json").read_text() == "{ broken"
    assert (vault / "Journal" / "2026-01-01.md").read_text() == "my first day\n"


def test_the_vaults_daily_and_templates_folders_are_the_kits(tmp_path: Path) -> None:
    vault = _existing_vault(tmp_path / "vault")
    result = scaffold("senior-sre", vault, ANSWERS, today=TODAY)
    status = {f.path: f.status for f in result.files}
    assert json.loads((vault / ".obsidian/daily-notes.json").read_text())["folder"] == "Journal"
    assert status[".obsidian/templates.json"] == "keep"  # same folder, nothing to add
    written = [f.path for f in result.files if f.status == "create"]
    assert any(p.startswith("_templates/") for p in written)
    assert not any(p.startswith(("Templates/", "Daily/")) for p in written)


def test_a_second_scaffold_and_a_dry_run_change_nothing(tmp_path: Path) -> None:
    vault = _existing_vault(tmp_path / "vault")
    dry = scaffold("senior-sre", vault, ANSWERS, today=TODAY, dry_run=True)
    assert {f.path: f.status for f in dry.files}[".obsidian/app.json"] == "merge"
    assert json.loads((vault / ".obsidian/app.json").read_text()) == {
        "attachmentFolderPath": "Files",
        "vimMode": True,
    }
    scaffold("senior-sre", vault, ANSWERS, today=TODAY)
    before = snapshot(vault)
    again = scaffold("senior-sre", vault, today=TODAY)
    assert {f.path: f.status for f in again.files}[".obsidian/app.json"] == "keep"
    assert snapshot(vault) == before


def test_force_still_replaces_settings_with_the_kits(tmp_path: Path) -> None:
    vault = _existing_vault(tmp_path / "vault")
    forced = scaffold("senior-sre", vault, ANSWERS, today=TODAY, force=True)
    assert {f.path: f.status for f in forced.files}[".obsidian/app.json"] == "overwrite"
    assert "vimMode" not in json.loads((vault / ".obsidian/app.json").read_text())


def test_cli_reports_merges_in_text_and_json(tmp_path: Path) -> None:
    vault = _existing_vault(tmp_path / "vault")
    (vault / ".obsidian/core-plugins.json").write_text('{"templates": false}')
    args = ["scaffold", "senior-sre", str(vault), "--var", "name=Alex"]
    text = CliRunner().invoke(cli, [*args, "--dry-run"])
    assert text.exit_code == 0, text.output
    assert (
        "would merge      .obsidian/app.json  (added alwaysUpdateLinks, newLinkFormat"
        in text.output
    )
    assert "kept yours: attachmentFolderPath" in text.output
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    files = {f["path"]: f for f in json.loads(result.output)["files"]}
    assert files[".obsidian/core-plugins.json"]["status"] == "merge"
    assert files[".obsidian/core-plugins.json"]["kept"] == ["templates"]
    assert "bases" in files[".obsidian/core-plugins.json"]["added"]
    assert files["Home.md"] == {"path": "Home.md", "status": "create"}
