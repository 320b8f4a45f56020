"""The [lint] section: selection, severities, options and the errors for typos."""

from __future__ import annotations

import pytest

from tests.lint.helpers import lint
from vaultkit.errors import VaultError
from vaultkit.lint import LintConfig, lint_config_from
from vaultkit.lint.config import resolve_selectors

FILES = {"A.md": "[[Missing]]", "B.md": "---\ntag: x\n---\n[[A]]"}


def rules_of(found):
    return sorted({d.rule for d in found})


def test_default_config_runs_every_rule():
    assert LintConfig().select == lint_config_from({}).select
    assert len(LintConfig().select) == 12


@pytest.mark.parametrize(
    ("selectors", "expected"),
    [
        (["broken-link"], {"broken-link"}),
        (["VK101", "vk201"], {"broken-link", "orphan-note"}),
        (
            ["VK1"],
            {"broken-link", "broken-heading", "broken-block-ref", "broken-embed", "ambiguous-link"},
        ),
        (["broken-link,orphan-note"], {"broken-link", "orphan-note"}),
    ],
)
def test_selectors_accept_names_codes_prefixes_and_commas(selectors, expected):
    assert resolve_selectors(selectors) == expected


def test_select_and_ignore(tmp_path):
    found = lint(
        tmp_path,
        FILES,
        lint_section={"select": ["VK1", "deprecated-property"], "ignore": ["broken-link"]},
    )
    assert rules_of(found) == ["deprecated-property"]


def test_cli_style_selection_replaces_select_and_removes_ignored():
    config = lint_config_from({"lint": {"ignore": ["orphan-note"]}})
    assert config.with_selection(["all"], ["missing-tags"]).select == frozenset(
        config.select | {"orphan-note"}
    ) - {"missing-tags"}


def test_severity_override(tmp_path):
    found = lint(
        tmp_path, FILES, "broken-link", {"rules": {"broken-link": {"severity": "warning"}}}
    )
    assert [d.severity for d in found] == ["warning"]


def test_per_path_ignores_and_exclude(tmp_path):
    files = {
        "Inbox/a.md": "[[Missing]]",
        "Archive/b.md": "[[Gone]]",
        "c.md": "[[Nope]] [[a]] [[b]]",
    }
    section = {"per-path-ignores": {"Inbox/**": ["broken-link"]}, "exclude": ["Archive"]}
    found = lint(tmp_path, files, "broken-link", section)
    assert [d.path for d in found] == ["c.md"]


def test_per_path_ignores_all(tmp_path):
    files = {"Clippings/a.md": "---\ntag: x\n---\n[[Missing]]"}
    assert lint(tmp_path, files, lint_section={"per-path-ignores": {"Clippings/**": ["all"]}}) == []


@pytest.mark.parametrize(
    ("section", "words"),
    [
        ({"select": ["broken-lnk"]}, "unknown rule 'broken-lnk'"),
        ({"ignore": ["VK999"]}, "unknown rule 'VK999'"),
        ({"rules": {"nope": {}}}, "unknown rule 'nope'"),
        (
            {"rules": {"orphan-note": {"exempts": []}}},
            "unknown option 'exempts' for rule orphan-note",
        ),
        ({"rules": {"orphan-note": {"exempt": "Home.md"}}}, "must be a list of strings"),
        ({"rules": {"broken-link": {"include-templates": "yes"}}}, "must be bool"),
        ({"rules": {"broken-link": {"severity": "fatal"}}}, "severity must be one of"),
        (
            {"rules": {"missing-tags": {"required": {"x/**": "project"}}}},
            "table of lists of strings",
        ),
        ({"per-path-ignores": {"x/**": ["nope"]}}, "unknown rule 'nope'"),
        ({"selct": ["all"]}, "unknown [lint] key(s) selct"),
    ],
)
def test_config_mistakes_are_errors_naming_the_problem_and_file(section, words):
    with pytest.raises(VaultError) as caught:
        lint_config_from({"lint": section, "_path": "/v/.vaultkit.toml"})
    assert words in str(caught.value)
    assert str(caught.value).startswith("/v/.vaultkit.toml: ")


def test_vault_config_file_is_read_when_none_is_given(tmp_path):
    from tests.lint.helpers import write_vault
    from vaultkit import Vault
    from vaultkit.lint import lint_vault

    write_vault(
        tmp_path, {"A.md": "[[Missing]]", ".vaultkit.toml": '[lint]\nselect = ["orphan-note"]\n'}
    )
    assert rules_of(lint_vault(Vault.load(tmp_path))) == ["orphan-note"]


def test_config_mapping_from_load_config_is_accepted(tmp_path):
    from tests.lint.helpers import write_vault
    from vaultkit import Vault
    from vaultkit.lint import lint_vault

    write_vault(tmp_path, {"A.md": "[[Missing]]"})
    found = lint_vault(Vault.load(tmp_path), {"lint": {"select": ["broken-link"]}})
    assert rules_of(found) == ["broken-link"]
