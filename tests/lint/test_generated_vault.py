"""Against the benchmark generator's ground truth: every link it breaks is found, no more."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from vaultkit import Vault
from vaultkit.lint import lint_vault

GENERATOR = Path(__file__).resolve().parents[2] / "bench" / "generate.py"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    if not GENERATOR.is_file():
        pytest.skip("bench/generate.py is not available")
    out = tmp_path_factory.mktemp("gen") / "vault"
    subprocess.run(
        [sys.executable, str(GENERATOR), "--notes", "400", "--seed", "3", str(out)],
        check=True,
        capture_output=True,
    )
    truth = json.loads((out.parent / f"{out.name}.expected.json").read_text())
    return Vault.load(out), truth


def test_counts_match_the_generator_truth(generated):
    vault, truth = generated
    found = lint_vault(vault, {})
    counts = Counter(d.rule for d in found)
    # templates are exempt: their placeholder links are not findings
    templates = vault.settings.templates_folder + "/"
    in_templates = sum(1 for link in vault.unresolved if link.source.startswith(templates))
    assert (
        counts["broken-link"] + counts["broken-embed"] + in_templates == truth["unresolved_links"]
    )
    missing_in_templates = sum(
        1
        for link in vault.links()
        if link.source.startswith(templates) and link.heading and link.resolved
        and not vault.find_heading(link.resolved, link.heading)
    )  # fmt: skip
    assert counts["broken-heading"] + missing_in_templates == truth["links_missing_heading"]
    assert counts["invalid-frontmatter"] == truth["yaml_problems"]
    daily = vault.settings.daily_folder + "/"
    unlinked_daily = sum(1 for p in vault.notes if p.startswith(daily) and not vault.backlinks(p))
    assert counts["orphan-note"] + unlinked_daily == truth["notes_without_backlinks"]
    assert counts["unreadable-note"] == 0
