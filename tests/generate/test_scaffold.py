"""The senior-sre kit and scaffold(): content, safety, idempotence, user kits."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.generate.conftest import ANSWERS, TODAY, snapshot
from vaultkit.errors import VaultError
from vaultkit.generate.scaffold import ANSWERS_FILE, scaffold, toml_string
from vaultkit.model.vault import Vault

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

GUIDE_PROJECTS = [
    "Define Organization-Wide Reliability Standards",
    "Lead Multi-Team Infrastructure Initiative",
    "Influence Architecture Decisions at Scale",
    "Mentor 3 Mid-Level SREs to Senior",
    "Build SRE Training Program",
    "Create Technical Leadership Workshop",
    "Speak at SREcon 2026",
    "Write Technical Blog Series",
    "Contribute to Major Open Source Project",
    "Design Next-Gen Infrastructure Platform",
    "Define Reliability Patterns Library",
    "Lead Multi-Region Architecture Design",
    "Define SRE Standards & Practices",
    "Build Internal SRE Platform",
    "Establish Post-Mortem Culture",
    "Develop Business Case for Reliability Investment",
    "Present Technical Strategy to Leadership",
    "Deep Dive: AI/ML Infrastructure",
    "Research: Next-Gen Observability",
    "Experiment: Chaos Engineering at Scale",
    "Q1: Build Internal Influence",
    "Q2: Expand Organizational Impact",
    "Q3: Build External Presence",
    "Q4: Strategic Planning",
    "Senior SRE → Staff/Principal Growth",
]


def props(root: Path, rel: str) -> dict:
    return yaml.safe_load((root / rel).read_text(encoding="utf-8").split("---\n", 2)[1])


def by_title(vault: Vault) -> dict[str, str]:
    return {
        n.properties.get("title"): p for p, n in vault.notes.items() if n.properties.get("title")
    }


def test_every_project_of_the_guide_is_a_project_note(career_vault: Path) -> None:
    vault = Vault.load(career_vault)
    titles = by_title(vault)
    for title in GUIDE_PROJECTS:
        assert title in titles, title
        note = props(career_vault, titles[title])
        assert note["type"] == "project" and note["status"] == "active"
        assert note["area"] == "[[Work & Career]]" and note["tags"] == ["project"]
        assert note["focus"] and note["created"] == date(2026, 1, 5)
        assert titles[title].startswith("1-Projects/")
    projects = [
        p
        for p, n in vault.notes.items()
        if n.properties.get("type") == "project" and p.startswith("1-")
    ]
    assert len(projects) == len(GUIDE_PROJECTS)


def test_unsafe_titles_get_safe_names_aliases_and_display_links(career_vault: Path) -> None:
    q1 = props(career_vault, "1-Projects/Q1 - Build Internal Influence.md")
    assert q1["title"] == "Q1: Build Internal Influence" and q1["aliases"] == [q1["title"]]
    growth = career_vault / "1-Projects/Senior SRE → Staff-Principal Growth.md"
    assert growth.is_file()
    area = (career_vault / "2-Areas/Work & Career.md").read_text(encoding="utf-8")
    assert "[[Senior SRE → Staff-Principal Growth|Senior SRE → Staff/Principal Growth]]" in area


def test_quarterly_projects_carry_the_action_plan(career_vault: Path) -> None:
    text = (career_vault / "1-Projects/Q2 - Expand Organizational Impact.md").read_text(
        encoding="utf-8"
    )
    for item in (
        "Launch organization-wide reliability program",
        "Design architecture for new platform",
        "Build internal SRE tooling/platform",
        "Establish post-mortem culture",
    ):
        assert f"- [ ] {item}\n" in text


def test_area_lists_projects_and_recurring_reviews(career_vault: Path) -> None:
    text = (career_vault / "2-Areas/Work & Career.md").read_text(encoding="utf-8")
    assert props(career_vault, "2-Areas/Work & Career.md")["type"] == "area"
    block = text.split("%% vaultkit:begin projects %%\n")[1].split("%% vaultkit:end projects %%")[0]
    assert block.count("- [[") == len(GUIDE_PROJECTS)
    tasks = text.split("## Tasks\n")[1]
    assert "- [ ] Monthly career growth review 🔁 every month 📅 2026-02-05\n" in tasks
    assert "- [ ] Quarterly career strategy review 🔁 every 3 months 📅 2026-04-05\n" in tasks


def test_plan_resources_and_mocs_from_the_guide(career_vault: Path) -> None:
    plan = props(career_vault, "2-Areas/Senior SRE Career Growth Plan - 2026.md")
    assert plan["tags"] == ["career", "sre", "senior", "staff-principal"]
    assert plan["date"] == date(2026, 1, 5)
    assert (plan["level"], plan["experience"], plan["target"]) == (
        "Senior 2",
        "20 years",
        "Staff/Principal SRE",
    )
    for rel in (
        "3-Resources/Senior SRE Impact Metrics.md",
        "3-Resources/Career Growth Tracking 2026.md",
        "3-Resources/Senior SRE Career Assessment 2026.md",
        "MOCs/Senior SRE Career Growth.md",
        "MOCs/Technical Leadership.md",
        "MOCs/External Presence.md",
        "MOCs/Strategic Projects.md",
        "MOCs/SRE Career Development MOC.md",
        "MOCs/Leadership Projects.md",
        "MOCs/Thought Leadership.md",
        "Home.md",
    ):
        assert (career_vault / rel).is_file(), rel
    main = (career_vault / "MOCs/Senior SRE Career Growth.md").read_text(encoding="utf-8")
    for section in (
        "Strategic Impact",
        "Technical Leadership",
        "External Presence",
        "Mentoring & Development",
        "Architecture & Design",
        "Standards & Practices",
    ):
        assert f"\n## {section}\n- [[" in main
    books = (career_vault / "3-Resources/Senior SRE Learning Resources.md").read_text(
        encoding="utf-8"
    )
    assert '"Staff Engineer" by Will Larson' in books and "SRE Weekly newsletter" in books


def test_obsidian_settings_point_at_the_folders(career_vault: Path) -> None:
    daily = json.loads((career_vault / ".obsidian/daily-notes.json").read_text())
    assert daily == {"folder": "Daily", "format": "YYYY-MM-DD", "template": "Templates/Daily"}
    assert json.loads((career_vault / ".obsidian/templates.json").read_text()) == {
        "folder": "Templates"
    }
    assert json.loads((career_vault / ".obsidian/app.json").read_text())
    config = tomllib.loads((career_vault / ".vaultkit.toml").read_text())
    assert config["folders"]["projects"] == "1-Projects" and config["folders"]["mocs"] == "MOCs"
    assert (career_vault / "4-Archives").is_dir() and (career_vault / "Daily").is_dir()
    assert "{{date}}" in (career_vault / "Templates/Daily.md").read_text()
    settings = Vault.load(career_vault).settings
    assert settings.daily_folder == "Daily" and settings.templates_folder == "Templates"


def test_every_link_resolves_and_every_note_is_linked(career_vault: Path) -> None:
    vault = Vault.load(career_vault)
    assert vault.unresolved == []
    assert vault.problems == []
    for path, note in vault.notes.items():
        assert not note.problems, (path, note.problems)
        assert vault.backlinks(path), f"{path} is an orphan"


def test_lints_clean(career_vault: Path) -> None:
    lint = pytest.importorskip("vaultkit.lint")
    diagnostics = lint.lint_vault(Vault.load(career_vault))
    assert [d for d in diagnostics if d.severity == "error"] == []
    assert [d for d in diagnostics if d.rule == "orphan-note"] == []
    assert diagnostics == []  # not even a warning on a fresh scaffold


def test_answers_are_recorded(career_vault: Path) -> None:
    answers = tomllib.loads((career_vault / ANSWERS_FILE).read_text())
    assert answers["kit"] == "senior-sre" and answers["version"]
    assert answers["answers"]["name"] == "Alex Example"
    assert answers["answers"]["year"] == 2026
    assert "Home.md" in answers["files"]


def test_second_run_changes_nothing(career_copy: Path) -> None:
    before = snapshot(career_copy)
    result = scaffold(
        "senior-sre", career_copy, today=date(2027, 6, 1)
    )  # answers come from the file
    assert {f.status for f in result.files} == {"identical"}
    assert snapshot(career_copy) == before


def test_user_edits_survive_a_rerun_and_missing_files_come_back(career_copy: Path) -> None:
    home = career_copy / "Home.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nMy own notes.\n", encoding="utf-8")
    edited = home.read_bytes()
    (career_copy / "MOCs/Thought Leadership.md").unlink()
    result = scaffold("senior-sre", career_copy)
    status = {f.path: f.status for f in result.files}
    assert status["Home.md"] == "skip" and home.read_bytes() == edited
    assert status["MOCs/Thought Leadership.md"] == "create"
    assert (career_copy / "MOCs/Thought Leadership.md").is_file()
    assert not result.conflicts


def test_foreign_files_are_conflicts_unless_forced(tmp_path: Path) -> None:
    dest = tmp_path / "vault"
    dest.mkdir()
    (dest / "Home.md").write_text("my home\n")
    result = scaffold("senior-sre", dest, ANSWERS, today=TODAY)
    assert result.conflicts == ["Home.md"]
    assert (dest / "Home.md").read_text() == "my home\n"
    assert (dest / "MOCs/Senior SRE Career Growth.md").is_file()
    forced = scaffold("senior-sre", dest, force=True)
    assert {f.path: f.status for f in forced.files}["Home.md"] == "overwrite"
    assert "career growth vault" in (dest / "Home.md").read_text()


def test_dry_run_writes_nothing(tmp_path: Path, career_copy: Path) -> None:
    fresh = tmp_path / "new"
    result = scaffold("senior-sre", fresh, ANSWERS, dry_run=True, today=TODAY)
    assert not fresh.exists()
    assert result.count("create") == len(result.files)
    (career_copy / "Home.md").write_text("edited\n")
    before = snapshot(career_copy)
    result = scaffold("senior-sre", career_copy, {"name": "Someone Else"}, dry_run=True, force=True)
    assert snapshot(career_copy) == before
    assert {f.path: f.status for f in result.files}["Home.md"] == "overwrite"


def test_bad_destinations_are_refused(tmp_path: Path) -> None:
    import vaultkit

    afile = tmp_path / "file.md"
    afile.write_text("x")
    with pytest.raises(VaultError, match="is a file"):
        scaffold("senior-sre", afile)
    with pytest.raises(VaultError, match="inside vaultkit"):
        scaffold("senior-sre", Path(vaultkit.__file__).parent / "myvault", dry_run=True)
    if os.geteuid() != 0:  # root can write anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        with pytest.raises(VaultError, match="not writable"):
            scaffold("senior-sre", locked / "vault")


def test_bad_variables_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(VaultError, match="unknown variable"):
        scaffold("senior-sre", tmp_path, {"nmae": "typo"}, dry_run=True)
    with pytest.raises(VaultError, match="YYYY-MM-DD"):
        scaffold("senior-sre", tmp_path, {"date": "05/01/2026"}, dry_run=True)
    with pytest.raises(VaultError, match="whole number"):
        scaffold("senior-sre", tmp_path, {"year": "next"}, dry_run=True)


# ---- user kits -------------------------------------------------------------


def write_kit(folder: Path, manifest: str, templates: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kit.toml").write_text(manifest, encoding="utf-8")
    for name, text in templates.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


LIST_KIT = """
[kit]
name = "list"
[[notes]]
template = "index.md.j2"
title = "Index"
[[notes]]
template = "item.md.j2"
foreach = "items"
folder = "Items"
[data]
items = {items}
"""
INDEX = "{% for i in data['items'] %}- {{ i.title | link }}\n{% endfor %}"
ITEM = "---\ntitle: {{ title | yaml }}\n---\nBack to {{ 'Index' | link }}\n"

titles = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="{}%"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() and " ".join(t.split()).casefold() != "index")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(titles, min_size=1, max_size=6, unique_by=lambda t: " ".join(t.split())))
def test_any_titles_give_unique_names_whose_links_resolve(tmp_path: Path, items: list[str]) -> None:
    case = tmp_path / f"case{abs(hash(tuple(items)))}"
    rows = ", ".join(f"{{title = {toml_string(t)}}}" for t in items)
    kit = write_kit(
        case / "kit",
        LIST_KIT.replace("{items}", f"[{rows}]"),
        {"index.md.j2": INDEX, "item.md.j2": ITEM},
    )
    scaffold(kit, case / "vault")
    vault = Vault.load(case / "vault")
    assert vault.unresolved == []
    notes = [p for p in vault.notes if p.startswith("Items/")]
    assert len(notes) == len(items)
    assert {vault.notes[p].properties.get("title") for p in notes} == {
        " ".join(t.split()) for t in items
    }
    linked = {link.resolved for link in vault.outlinks("Index.md")}
    assert linked == set(notes)


def test_user_kits_render_in_the_sandbox(tmp_path: Path) -> None:
    kit = write_kit(
        tmp_path / "evil",
        '[kit]\nname = "evil"\n[[notes]]\ntemplate = "x.md.j2"\ntitle = "X"\n',
        {"x.md.j2": "{{ ''.__class__.__mro__ }}\n"},
    )
    with pytest.raises(VaultError, match="sandbox") as err:
        scaffold(kit, tmp_path / "vault")
    assert "x.md.j2" in str(err.value)
    assert not (tmp_path / "vault" / "X.md").exists()


def test_kit_paths_cannot_leave_the_vault(tmp_path: Path) -> None:
    kit = write_kit(
        tmp_path / "escape",
        '[kit]\nname = "escape"\n[[files]]\ntemplate = "x.j2"\npath = "../outside.txt"\n',
        {"x.j2": "x\n"},
    )
    with pytest.raises(VaultError, match="leave the vault"):
        scaffold(kit, tmp_path / "vault")
    assert not (tmp_path / "outside.txt").exists()
    kit = write_kit(
        tmp_path / "escape2",
        '[kit]\nname = "e2"\n[[notes]]\ntemplate = "x.j2"\ntitle = "../../etc/passwd"\n',
        {"x.j2": "x\n"},
    )
    scaffold(kit, tmp_path / "vault2")
    assert [p.name for p in (tmp_path / "vault2").glob("*.md")] == ["-..-etc-passwd.md"]


@pytest.mark.parametrize(
    "manifest, message",
    [
        ('[kit]\nname = "k"\nbogus = 1\n', "unknown key"),
        ("[kit]\n", "name"),
        ('[kit]\nname = "k"\n[[notes]]\ntemplate = "missing.j2"\ntitle = "X"\n', "not found"),
        ('[kit]\nname = "k"\n[[notes]]\ntemplate = "note.md.j2"\nforeach = "nope"\n', "foreach"),
        ('[kit]\nname = "k"\n[variables.x]\ntype = "float"\n', "type must be"),
        ("[kit\n", "invalid TOML"),
        ('[kit]\nname = "k"\nfolders = "Daily"\n', "folders must be an array"),
        ('notes = 3\n[kit]\nname = "k"\n', "notes must be an array"),
    ],
)
def test_bad_manifests_name_the_problem(tmp_path: Path, manifest: str, message: str) -> None:
    kit = write_kit(tmp_path / "kit", manifest, {})
    with pytest.raises(VaultError, match=message) as err:
        scaffold(kit, tmp_path / "vault", dry_run=True)
    assert "kit.toml" in str(err.value)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=30), st.text(min_size=1, max_size=30))
def test_any_answers_keep_the_plan_frontmatter_valid(level: str, target: str) -> None:
    from vaultkit.config import Folders
    from vaultkit.generate.kit import load_kit
    from vaultkit.generate.scaffold import plan_files, resolve_variables

    kit = load_kit("senior-sre")
    answers = resolve_variables(kit, {"level": level, "target": target}, {}, TODAY)
    plan = {p.path: p.text for p in plan_files(kit, answers, Folders())}
    meta = yaml.safe_load(
        plan["2-Areas/Senior SRE Career Growth Plan - 2026.md"].split("---\n", 2)[1]
    )
    assert (meta["level"], meta["target"]) == (level, target)


def test_a_symlink_out_of_the_vault_stops_before_anything_is_written(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    dest = tmp_path / "vault"
    dest.mkdir()
    (dest / "MOCs").symlink_to(outside)
    with pytest.raises(VaultError, match="symlink"):
        scaffold("senior-sre", dest, ANSWERS, today=TODAY)
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in dest.iterdir()) == ["MOCs"]


def test_user_kit_templates_cannot_link_to_files_outside_the_kit(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not copy me\n")
    kit = write_kit(
        tmp_path / "kit", '[kit]\nname = "k"\n[[files]]\ntemplate = "x.j2"\npath = "leak.md"\n', {}
    )
    (kit / "x.j2").symlink_to(secret)
    with pytest.raises(VaultError, match="outside the kit"):
        scaffold(kit, tmp_path / "vault")
    assert not (tmp_path / "vault" / "leak.md").exists()


def test_answers_file_stays_valid_toml_for_odd_names_and_values(tmp_path: Path) -> None:
    kit = write_kit(
        tmp_path / "kit",
        '[kit]\nname = "k"\n[variables."my var"]\ndefault = "x"\n'
        '[[files]]\ntemplate = "x.j2"\npath = "odd\\u007f \\"name\\".md"\n',
        {"x.j2": "{{ vars is defined }}\n"},
    )
    scaffold(kit, tmp_path / "vault", {"my var": 'quote " del \x7f'})
    data = tomllib.loads((tmp_path / "vault" / ANSWERS_FILE).read_text())
    assert data["answers"]["my var"] == 'quote " del \x7f'
    assert 'odd\x7f "name".md' in data["files"]


def test_every_note_and_template_starts_with_frontmatter_that_has_tags(career_vault: Path) -> None:
    from datetime import datetime

    from vaultkit.generate.render import render_obsidian_template

    for path in sorted(career_vault.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if path.parent.name == "Templates":  # as Obsidian inserts it
            text = render_obsidian_template(text, "Some Title", datetime(2026, 1, 5))
        assert text.startswith("---\n"), path
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        assert isinstance(meta, dict) and meta.get("tags"), path
