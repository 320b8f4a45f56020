"""The shared real vaults lint without crashing, and their findings hold up."""

from __future__ import annotations

from pathlib import Path

import pytest

from vaultkit import Vault
from vaultkit.lint import lint_vault

VAULTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "vaults"

# Every broken link of kepano-obsidian, checked by hand: each target has no
# file of that name anywhere in the vault and is no alias (they are notes
# the author has not written, which Obsidian shows as unresolved).
KEPANO_BROKEN_TARGETS = {
    "2022-04", "A company is a superorganism", "Active", "All input is error", "American",
    "Apps", "Authors", "Calmness is a superpower", "Cities", "Composability",
    "Creativity is combinatory uniqueness", "Cross the chasm", "Dessert", "E. M. Forster",
    "Emergence", "Everything is a remix", "Futurism", "Harrison Ford", "Humanism", "Japan",
    "Musicians", "Nectarine", "Nintendo", "Nintendo Switch", "Nonfiction", "Open world",
    "Published", "Ridley Scott", "Shrines", "UI", "Writing is telepathy",
    "You have no obligation to your former self",
}  # fmt: skip


def load(name: str) -> Vault:
    root = VAULTS / name
    if not root.is_dir():
        pytest.skip(f"{root} is not available")
    return Vault.load(root)


@pytest.mark.parametrize("name", ["kepano-obsidian", "ttrpg-share"])
def test_real_vault_lints_with_every_rule(name):
    found = lint_vault(load(name), {})
    assert found, "a real vault has at least some findings"
    for d in found:
        assert d.rule and d.code.startswith("VK") and d.line >= 1 and d.column >= 1


def test_kepano_broken_links_are_the_hand_checked_ones():
    vault = load("kepano-obsidian")
    found = [d for d in lint_vault(vault, {}) if d.rule == "broken-link"]
    assert len(found) == 41
    targets = {d.message.split("named '", 1)[1].split("'", 1)[0] for d in found}
    assert targets == KEPANO_BROKEN_TARGETS
    names = {Path(p).stem.casefold() for p in [*vault.notes, *vault.attachments]}
    assert not {t.casefold() for t in targets} & names
    for d in found:  # each diagnostic points at the link itself
        line = (vault.root / d.path).read_text(encoding="utf-8").splitlines()[d.line - 1]
        assert line[d.column - 1 :].startswith("[[")


def test_kepano_templates_and_daily_notes_are_not_flagged():
    found = lint_vault(load("kepano-obsidian"), {})
    assert not [
        d for d in found if d.path.startswith("Templates/") and d.rule != "deprecated-property"
    ]
    assert not [d for d in found if d.path.startswith("Daily/") and d.rule == "orphan-note"]
