"""``fix_vault``: each fix's exact rewrite, the cases it refuses, and how it writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lint.helpers import write_vault
from vaultkit import Vault
from vaultkit.lint import lint_config_from, lint_vault
from vaultkit.lint.fix import fix_vault

RULES = ["ambiguous-link", "deprecated-property"]
# Two notes named Meeting: Obsidian opens the shorter path, Work/Meeting.md.
MEETINGS = {"Work/Meeting.md": "w\n", "Archive/Old/Meeting.md": "a\n"}


def run_fix(root: Path, files: dict[str, str | bytes], lint_section: dict | None = None):
    """Write the vault, lint it with the fixable rules, fix it; ``(report, remaining)``."""
    write_vault(root, files)
    config = lint_config_from({"lint": {"select": RULES, **(lint_section or {})}})
    vault = Vault.load(root)
    report = fix_vault(vault, lint_vault(vault, config))
    remaining = lint_vault(Vault.load(root), config)
    return report, remaining


def fixed_text(root: Path, note: str, lint_section: dict | None = None, **files: str) -> str:
    run_fix(root, {"A.md": note, **MEETINGS, **files}, lint_section)
    return (root / "A.md").read_text(encoding="utf-8")


# -- deprecated-property -------------------------------------------------------

DEPRECATED = [
    ("---\ntag: meeting\nother: 1\n---\nbody\n", "---\ntags: [meeting]\nother: 1\n---\nbody\n"),
    ("---\naliases: Kickoff\n---\n", "---\naliases: [Kickoff]\n---\n"),
    ("---\naliases: Kick off  # old\n---\n", "---\naliases: [Kick off]  # old\n---\n"),
    ('---\naliases: "Kick: off"\n---\n', '---\naliases: ["Kick: off"]\n---\n'),
    ("---\nalias: [A, B]\n---\n", "---\naliases: [A, B]\n---\n"),
    ("---\ntag:\n  - a\n  - b\nx: 1\n---\n", "---\ntags:\n  - a\n  - b\nx: 1\n---\n"),
    ("---\ncssclass:\n---\n", "---\ncssclasses:\n---\n"),
    ("---\nTag: x\n---\n", "---\nTags: [x]\n---\n"),
    ("---\n'tag': x\n---\n", "---\n'tags': [x]\n---\n"),
    # the note writes its lists as block lists: so does the fix, with the same indent
    (
        "---\nrelated:\n    - a\ntag: meeting\n# end\n---\n",
        "---\nrelated:\n    - a\ntags:\n    - meeting\n# end\n---\n",
    ),
    # several in one note, each on its own lines
    (
        "---\ntag: a\nalias: B\ncssclass: wide\n---\n",
        "---\ntags: [a]\naliases: [B]\ncssclasses: [wide]\n---\n",
    ),
]


@pytest.mark.parametrize(("before", "after"), DEPRECATED)
def test_deprecated_property_moves_to_the_list_key(tmp_path, before, after):
    assert fixed_text(tmp_path, before) == after


@pytest.mark.parametrize(
    "note",
    [
        "---\ntag: a\ntags: [b]\n---\n",  # both keys: which to keep is the user's choice
        "---\ntags: a, b\n---\n",  # older Obsidian split this into two tags
        "---\ntag: to do\n---\n",  # ... and this one at the space
        "---\naliases: A, B\n---\n",
        "---\ntags: 2024\n---\n",  # a number: what it meant as a tag is not certain
        "---\naliases: >\n  Kick\n  off\n---\n",  # folded over lines: ends with a newline
        '---\ntag: ""\n---\n',
    ],
)
def test_deprecated_property_left_when_not_certain(tmp_path, note):
    report, remaining = run_fix(tmp_path, {"A.md": note})
    assert (tmp_path / "A.md").read_text(encoding="utf-8") == note
    assert report.fixed_count == 0
    assert [(d.rule, d.edits) for d in remaining] == [("deprecated-property", None)] * len(
        remaining
    ) and remaining


# -- ambiguous-link ------------------------------------------------------------

LINKS = [
    ("See [[Meeting]].\n", "See [[Work/Meeting|Meeting]].\n"),
    ("[[Meeting#Plan|the plan]]\n", "[[Work/Meeting#Plan|the plan]]\n"),
    ("[[meeting|m]]\n", "[[Work/meeting|m]]\n"),  # the name as written is kept
    ("![[Meeting]]\n", "![[Work/Meeting]]\n"),
    ("![[Meeting#Plan]]\n", "![[Work/Meeting#Plan]]\n"),
    ("[m](Meeting.md)\n", "[m](Work/Meeting.md)\n"),
    ('[m](Meeting.md#Plan "title")\n', '[m](Work/Meeting.md#Plan "title")\n'),
    ("[m](<Meeting.md>)\n", "[m](<Work/Meeting.md>)\n"),
    (
        "| a | b |\n|---|---|\n| [[Meeting]] | x |\n",
        "| a | b |\n|---|---|\n| [[Work/Meeting\\|Meeting]] | x |\n",
    ),
    ("| [[Meeting\\|m]] | x |\n|---|---|\n", "| [[Work/Meeting\\|m]] | x |\n|---|---|\n"),
    ("- [[Meeting]] | not a table\n", "- [[Work/Meeting|Meeting]] | not a table\n"),
]


@pytest.mark.parametrize(("before", "after"), LINKS)
def test_ambiguous_link_names_the_file_it_opens(tmp_path, before, after):
    assert fixed_text(tmp_path, before) == after


def test_markdown_link_keeps_the_notes_encoding(tmp_path):
    files = {"Work Notes/My Note.md": "", "Archive/Old/My Note.md": ""}
    note = "[a](My%20Note.md) [b](<My Note.md>)\n"
    run_fix(tmp_path, {"A.md": note, **files})
    assert (tmp_path / "A.md").read_text(encoding="utf-8") == (
        "[a](Work%20Notes/My%20Note.md) [b](<Work Notes/My Note.md>)\n"
    )


def test_attachment_embed_keeps_its_size(tmp_path):
    files = {"assets/img.png": b"\x89PNG\r\n\x1a\n", "old/stuff/img.png": b"\x89PNG\r\n\x1a\n"}
    run_fix(tmp_path, {"A.md": "![[img.png|100]]\n", **files})
    assert (tmp_path / "A.md").read_text(encoding="utf-8") == "![[assets/img.png|100]]\n"


@pytest.mark.parametrize(
    "note",
    [
        "[[Meeting#Plan]]\n",  # Obsidian shows "Meeting > Plan": no text to keep that by
        "[[Meeting.md]]\n",
        '---\nrelated: "[[Meeting]]"\n---\n',  # a link in a property
        "## Notes on [[Meeting]]\n",  # [[A#Notes on Meeting]] elsewhere matches this text
    ],
)
def test_ambiguous_link_left_when_the_shown_text_could_change(tmp_path, note):
    report, remaining = run_fix(tmp_path, {"A.md": note, **MEETINGS})
    assert (tmp_path / "A.md").read_text(encoding="utf-8") == note
    assert [d.edits for d in remaining if d.rule == "ambiguous-link"] == [None]


def test_ambiguous_link_left_when_its_path_would_open_another_file(tmp_path):
    # In work/A.md, [[Meeting]] opens work/Meeting.md (same folder), but the path
    # work/Meeting names Work/Meeting.md first (names compare case-insensitively).
    files = {"work/A.md": "[[Meeting]]\n", "work/Meeting.md": "", "Work/Meeting.md": ""}
    report, remaining = run_fix(tmp_path, files)
    assert (tmp_path / "work/A.md").read_text(encoding="utf-8") == "[[Meeting]]\n"
    assert [(d.rule, d.edits) for d in remaining] == [("ambiguous-link", None)]


# -- what is fixed, and how it is written ------------------------------------


def test_suppressed_and_unselected_findings_are_not_fixed(tmp_path):
    note = (
        "---\ntag: a\n---\n%% vaultkit-disable-next-line ambiguous-link %%\n[[Meeting]]\n"
        "[[Meeting]]\n"
    )
    run_fix(tmp_path, {"A.md": note, **MEETINGS}, {"ignore": ["deprecated-property"]})
    assert (tmp_path / "A.md").read_text(encoding="utf-8") == (
        "---\ntag: a\n---\n%% vaultkit-disable-next-line ambiguous-link %%\n[[Meeting]]\n"
        "[[Work/Meeting|Meeting]]\n"
    )


def test_crlf_and_bom_are_kept(tmp_path):
    note = "\ufeff---\r\ntag: a\r\n---\r\n[[Meeting]]\r\n".encode()
    report, remaining = run_fix(tmp_path, {"A.md": note, **MEETINGS})
    assert (tmp_path / "A.md").read_bytes() == (
        "\ufeff---\r\ntags: [a]\r\n---\r\n[[Work/Meeting|Meeting]]\r\n".encode()
    )
    assert report.fixed_count == 2 and remaining == []


def test_mixed_line_endings_are_not_rewritten(tmp_path):
    note = b"---\r\ntag: a\n---\r\n[[Meeting]]\n"
    report, _ = run_fix(tmp_path, {"A.md": note, **MEETINGS})
    assert (tmp_path / "A.md").read_bytes() == note
    assert [n.path for n in report.refused] == ["A.md"]


def test_a_save_between_read_and_write_is_kept(tmp_path, monkeypatch):
    import vaultkit.safe_write as safe_write

    write_vault(tmp_path, {"A.md": "[[Meeting]]\n", **MEETINGS})
    vault = Vault.load(tmp_path)
    diagnostics = lint_vault(vault, lint_config_from({"lint": {"select": RULES}}))
    real_read = safe_write._read

    def read_then_obsidian_saves(path, rel_path):
        data = real_read(path, rel_path)
        path.write_text("[[Meeting]] typed meanwhile\n", encoding="utf-8")
        return data

    monkeypatch.setattr(safe_write, "_read", read_then_obsidian_saves)
    report = fix_vault(vault, diagnostics)
    assert (tmp_path / "A.md").read_text(encoding="utf-8") == "[[Meeting]] typed meanwhile\n"
    assert [n.path for n in report.refused] == ["A.md"] and report.fixed_count == 0
    assert "changed on disk" in report.refused[0].refused


def test_a_note_edited_after_linting_is_not_fixed_from_stale_positions(tmp_path):
    write_vault(tmp_path, {"A.md": "[[Meeting]]\n", **MEETINGS})
    vault = Vault.load(tmp_path)
    diagnostics = lint_vault(vault, lint_config_from({"lint": {"select": RULES}}))
    (tmp_path / "A.md").write_text("x[[Meeting]]\n", encoding="utf-8")  # one more character
    report = fix_vault(vault, diagnostics)
    assert (tmp_path / "A.md").read_text(encoding="utf-8") == "x[[Meeting]]\n"
    assert report.fixed_count == 0 and len(report.refused) == 1


def test_diff_mode_writes_nothing_and_shows_the_change(tmp_path):
    write_vault(tmp_path, {"A.md": "---\ntag: a\n---\n", **MEETINGS})
    vault = Vault.load(tmp_path)
    diagnostics = lint_vault(vault, lint_config_from({"lint": {"select": RULES}}))
    report = fix_vault(vault, diagnostics, write=False)
    assert (tmp_path / "A.md").read_text(encoding="utf-8") == "---\ntag: a\n---\n"
    assert report.changed[0].diff() == (
        "--- a/A.md\n+++ b/A.md\n@@ -1,3 +1,3 @@\n ---\n-tag: a\n+tags: [a]\n ---\n"
    )


def test_a_fix_that_would_change_a_heading_is_not_written(tmp_path, monkeypatch):
    # a rule fix that (wrongly) rewrote a heading: the whole-note check refuses it
    import vaultkit.lint.rules.ambiguous_link as rule

    monkeypatch.setattr(rule, "_edit", _edit_ignoring_headings(rule))
    note = "## Notes on [[Meeting]]\n"
    report, _ = run_fix(tmp_path, {"A.md": note, **MEETINGS})
    assert (tmp_path / "A.md").read_text(encoding="utf-8") == note
    assert [n.refused for n in report.refused] == [
        "the fixed note would not read back the same; left unchanged"
    ]


def _edit_ignoring_headings(rule):
    real = rule._edit

    def edit(vault, note, link, lines):
        from dataclasses import replace

        return real(vault, replace(note, headings=[]), link, lines)

    return edit


def test_edits_in_diagnostics_are_what_fix_applies(tmp_path):
    from vaultkit.lint.fix import apply_edits

    note = "---\ntag: a\n---\nx [[Meeting]] y\n"
    write_vault(tmp_path, {"A.md": note, **MEETINGS})
    vault = Vault.load(tmp_path)
    found = lint_vault(vault, lint_config_from({"lint": {"select": RULES}}))
    edits = [e for d in found for e in d.edits or ()]
    assert apply_edits(note, edits) == "---\ntags: [a]\n---\nx [[Work/Meeting|Meeting]] y\n"


def test_the_incremental_state_format_follows_the_diagnostic_fields():
    # The state stores findings as tuples of Diagnostic fields: a state written
    # before a field was added must not be read (FORMAT changes with the fields).
    from dataclasses import fields

    from vaultkit.lint.diagnostic import Diagnostic
    from vaultkit.lint.incremental import FORMAT

    names = [f.name for f in fields(Diagnostic)]
    assert (FORMAT, names[-1], len(names)) == (3, "edits", 11), "change FORMAT with the fields"


def test_the_hint_keeps_the_heading(tmp_path):
    _, remaining = run_fix(tmp_path, {"A.md": "[[Meeting#Plan]]\n", **MEETINGS})
    assert [d.fix for d in remaining] == ["[[Work/Meeting#Plan]]"]
