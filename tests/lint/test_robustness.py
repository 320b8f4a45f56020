"""Whatever a note contains, linting it yields diagnostics, never an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.lint.helpers import write_vault
from vaultkit import Vault
from vaultkit.lint import lint_config_from, lint_vault
from vaultkit.lint.formats import format_github

# Fragments of every syntax the rules look at, mixed with arbitrary text.
PIECES = st.sampled_from(
    [
        "[[", "]]", "![[", "#", "^", "|", "%%", "<!--", "-->", "---\n", "\n", "```\n", "[t](", ")",
        "[[B#H]]", "[[#^id]]", " ^id", "# H\n", "tags: [", "aliases: x\n", "tag: y\n", ": ", "\"",
        "vaultkit-disable", "vaultkit-disable-next-line broken-link", "vaultkit-enable", "\r\n", "\x00", "é",
    ]
)  # fmt: skip
NOTE = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=NOTE, b=NOTE)
def test_any_note_text_lints_without_crashing(a, b):
    with tempfile.TemporaryDirectory() as tmp:
        root = write_vault(Path(tmp), {"A.md": a, "B.md": b, "Templates/T.md": a})
        found = lint_vault(Vault.load(root), lint_config_from({}))
    for d in found:
        assert d.line >= 1 and d.column >= 1 and d.rule and d.message
    for line in format_github(found, lambda d: d.path).splitlines():
        assert line.startswith("::")  # escaping keeps one command per line
