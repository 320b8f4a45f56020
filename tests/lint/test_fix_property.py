"""Property: after ``--fix``, nothing fixable is left, and no note means anything else."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.lint.helpers import write_vault
from vaultkit import Vault
from vaultkit.lint import lint_config_from, lint_vault
from vaultkit.lint.fix import fix_vault

RULES = ["ambiguous-link", "deprecated-property"]
OTHERS = {
    "Work/Meeting.md": "# H\n",
    "Archive/Old/Meeting.md": "# H\n",
    "Plan.md": "",
    "Sub/Plan.md": "",
    "Work Notes/My Note.md": "",
    "Old/My Note.md": "",
}
KEYS = ["tag", "tags", "Tag", "alias", "aliases", "cssclass", "cssclasses", "other"]
TEXTS = ["a", "a b", "a, b", "Kick off", "x: y", "#t", "é", "", "[[Plan]]"]
LINKS = [
    "[[Meeting]]",
    "[[meeting|m]]",
    "[[Meeting#H|h]]",
    "[[Meeting#H]]",
    "![[Meeting]]",
    "[m](Meeting.md)",
    "[m](<Meeting.md>)",
    "[n](My%20Note.md)",
    "[[Plan]]",
    "[[Sub/Plan]]",
    "[[Missing]]",
    "%% vaultkit-disable-next-line %%\n[[Plan]]",
    "\n| a | b |\n|---|---|\n| [[Meeting]] | [[Plan\\|p]] |\n",
]


@st.composite
def values(draw):
    kind = draw(st.sampled_from(["text", "flow", "block", "none", "number"]))
    if kind == "text":
        text = draw(st.sampled_from(TEXTS))
        return " " + (json.dumps(text, ensure_ascii=False) if draw(st.booleans()) else text)
    items = draw(st.lists(st.sampled_from(["a", "b c", "Plan"]), min_size=1, max_size=3))
    if kind == "flow":
        return " [" + ", ".join(items) + "]"
    if kind == "block":
        return "".join(f"\n  - {item}" for item in items)
    return "" if kind == "none" else " 2024"


@st.composite
def notes(draw):
    keys = draw(st.lists(st.sampled_from(KEYS), unique_by=str.lower, max_size=4))
    lines = [f"{key}:{draw(values())}" for key in keys]
    body = draw(st.lists(st.sampled_from(LINKS), max_size=5))
    separator = draw(st.sampled_from([" ", "\n", "\n\n"]))
    front = "---\n" + "\n".join(lines) + "\n---\n" if lines else ""
    return front + separator.join(body) + "\n"


def meaning(vault: Vault, path: str) -> tuple:
    """What a reader gets from the note: properties not deprecated, and each link's
    target file, heading, block and embedding (in order)."""
    note = vault.notes[path]
    old_keys = {p.key for p in note.deprecated}
    properties = {k: v for k, v in note.properties.items() if k not in old_keys}
    links = [(link.resolved, link.heading, link.block, link.embed) for link in note.links]
    return properties, links


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=notes())
def test_fixing_leaves_nothing_fixable_and_keeps_what_the_note_means(note):
    with tempfile.TemporaryDirectory() as folder:
        root = write_vault(Path(folder), {"Notes/A.md": note, **OTHERS})
        config = lint_config_from({"lint": {"select": RULES}})
        before = Vault.load(root)
        report = fix_vault(before, lint_vault(before, config))
        after = Vault.load(root)
        remaining = lint_vault(after, config)
        assert not [d for d in remaining if d.edits], note
        assert not report.refused, (note, report.refused)
        old_properties, old_links = meaning(before, "Notes/A.md")
        new_properties, new_links = meaning(after, "Notes/A.md")
        assert new_links == old_links
        # a moved key shows up under its list key; every other property is the same
        assert {k: v for k, v in new_properties.items() if k in old_properties} == old_properties
        assert fix_vault(after, remaining).fixed_count == 0
