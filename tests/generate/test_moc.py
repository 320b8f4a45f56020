"""Maps of Content: create, build by tag/folder, refresh keeping the user's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from vaultkit.errors import VaultError
from vaultkit.generate.moc import MocQuery, build_moc, create_moc, update_mocs


def note(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "templates.json").write_text('{"folder": "Templates"}')
    note(tmp_path, "A.md", "---\ntags: [career]\n---\n")
    note(tmp_path, "Notes/B.md", "---\ntitle: 'B: the title'\n---\n#career/talks\n")
    note(tmp_path, "Notes/C.md", "no tags\n")
    note(tmp_path, "Templates/T.md", "#career\n")
    return tmp_path


def generated(root: Path, rel: str) -> list[str]:
    text = (root / rel).read_text(encoding="utf-8")
    body = (
        text.split("%% vaultkit:begin moc", 1)[1]
        .split("%%\n", 1)[1]
        .split("%% vaultkit:end moc %%")[0]
    )
    return body.splitlines()


def test_build_by_tag_lists_nested_tags_but_not_templates(vault: Path) -> None:
    result = build_moc(vault, "Career", tag="#career")
    assert (result.path, result.status) == ("MOCs/Career.md", "create")
    assert generated(vault, result.path) == ["- [[A]]", "- [[B|B: the title]]"]
    assert "%% vaultkit:begin moc tag=career %%" in (vault / result.path).read_text()


def test_build_by_folder(vault: Path) -> None:
    result = build_moc(vault, "Notes Index", folder="Notes")
    assert generated(vault, result.path) == ["- [[B|B: the title]]", "- [[C]]"]


def test_rebuild_refreshes_only_the_generated_part(vault: Path) -> None:
    path = build_moc(vault, "Career", tag="career").path
    moc = vault / path
    moc.write_text("My intro.\n" + moc.read_text() + "\nMy outro.\n")
    assert build_moc(vault, "Career", tag="career").status == "identical"
    note(vault, "D.md", "#career\n")
    assert build_moc(vault, "Career", tag="career").status == "update"
    text = moc.read_text()
    assert text.startswith("My intro.\n") and text.endswith("\nMy outro.\n")
    assert generated(vault, path) == ["- [[A]]", "- [[B|B: the title]]", "- [[D]]"]


def test_build_adds_a_block_to_an_existing_hand_written_moc(vault: Path) -> None:
    note(vault, "MOCs/Career.md", "# Career\nhand written\n")
    assert build_moc(vault, "Career", tag="career").status == "update"
    text = (vault / "MOCs/Career.md").read_text()
    assert text.startswith("# Career\nhand written\n\n## Notes\n")
    assert generated(vault, "MOCs/Career.md") == ["- [[A]]", "- [[B|B: the title]]"]


def test_update_refreshes_every_generated_moc(vault: Path) -> None:
    build_moc(vault, "Career", tag="career")
    build_moc(vault, "Notes Index", folder="Notes")
    note(vault, "Notes/E.md", "#career\n")
    results = {r.path: r.status for r in update_mocs(vault)}
    assert results == {"MOCs/Career.md": "update", "MOCs/Notes Index.md": "update"}
    assert "- [[E]]" in generated(vault, "MOCs/Career.md")
    assert {r.status for r in update_mocs(vault)} == {"identical"}


def test_ambiguous_names_are_linked_by_path(vault: Path) -> None:
    note(vault, "Other/A.md", "#career\n")
    path = build_moc(vault, "Career", tag="career").path
    lines = generated(vault, path)
    assert "- [[Other/A|A]]" in lines


def test_create_moc_renders_sections_and_never_overwrites(vault: Path) -> None:
    result = create_moc(
        vault, "Technical Leadership", sections=[{"heading": "Mentoring", "notes": ["A"]}]
    )
    assert (result.path, result.status) == ("MOCs/Technical Leadership.md", "create")
    text = (vault / result.path).read_text()
    assert "type: moc" in text and "## Mentoring\n- [[A]]" in text
    (vault / result.path).write_text("mine\n")
    assert create_moc(vault, "Technical Leadership").status == "exists"
    assert (vault / result.path).read_text() == "mine\n"


def test_marker_queries_round_trip() -> None:
    query = MocQuery(tag="career", folder="1-Projects/Big Things")
    assert query.marker_args() == 'tag=career folder="1-Projects/Big Things"'
    assert MocQuery.parse(query.marker_args()) == query
    with pytest.raises(VaultError, match="unknown MOC marker argument"):
        MocQuery.parse("colour=red")
    with pytest.raises(VaultError, match="--tag"):
        MocQuery()
