"""The ``[lint]`` section of ``.vaultkit.toml``: selection, severities, options, ignores.

Every key is checked: an unknown rule, option or key is a VaultError (the
CLI exits 2), because a typo that silently does nothing is worse than none.

Example::

    [lint]
    select = ["all"]                 # names, codes (VK101) or code prefixes (VK1)
    ignore = ["orphan-note"]
    exclude = ["Archive/**"]         # notes not linted at all (still linkable)

    [lint.per-path-ignores]
    "Inbox/**" = ["missing-tags", "orphan-note"]
    "Clippings/**" = ["all"]

    [lint.rules.missing-tags]
    severity = "info"
    required = { "1-Projects/**" = ["project"] }
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from vaultkit.errors import VaultError
from vaultkit.lint.diagnostic import SEVERITIES
from vaultkit.lint.rules import BY_CODE, RULES, get_rule

KEYS = {"select", "ignore", "exclude", "per-path-ignores", "rules"}
ALL = {"all", "*"}


@dataclass(frozen=True)
class LintConfig:
    """What to check and how loudly; ``LintConfig()`` is the default (all rules on)."""

    select: frozenset[str] = frozenset(RULES)
    """Names of the rules that run."""
    severity: Mapping[str, str] = field(default_factory=dict)
    """Rule name -> severity, for rules whose default is overridden."""
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Rule name -> every option of the rule (defaults filled in)."""
    per_path_ignores: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Glob -> names of rules not reported for notes matching it."""
    exclude: tuple[str, ...] = ()
    """Globs of notes that are not linted."""
    template_folders: tuple[str, ...] = ()
    """Extra templates folders (``[folders] templates``) besides Obsidian's settings."""
    source: str | None = None
    """The file the config came from (for error messages)."""

    def severity_of(self, rule: str) -> str:
        return self.severity.get(rule) or RULES[rule].SEVERITY

    def options_of(self, rule: str) -> Mapping[str, Any]:
        if rule in self.options:
            return self.options[rule]
        return {name: copy.deepcopy(default) for name, (_, default) in RULES[rule].OPTIONS.items()}

    def with_selection(
        self, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
    ) -> LintConfig:
        """A copy with ``--select`` replacing and ``--ignore`` removing rules."""
        chosen = resolve_selectors(select, self.source) if select else set(self.select)
        chosen -= resolve_selectors(ignore or (), self.source)
        return replace(self, select=frozenset(chosen))


def resolve_selectors(selectors: Iterable[str], source: str | None = None) -> set[str]:
    """Rule names for ``all``, names, codes (``VK101``) and code prefixes (``VK1``)."""
    names: set[str] = set()
    for raw in selectors:
        for item in str(raw).replace(",", " ").split():
            if item.lower() in ALL:
                names |= set(RULES)
            elif item.lower() in RULES or item.upper() in BY_CODE:
                names.add(get_rule(item).NAME)
            elif item.upper().startswith("VK") and any(c.startswith(item.upper()) for c in BY_CODE):
                names |= {m.NAME for c, m in BY_CODE.items() if c.startswith(item.upper())}
            else:
                raise VaultError(
                    f"unknown rule {item!r}; `vaultkit rules` lists them", path=source
                ) from None
    return names


def lint_config_from(config: Mapping[str, Any]) -> LintConfig:
    """Build a LintConfig from the whole vaultkit config (as ``load_config`` returns)."""
    source = config.get("_path")
    section = config.get("lint", {}) or {}
    _expect(isinstance(section, Mapping), "[lint] must be a table", source)
    unknown = set(section) - KEYS
    _expect(not unknown, f"unknown [lint] key(s) {_names(unknown)}; known: {_names(KEYS)}", source)
    select = (
        resolve_selectors(_strings(section, "select", source), source)
        if "select" in section
        else set(RULES)
    )
    select -= resolve_selectors(_strings(section, "ignore", source), source)
    severity, options = _rule_tables(section.get("rules", {}), source)
    folders = config.get("folders", {}) or {}
    templates = (
        folders.get("templates", "Templates") if isinstance(folders, Mapping) else "Templates"
    )
    return LintConfig(
        select=frozenset(select),
        severity=severity,
        options=options,
        per_path_ignores=_per_path(section.get("per-path-ignores", {}), source),
        exclude=tuple(_strings(section, "exclude", source)),
        template_folders=(str(templates).strip("/"),),
        source=source,
    )


def _rule_tables(
    tables: Any, source: str | None
) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    _expect(isinstance(tables, Mapping), "[lint.rules] must be a table of rule tables", source)
    severity: dict[str, str] = {}
    options: dict[str, dict[str, Any]] = {}
    for key, table in tables.items():
        rule = _rule_or_error(key, source)
        _expect(isinstance(table, Mapping), f"[lint.rules.{key}] must be a table", source)
        values = {name: copy.deepcopy(default) for name, (_, default) in rule.OPTIONS.items()}
        for option, value in table.items():
            if option == "severity":
                _expect(
                    value in SEVERITIES,
                    f"[lint.rules.{key}] severity must be one of {_names(SEVERITIES)}",
                    source,
                )
                severity[rule.NAME] = value
                continue
            _expect(
                option in rule.OPTIONS,
                f"unknown option {option!r} for rule {rule.NAME}; known: {_names(['severity', *rule.OPTIONS])}",
                source,
            )
            values[option] = _checked(rule.NAME, option, rule.OPTIONS[option][0], value, source)
        options[rule.NAME] = values
    return severity, options


def _checked(rule: str, option: str, kind: type, value: Any, source: str | None) -> Any:
    """The option's value, or a VaultError naming the type it should have."""
    ok = {
        bool: lambda v: isinstance(v, bool),
        int: lambda v: isinstance(v, int) and not isinstance(v, bool),
        str: lambda v: isinstance(v, str),
        list: lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
        dict: lambda v: (
            isinstance(v, Mapping)
            and all(isinstance(i, list) and all(isinstance(t, str) for t in i) for i in v.values())
        ),
    }[kind](value)
    wanted = {list: "a list of strings", dict: "a table of lists of strings"}.get(
        kind, kind.__name__
    )
    _expect(ok, f"option {option!r} of rule {rule} must be {wanted}, not {value!r}", source)
    return dict(value) if kind is dict else value


def _per_path(table: Any, source: str | None) -> dict[str, frozenset[str]]:
    _expect(
        isinstance(table, Mapping),
        "[lint.per-path-ignores] must be a table of glob = [rules]",
        source,
    )
    out = {}
    for glob, rules in table.items():
        rules = [rules] if isinstance(rules, str) else rules
        _expect(
            isinstance(rules, list), f"per-path-ignores {glob!r} must be a list of rules", source
        )
        out[str(glob)] = frozenset(resolve_selectors(rules, source))
    return out


def _strings(section: Mapping[str, Any], key: str, source: str | None) -> list[str]:
    value = section.get(key, [])
    value = [value] if isinstance(value, str) else value
    _expect(
        isinstance(value, list) and all(isinstance(v, str) for v in value),
        f"[lint] {key} must be a list of strings",
        source,
    )
    return value


def _rule_or_error(key: str, source: str | None) -> Any:
    try:
        return get_rule(key)
    except VaultError as exc:
        raise VaultError(exc.message, path=source) from None


def _expect(condition: bool, message: str, source: str | None) -> None:
    if not condition:
        raise VaultError(message, path=source)


def _names(items: Iterable[str]) -> str:
    return ", ".join(sorted(items))
