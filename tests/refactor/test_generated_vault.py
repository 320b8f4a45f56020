"""A move in a vault made by a kit leaves lint with no new broken or ambiguous link."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.refactor.helpers import load
from vaultkit.generate.scaffold import scaffold
from vaultkit.lint import lint_vault
from vaultkit.refactor import apply_move, plan_move

LINK_RULES = ("broken-link", "broken-embed", "broken-heading", "broken-block-ref", "ambiguous-link")


def link_findings(root) -> Counter:
    return Counter(d.rule for d in lint_vault(load(root), {}) if d.rule in LINK_RULES)


@pytest.fixture
def vault_root(tmp_path):
    root = tmp_path / "vault"
    scaffold("senior-sre", root, {"name": "A", "date": "2026-01-05"})
    return root


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("1-Projects/Build Internal SRE Platform.md", "4-Archives/"),
        ("1-Projects/Build Internal SRE Platform.md", "4-Archives/2026/SRE Platform (done)"),
        ("MOCs/Senior SRE Career Growth.md", "2-Areas/Growth"),
        ("Home.md", "MOCs/Start here"),
    ],
)
def test_lint_finds_no_new_broken_link(vault_root, old, new):
    before = link_findings(vault_root)
    vault = load(vault_root)
    linked = len(vault.backlinks(old))
    plan = plan_move(vault, old, new)
    # a unique name moved to another folder needs no edit ([[Name]] still opens it)
    assert bool(plan.edits) == new.endswith(("(done)", "Growth", "Start here"))
    result = apply_move(plan)
    assert result.ok and result.moved
    assert link_findings(vault_root) == before
    assert len(load(vault_root).backlinks(plan.new)) == linked
