"""Templates: generic notes, YAML-safe frontmatter, strict variables and the sandbox."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.errors import VaultError
from vaultkit.generate import bundled_templates, new_note, render_note
from vaultkit.generate.moment import add_months, format_moment
from vaultkit.generate.render import render_obsidian_template, yaml_value

DAY = date(2026, 1, 5)


def frontmatter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_every_generic_template_renders_with_only_a_title() -> None:
    assert set(bundled_templates()) >= {
        "note",
        "project",
        "area",
        "resource",
        "moc",
        "daily",
        "review",
    }
    for name in bundled_templates():
        note = render_note(name, "Some Title", now=DAY)
        props = frontmatter(note.text)
        assert props["type"] == name
        assert "{{" not in note.text and "{%" not in note.text


def test_project_note_has_the_shared_frontmatter() -> None:
    note = render_note(
        "project", "Q1: Build Internal Influence", {"focus": "Strategic Impact"}, now=DAY
    )
    assert note.path == "1-Projects/Q1 - Build Internal Influence.md"
    props = frontmatter(note.text)
    assert props == {
        "type": "project",
        "title": "Q1: Build Internal Influence",
        "aliases": ["Q1: Build Internal Influence"],
        "area": "[[Work & Career]]",
        "status": "active",
        "focus": "Strategic Impact",
        "created": DAY,
        "tags": ["project"],
    }
    assert "## Tasks\n- [ ] " in note.text


def test_area_note_has_generated_projects_and_tasks() -> None:
    note = render_note(
        "area",
        "Work & Career",
        {"projects": ["Q1: Build"], "tasks": ["Review 🔁 every month 📅 2026-02-05"]},
    )
    assert note.path == "2-Areas/Work & Career.md"
    assert frontmatter(note.text)["tags"] == ["area"]
    assert (
        "%% vaultkit:begin projects %%\n- [[Q1 - Build|Q1: Build]]\n%% vaultkit:end projects %%"
        in note.text
    )
    assert "## Tasks\n- [ ] Review 🔁 every month 📅 2026-02-05" in note.text


def test_daily_note_is_named_by_its_title_in_the_daily_folder() -> None:
    note = render_note("daily", "2026-01-05", {"date": "2026-01-05"})
    assert note.path == "Daily/2026-01-05.md"
    assert "## Log" in note.text


def test_vault_folders_and_explicit_folder_are_honoured(tmp_path: Path) -> None:
    (tmp_path / ".vaultkit.toml").write_text('[folders]\nprojects = "Projects"\n')
    assert render_note("project", "X", vault=tmp_path).path == "Projects/X.md"
    assert render_note("project", "X", vault=tmp_path, folder="Work/").path == "Work/X.md"


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=60), st.integers(), st.booleans()))
def test_yaml_value_reads_back_as_the_same_value(value: object) -> None:
    assert (
        yaml.safe_load(f"key: {yaml_value(value)}")["key"] == value
        or isinstance(value, str)
        and _is_date(value)
    )


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
        return len(text) == 10
    except ValueError:
        return False


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_any_title_keeps_the_frontmatter_valid(title: str) -> None:
    if not title.strip():
        return
    note = render_note("project", title, now=DAY)
    props = frontmatter(note.text)
    assert props["title"] == title
    assert props["area"] == "[[Work & Career]]"


def test_missing_variable_names_the_template_and_line(tmp_path: Path) -> None:
    template = tmp_path / "broken.md.j2"
    template.write_text("line one\n{{ nope }}\n")
    with pytest.raises(VaultError) as err:
        render_note(template, "T")
    assert err.value.path and err.value.path.endswith("broken.md.j2")
    assert err.value.line == 2
    assert "nope" in err.value.message


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    template = tmp_path / "bad.md.j2"
    template.write_text("ok\n{% for x in %}\n")
    with pytest.raises(VaultError) as err:
        render_note(template, "T")
    assert err.value.line == 2 and "syntax" in err.value.message


def test_sandbox_refuses_python_internals_in_user_templates(tmp_path: Path) -> None:
    template = tmp_path / "evil.md.j2"
    template.write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    with pytest.raises(VaultError) as err:
        render_note(template, "T")
    assert "sandbox" in err.value.message
    assert err.value.path and err.value.path.endswith("evil.md.j2")


def test_new_uses_the_vaults_obsidian_templates_first(tmp_path: Path) -> None:
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "templates.json").write_text('{"folder": "Tpl"}')
    (tmp_path / "Tpl").mkdir()
    (tmp_path / "Tpl" / "Project.md").write_text(
        "# {{title}}\ncreated {{date}} in {{date:YYYY}} at {{time}}\n"
    )
    result = new_note(
        tmp_path, "project", "Speak: SREcon", folder="P", now=datetime(2026, 1, 5, 9, 30)
    )
    assert result == type(result)("P/Speak - SREcon.md", "create")
    assert (
        tmp_path / "P/Speak - SREcon.md"
    ).read_text() == "# Speak: SREcon\ncreated 2026-01-05 in 2026 at 09:30\n"


def test_new_never_overwrites_without_force(tmp_path: Path) -> None:
    first = new_note(tmp_path, "note", "Idea", now=DAY)
    (tmp_path / first.path).write_text("my words\n")
    assert new_note(tmp_path, "note", "Idea", now=DAY).status == "exists"
    assert (tmp_path / first.path).read_text() == "my words\n"
    assert new_note(tmp_path, "note", "Idea", now=DAY, force=True).status == "overwrite"
    assert new_note(tmp_path, "note", "Idea", now=DAY).status == "identical"


def test_unknown_template_lists_the_built_ins(tmp_path: Path) -> None:
    with pytest.raises(VaultError, match="built-in templates: .*project"):
        new_note(tmp_path, "nonesuch", "X")


def test_obsidian_template_syntax_and_moment_formats() -> None:
    when = datetime(2026, 1, 5, 14, 3)
    assert (
        format_moment(when, "dddd, MMMM Do YYYY [at] HH:mm") == "Monday, January 5th 2026 at 14:03"
    )
    assert format_moment(when, "YYYY-[W]WW") == "2026-W02"
    text = "{{title}} {{ date }} {{date:DD/MM}} {{time:h:mm A}} {{other}}"
    assert render_obsidian_template(text, "T", when) == "T 2026-01-05 05/01 2:03 PM {{other}}"


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 5), 3) == date(2027, 2, 5)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)


def test_new_daily_note_for_a_date_carries_that_date() -> None:
    note = render_note("daily", "2025-03-04", now=DAY)
    assert frontmatter(note.text)["date"] == date(2025, 3, 4)


def test_obsidian_templates_use_the_vaults_date_format(tmp_path: Path) -> None:
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "templates.json").write_text(
        '{"folder": "T", "dateFormat": "DD.MM.YYYY"}'
    )
    (tmp_path / "T").mkdir()
    (tmp_path / "T" / "Meeting.md").write_text("{{date}}\n")
    assert render_note("meeting", "M", vault=tmp_path, now=DAY).text == "05.01.2026\n"
    # a template path relative to the vault works too
    assert render_note("T/Meeting.md", "M", vault=tmp_path, now=DAY).text == "05.01.2026\n"


def test_text_that_looks_like_a_broken_mapping_is_quoted() -> None:
    for text in ("x: 2026-13-45", "a: b", "- item", "2026-02-30"):
        assert yaml.safe_load(f"key: {yaml_value(text)}")["key"] == text


def test_a_folder_cannot_take_a_note_out_of_the_vault(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (tmp_path / "X.md").write_text("outside\n")
    with pytest.raises(VaultError, match="leave the vault"):
        new_note(vault, "note", "X", folder="..")
    assert (tmp_path / "X.md").read_text() == "outside\n"


@pytest.mark.parametrize("folder", ["/abs/path", "\\\\server\\share", "a/../../b"])
def test_an_absolute_or_climbing_folder_is_refused_not_rewritten(
    tmp_path: Path, folder: str
) -> None:
    with pytest.raises(VaultError, match="leave the vault"):
        new_note(tmp_path, "note", "X", folder=folder)
    assert list(tmp_path.rglob("X.md")) == []
