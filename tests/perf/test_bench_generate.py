"""The benchmark's vault generator: same seed, same bytes; and its truth holds.

The benchmark checks vaultkit against ``expected.json``; these tests keep that
ground truth honest on a small vault (and so check the model on every syntax
the generator writes).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from vaultkit import Vault

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def generate():
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_same_seed_same_bytes_other_seed_other_bytes(generate, tmp_path: Path) -> None:
    a = generate.generate(tmp_path / "a", notes=60, seed=3)
    b = generate.generate(tmp_path / "b", notes=60, seed=3)
    generate.generate(tmp_path / "c", notes=60, seed=4)
    assert a == b
    assert digest(tmp_path / "a") == digest(tmp_path / "b") != digest(tmp_path / "c")
    assert json.loads((tmp_path / "a.expected.json").read_text()) == a


def test_vault_shape(generate, tmp_path: Path) -> None:
    root = tmp_path / "v"
    expected = generate.generate(root, notes=300, seed=1)
    notes = list(root.rglob("*.md"))
    assert len(notes) == expected["notes"] == 300
    tops = Counter(p.relative_to(root).parts[0] for p in notes)
    assert set(tops) == {"1-Projects", "2-Areas", "3-Resources", "4-Archives", "Daily", "Templates"}
    assert (root / ".obsidian" / "daily-notes.json").is_file()
    size = expected["note_bytes"] / expected["notes"]
    assert 2000 < size < 3500, size  # ~2.7 KB, as real notes
    text = "\n".join(p.read_text(encoding="utf-8") for p in notes)
    for syntax in ("```", "~~~", "%%", "> [!", "\\|", "#^", "](<", "%20", "](../", "![["):
        assert syntax in text, syntax
    assert expected["duplicate_names"] >= 2 and expected["nfd_names"] >= 1
    assert 0 < expected["unresolved_links"] < expected["links_total"] * 0.05


def test_model_agrees_with_the_generators_truth(generate, tmp_path: Path) -> None:
    root = tmp_path / "v"
    expected = generate.generate(root, notes=400, seed=11)
    vault = Vault.load(root)
    links = list(vault.links())
    linked = {link.resolved for link in links if link.resolved and link.resolved != link.source}
    assert len(vault.notes) == expected["notes"]
    assert len(vault.attachments) == expected["attachments"]
    assert dict(Counter(link.kind for link in links)) == expected["links"]
    assert len(vault.unresolved) == expected["unresolved_links"]
    assert len(vault.tags) == expected["tags"]
    assert len(set(vault.notes) - linked) == expected["notes_without_backlinks"]
    assert sum(n.yaml_error is not None for n in vault.notes.values()) == expected["yaml_problems"]
