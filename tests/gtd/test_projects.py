"""Projects, areas and PARA notes: created once, named safely, linked to their area."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from vaultkit.errors import VaultError
from vaultkit.gtd import create_area, create_brain_note, create_project, list_projects
from vaultkit.gtd.settings import GtdSettings

TODAY = date(2025, 3, 14)


def frontmatter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_a_project_note_has_the_guide_frontmatter(vault: Path) -> None:
    out = create_project(vault, "Speak at SREcon 2025", "Work & Career", today=TODAY)
    assert (out.action, out.path) == ("created", "1-Projects/Speak at SREcon 2025.md")
    props = frontmatter(vault / out.path)
    assert props["type"] == "project"
    assert props["title"] == "Speak at SREcon 2025"
    assert props["area"] == "[[Work & Career]]"
    assert props["status"] == "active"
    assert str(props["created"]) == "2025-03-14"
    assert props["tags"] == ["project"]
    assert "aliases" not in props


@pytest.mark.parametrize(
    ("title", "filename"),
    [
        ("Q1: Build Internal Influence", "Q1 - Build Internal Influence"),
        ("Deep Dive: AI/ML Infrastructure", "Deep Dive - AI-ML Infrastructure"),
        ("Senior SRE → Staff/Principal Growth", "Senior SRE → Staff-Principal Growth"),
    ],
)
def test_unsafe_titles_get_safe_file_names_and_keep_the_exact_title(
    vault: Path, title: str, filename: str
) -> None:
    out = create_project(vault, title, "Work & Career", today=TODAY)
    assert out.path == f"1-Projects/{filename}.md"
    props = frontmatter(vault / out.path)
    assert props["title"] == title
    assert props["aliases"] == [title]
    area = (vault / "2-Areas/Work & Career.md").read_text(encoding="utf-8")
    assert f"[[{filename}|{title}]]" in area


def test_creating_an_existing_project_leaves_it_untouched(vault: Path) -> None:
    first = create_project(vault, "Q4: Strategic Planning", "Work & Career", today=TODAY)
    note = vault / first.path
    note.write_text(note.read_text(encoding="utf-8") + "\nMy own notes.\n", encoding="utf-8")
    before = note.read_bytes()
    again = create_project(vault, "Q4: Strategic Planning", "Work & Career", today=date(2026, 1, 1))
    assert again.action == "exists" and again.path == first.path
    assert note.read_bytes() == before


def test_an_area_named_for_the_first_time_is_created(vault: Path) -> None:
    out = create_project(vault, "Build SRE Training Program", "Work & Career", today=TODAY)
    assert [(a.kind, a.action, a.path) for a in out.also][:1] == [
        ("area", "created", "2-Areas/Work & Career.md")
    ]
    props = frontmatter(vault / "2-Areas/Work & Career.md")
    assert props["type"] == "area" and props["tags"] == ["area"]
    text = (vault / "2-Areas/Work & Career.md").read_text(encoding="utf-8")
    assert (
        "%% vaultkit:begin projects %%\n- [[Build SRE Training Program]]\n%% vaultkit:end projects %%"
        in text
    )
    assert "## Tasks" in text


def test_the_area_project_list_keeps_the_users_text_and_lists_hand_made_projects(
    vault: Path,
) -> None:
    create_project(vault, "Alpha", "Home", today=TODAY)
    area = vault / "2-Areas/Home.md"
    area.write_text(
        area.read_text(encoding="utf-8").replace("What standard", "MINE. What standard"),
        encoding="utf-8",
    )
    (vault / "1-Projects/Hand made.md").write_text(
        '---\ntype: project\narea: "[[Home]]"\n---\n', encoding="utf-8"
    )
    create_project(vault, "Beta", "Home", today=TODAY)
    text = area.read_text(encoding="utf-8")
    assert "MINE. What standard" in text
    assert "- [[Alpha]]\n- [[Beta]]\n- [[Hand made]]\n" in text


def test_projects_of_an_area_are_found_by_their_area_link(vault: Path) -> None:
    create_project(vault, "A", "Work & Career", today=TODAY)
    create_project(vault, "B", "Health", today=TODAY)
    settings = GtdSettings.load(vault)
    assert [p.title for p in list_projects(settings, "2-Areas/Health.md")] == ["B"]
    assert {p.title for p in list_projects(settings)} == {"A", "B"}


def test_project_folders_come_from_the_vault_config(vault: Path) -> None:
    (vault / ".vaultkit.toml").write_text(
        '[folders]\nprojects = "Projects"\nareas = "Areas"\n', encoding="utf-8"
    )
    out = create_project(vault, "X", "Y", today=TODAY)
    assert out.path == "Projects/X.md" and (vault / "Areas/Y.md").is_file()


def test_an_empty_title_is_a_user_error(vault: Path) -> None:
    with pytest.raises(VaultError, match="needs a title"):
        create_project(vault, "   ", "Work & Career")


def test_create_area_twice_keeps_the_first(vault: Path) -> None:
    assert create_area(vault, "Work & Career", TODAY).action == "created"
    assert create_area(vault, "work & career", TODAY).action == "exists"
    assert sorted(p.name for p in (vault / "2-Areas").iterdir()) == ["Work & Career.md"]


@pytest.mark.parametrize(
    ("category", "folder", "kind"),
    [
        ("Resources", "3-Resources", "resource"),
        ("archives", "4-Archives", "note"),
        ("3-Resources", "3-Resources", "resource"),
    ],
)
def test_brain_notes_go_to_their_para_folder(
    vault: Path, category: str, folder: str, kind: str
) -> None:
    out = create_brain_note(vault, "Senior SRE Impact Metrics", category, today=TODAY)
    assert out.path == f"{folder}/Senior SRE Impact Metrics.md"
    assert frontmatter(vault / out.path)["type"] == kind
    assert create_brain_note(vault, "Senior SRE Impact Metrics", category).action == "exists"


def test_brain_projects_and_areas_are_made_like_project_and_area_create(vault: Path) -> None:
    assert create_brain_note(vault, "Garden", "Areas", today=TODAY).path == "2-Areas/Garden.md"
    out = create_brain_note(vault, "Plant roses", "Projects", today=TODAY)
    assert out.path == "1-Projects/Plant roses.md"
    assert frontmatter(vault / out.path)["area"] == "[[Work & Career]]"  # the default area


def test_an_unknown_para_folder_is_a_user_error(vault: Path) -> None:
    with pytest.raises(VaultError, match="unknown PARA folder 'Inbox'"):
        create_brain_note(vault, "X", "Inbox")


def test_the_area_link_points_at_the_existing_area_file(vault: Path) -> None:
    (vault / "2-Areas").mkdir()
    (vault / "2-Areas/Career.md").write_text(
        "---\ntype: area\ntitle: Work & Career\n---\n", encoding="utf-8"
    )
    out = create_project(vault, "Alpha", "career", today=TODAY)
    assert frontmatter(vault / out.path)["area"] == "[[Career|Work & Career]]"
    assert "- [[Alpha]]" in (vault / "2-Areas/Career.md").read_text(encoding="utf-8")


def test_the_project_list_keeps_its_order_and_drops_projects_that_are_gone(vault: Path) -> None:
    for title in ("Zeta", "Alpha", "Mid"):
        create_project(vault, title, "Home", today=TODAY)
    area = vault / "2-Areas/Home.md"
    text = area.read_text(encoding="utf-8")
    area.write_text(
        text.replace("- [[Alpha]]\n- [[Mid]]\n- [[Zeta]]", "- [[Zeta]]\n- [[Mid]]\n- [[Alpha]]"),
        encoding="utf-8",
    )
    (vault / "1-Projects/Mid.md").unlink()
    create_project(vault, "Beta", "Home", today=TODAY)
    assert (
        "%% vaultkit:begin projects %%\n- [[Zeta]]\n- [[Alpha]]\n- [[Beta]]\n%% vaultkit:end projects %%"
        in area.read_text(encoding="utf-8")
    )


def test_the_project_list_is_computed_under_the_area_lock(vault: Path, monkeypatch) -> None:
    from vaultkit.gtd import projects

    create_project(vault, "Alpha", "Home", today=TODAY)
    real = projects.update_with_retry

    def another_process_finishes_first(root, rel, change, **kwargs):
        # a project written by another process after ours started refreshing
        (vault / "1-Projects/Beta.md").write_text(
            '---\ntype: project\narea: "[[Home]]"\n---\n', encoding="utf-8"
        )
        return real(root, rel, change, **kwargs)

    monkeypatch.setattr(projects, "update_with_retry", another_process_finishes_first)
    projects.refresh_area_projects(GtdSettings.load(vault), "2-Areas/Home.md")
    assert "- [[Alpha]]\n- [[Beta]]\n%% vaultkit:end projects %%" in (
        vault / "2-Areas/Home.md"
    ).read_text(encoding="utf-8")


def test_a_new_note_named_like_another_warns_about_ambiguous_links(vault: Path) -> None:
    (vault / "Home.md").write_text("# Home\n", encoding="utf-8")
    out = create_brain_note(vault, "Home", "Resources", today=TODAY)
    assert out.action == "created"
    assert len(out.warnings) == 1 and "'Home' (Home.md)" in out.warnings[0]
    area = create_project(vault, "Plant roses", "home", today=TODAY).also[0]
    assert area.path == "2-Areas/home.md" and "Home.md" in area.warnings[0]
    assert create_project(vault, "Plant roses", "home", today=TODAY).warnings == []
