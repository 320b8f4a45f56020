"""Any title a user types becomes a note whose links resolve and whose title is kept."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaultkit.errors import VaultError
from vaultkit.gtd import add_log_entry, create_project

titles = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=60,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=titles, area=titles)
def test_any_project_and_area_title_gives_resolving_links(title: str, area: str) -> None:
    from vaultkit.model.vault import Vault

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".obsidian").mkdir()
        try:
            out = create_project(root, title, area)
        except VaultError:
            assert not title.split() or not area.split()  # only blank titles are refused
            return
        props = yaml.safe_load((root / out.path).read_text(encoding="utf-8").split("---\n")[1])
        assert props["title"] == " ".join(title.split())
        add_log_entry(root, f"worked on it ({area})")
        vault = Vault.load(root)
        assert vault.unresolved == [], [link.raw for link in vault.unresolved]
        assert [p for p in vault.notes if p.startswith("1-Projects/")] == [out.path]
