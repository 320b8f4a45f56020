"""``vaultkit lint --format json|sarif`` output always validates, whatever the notes hold.

Each example writes a small vault of generated notes (text and raw bytes),
runs the lint command through click's CliRunner, and checks the JSON
against the contract in docs/lint.md (as a JSON Schema) and every position
against the note it points into.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz import strategies as gen

pytest.importorskip("vaultkit.cli.lint", reason="the lint command has not landed")
jsonschema = pytest.importorskip("jsonschema")

from click.testing import CliRunner  # noqa: E402

from vaultkit.cli import cli  # noqa: E402
from vaultkit.model.reader import decode  # noqa: E402

_INT_OR_NULL = {"type": ["integer", "null"], "minimum": 1}
JSON_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["path", "line", "column", "rule", "code", "severity", "message", "file"],
        "properties": {
            "path": {"type": "string", "minLength": 1},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "end_line": _INT_OR_NULL,
            "end_column": _INT_OR_NULL,
            "rule": {"type": "string", "pattern": "^[a-z][a-z-]+$"},
            "code": {"type": "string", "pattern": "^VK[0-9]+$"},
            "severity": {"enum": ["error", "warning", "info"]},
            "message": {"type": "string", "minLength": 1},
            "fix": {"type": ["string", "null"]},
            "file": {"type": "string", "minLength": 1},
        },
    },
}
SARIF_ESSENTIALS = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["ruleId", "level", "message", "locations"],
                            "properties": {"level": {"enum": ["error", "warning", "note"]}},
                        },
                    }
                },
            },
        },
    },
}

note_names = st.sampled_from(["Alpha.md", "beta.md", "Café.md", "sub/Gamma.md", "🦊 Fox.md"])
vault_notes = st.dictionaries(
    note_names, st.one_of(gen.note_text().map(str.encode), gen.note_bytes()), max_size=4
)


def _write(root: Path, notes: dict[str, bytes]) -> None:
    (root / ".obsidian").mkdir(parents=True)
    for rel, data in notes.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)


def _check_positions(root: Path, items: list[dict]) -> None:
    for item in items:
        path = root / item["path"]
        if not path.is_file() or not item["path"].endswith(".md"):
            continue
        lines = decode(path.read_bytes())[0].split("\n")
        assert item["line"] <= len(lines), item
        assert item["column"] <= len(lines[item["line"] - 1]) + 1, item


@settings(max_examples=gen.scaled(0.3))
@given(vault_notes)
def test_lint_json_and_sarif_always_validate(notes: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "vault"
        _write(root, notes)
        runner = CliRunner()
        result = runner.invoke(cli, ["lint", "--vault", str(root), "--format", "json"])
        assert result.exit_code in (0, 1), result.output
        items = json.loads(result.stdout)
        jsonschema.validate(items, JSON_SCHEMA)
        assert items == sorted(items, key=lambda d: (d["path"], d["line"], d["column"], d["code"]))
        _check_positions(root, items)
        if any(d["severity"] == "error" for d in items):
            assert result.exit_code == 1
        sarif = runner.invoke(cli, ["lint", "--vault", str(root), "--format", "sarif"])
        assert sarif.exit_code == result.exit_code
        log = json.loads(sarif.stdout)
        jsonschema.validate(log, SARIF_ESSENTIALS)
        assert len(log["runs"][0]["results"]) == len(items)
