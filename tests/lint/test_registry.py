"""Every rule carries its identity and documentation, and the docs agree with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vaultkit.lint import RULES, get_rule
from vaultkit.lint.diagnostic import SEVERITIES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "lint.md"


@pytest.mark.parametrize("name", list(RULES))
def test_rule_module_is_complete_and_documented(name):
    rule = RULES[name]
    assert rule.NAME == name and re.fullmatch(r"VK\d{3}", rule.CODE)
    assert rule.SEVERITY in SEVERITIES
    doc = rule.__doc__ or ""
    assert doc.startswith(f"{name}: ")
    assert "Failing" in doc and "Passing" in doc
    assert f"Default severity: {rule.SEVERITY}." in doc
    for option in rule.OPTIONS:
        assert f"``{option}``" in doc, f"option {option} of {name} is not documented"
    assert callable(rule.check)


def test_codes_are_unique_and_lookup_works_both_ways():
    codes = [rule.CODE for rule in RULES.values()]
    assert len(set(codes)) == len(codes)
    for rule in RULES.values():
        assert get_rule(rule.CODE) is rule and get_rule(rule.NAME.upper()) is rule


def test_docs_table_lists_every_rule_with_its_code_and_severity():
    text = DOCS.read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"| {rule.CODE} | `{rule.NAME}` | {rule.SEVERITY} |" in text
