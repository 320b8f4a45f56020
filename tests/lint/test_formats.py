"""The machine formats are contracts: JSON fields, GitHub escaping, SARIF 2.1.0."""

from __future__ import annotations

import json

from vaultkit.lint import RULES
from vaultkit.lint.diagnostic import Diagnostic
from vaultkit.lint.formats import (
    escape_data,
    escape_property,
    format_github,
    format_json,
    format_sarif,
    format_text,
    statistics,
)

D1 = Diagnostic(
    "Projects/Gamma.md",
    12,
    5,
    "[[Missing]]: no note",
    "broken-link",
    "VK101",
    "error",
    12,
    16,
    "[[Miss]]",
)
D2 = Diagnostic("a,b:c.md", 1, 1, "50% done\nnext\r", "orphan-note", "VK201", "warning")
D3 = Diagnostic("x.md", 2, 3, "fyi", "missing-tags", "VK202", "info")


def same(d):
    return d.path


def test_text_lines():
    assert (
        format_text([D1], same) == "Projects/Gamma.md:12:5: VK101 broken-link [[Missing]]: no note"
    )


def test_text_style_hook_marks_severity():
    styled = format_text([D1], same, lambda text, kind: f"<{kind}>{text}")
    assert styled == "<path>Projects/Gamma.md:12:5: <error>VK101 broken-link [[Missing]]: no note"


def test_json_fields_and_types():
    items = json.loads(format_json([D1, D3], lambda d: "vault/" + d.path))
    first = items[0]
    for key, kind in {
        "path": str,
        "line": int,
        "column": int,
        "rule": str,
        "code": str,
        "severity": str,
        "message": str,
    }.items():
        assert isinstance(first[key], kind)
    assert first["path"] == "Projects/Gamma.md" and first["file"] == "vault/Projects/Gamma.md"
    assert (first["end_line"], first["end_column"], first["fix"]) == (12, 16, "[[Miss]]")
    assert items[1]["severity"] == "info" and items[1]["end_line"] is None


def test_github_escaping_rules():
    assert escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"


def test_github_lines():
    out = format_github([D1, D2, D3], same).splitlines()
    assert (
        out[0]
        == "::error file=Projects/Gamma.md,line=12,col=5,endLine=12,endColumn=16,title=VK101 broken-link::[[Missing]]: no note"
    )
    assert (
        out[1]
        == "::warning file=a%2Cb%3Ac.md,line=1,col=1,title=VK201 orphan-note::50%25 done%0Anext%0D"
    )
    assert out[2].startswith("::notice file=x.md,line=2,col=3,")
    assert len(out) == 3  # escaped newlines never split a command


def test_sarif_required_fields_rules_and_regions():
    log = json.loads(format_sarif([D1, D2, D3], same))
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "vaultkit" and driver["version"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == [m.CODE for m in RULES.values()]  # every rule, in a stable order
    assert all(r["shortDescription"]["text"] and r["name"] for r in driver["rules"])
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["VK101", "VK201", "VK202"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"]
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 12,
        "startColumn": 5,
        "endLine": 12,
        "endColumn": 16,
    }


def test_sarif_with_no_results_is_still_valid():
    log = json.loads(format_sarif([], same))
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"]


def test_statistics_counts_per_rule():
    assert statistics([D1, D1, D2]) == [
        ("VK101", "broken-link", "error", 2),
        ("VK201", "orphan-note", "warning", 1),
    ]
