"""Output formats for diagnostics: text, JSON, GitHub Actions commands, SARIF 2.1.0.

Each function takes the diagnostics and ``file_of(diagnostic)``, the path to
show for a diagnostic (relative to where the command runs, so editors and
CI can open it), and returns the whole output as one string. The JSON,
GitHub and SARIF forms are contracts documented in ``docs/lint.md``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from vaultkit import __version__
from vaultkit.lint.diagnostic import Diagnostic
from vaultkit.lint.rules import RULES, summary

FileOf = Callable[[Diagnostic], str]
Style = Callable[[str, str], str]
FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _plain(text: str, _kind: str) -> str:
    return text


def format_text(diagnostics: Sequence[Diagnostic], file_of: FileOf, style: Style = _plain) -> str:
    """``path:line:col: CODE name message``, one per line; ``style`` adds colour."""
    lines = []
    for d in diagnostics:
        where = style(f"{file_of(d)}:{d.line}:{d.column}:", "path")
        lines.append(f"{where} {style(d.code, d.severity)} {d.rule} {d.message}")
    return "\n".join(lines)


def format_json(diagnostics: Sequence[Diagnostic], file_of: FileOf) -> str:
    """A JSON array of objects (fields in docs/lint.md), plus ``file`` as shown."""
    return json.dumps(
        [{**d.to_dict(), "file": file_of(d)} for d in diagnostics], indent=2, ensure_ascii=False
    )


def escape_data(text: str) -> str:
    """Escape a GitHub workflow-command message (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a GitHub workflow-command property value (``file=``, ``title=``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic], file_of: FileOf) -> str:
    """``::error file=F,line=L,col=C,endLine=..,endColumn=..,title=T::message`` lines."""
    lines = []
    for d in diagnostics:
        props = {"file": file_of(d), "line": d.line, "col": d.column}
        if d.end_line is not None and d.end_column is not None:
            props.update(endLine=d.end_line, endColumn=d.end_column)
        props["title"] = f"{d.code} {d.rule}"
        joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {joined}::{escape_data(d.message)}")
    return "\n".join(lines)


def format_sarif(diagnostics: Sequence[Diagnostic], file_of: FileOf) -> str:
    """A SARIF 2.1.0 log GitHub code scanning accepts: one run, every rule described."""
    rules = list(RULES.values())
    position = {rule.NAME: i for i, rule in enumerate(rules)}
    run = {
        "tool": {
            "driver": {
                "name": "vaultkit",
                "version": __version__,
                "informationUri": "https://github.com/vaultkit/vaultkit/blob/main/docs/lint.md",
                "rules": [_sarif_rule(rule) for rule in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_sarif_result(d, file_of(d), position.get(d.rule)) for d in diagnostics],
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False)


def _sarif_rule(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.CODE,
        "name": rule.NAME,
        "shortDescription": {"text": summary(rule)},
        "fullDescription": {"text": summary(rule)},
        "help": {"text": (rule.__doc__ or "").strip()},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.SEVERITY]},
        "properties": {"tags": ["obsidian", "markdown"]},
    }


def _sarif_result(d: Diagnostic, uri: str, rule_index: int | None) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": d.line, "startColumn": d.column}
    if d.end_line is not None and d.end_column is not None:
        region.update(endLine=d.end_line, endColumn=d.end_column)
    result: dict[str, Any] = {
        "ruleId": d.code,
        "level": _SARIF_LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ],
    }
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    return result


def statistics(diagnostics: Sequence[Diagnostic]) -> list[tuple[str, str, str, int]]:
    """``(code, rule, severity, count)`` per rule, most frequent first."""
    counts = Counter((d.code, d.rule, d.severity) for d in diagnostics)
    return sorted(((c, r, s, n) for (c, r, s), n in counts.items()), key=lambda t: (-t[3], t[0]))
