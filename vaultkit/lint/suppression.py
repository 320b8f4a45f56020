"""Inline suppression: comments and a property that switch rules off in one note.

Forms (``%% ... %%`` or ``<!-- ... -->``; no rule named means all rules)::

    %% vaultkit-disable-next-line broken-link %%
    text [[Missing]] %% vaultkit-disable-line %%
    %% vaultkit-disable broken-link, orphan-note %%  ... %% vaultkit-enable broken-link %%

and in the frontmatter ``vaultkit-disable: [orphan-note]`` (or ``true``).

Findings about the whole note (e.g. ``orphan-note`` on line 1) are silenced
by a ``vaultkit-disable`` of that rule anywhere in the note: such a comment
can sit where it reads best, usually at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from vaultkit.lint.rules import BY_CODE, RULES

PROPERTY = "vaultkit-disable"
_DIRECTIVE = re.compile(
    r"^vaultkit-(disable-next-line|disable-line|disable|enable)(?:\s+(.*))?$", re.S
)
ALL = "*"


def _rule_names(text: str | None) -> frozenset[str]:
    """Names in ``broken-link, VK201``; empty or ``all`` means every rule."""
    items = (text or "").replace(",", " ").split()
    names = set()
    for item in items:
        if item.lower() in ("all", "*"):
            return frozenset({ALL})
        rule = RULES.get(item.lower()) or BY_CODE.get(item.upper())
        names.add(rule.NAME if rule else item.lower())  # unknown names simply match nothing
    return frozenset(names) or frozenset({ALL})


def _comment_body(text: str) -> str:
    body = text.strip()
    for start, end in (("%%", "%%"), ("<!--", "-->")):
        if body.startswith(start):
            body = body[len(start) :]
            body = body[: -len(end)] if body.endswith(end) else body
    return body.strip()


@dataclass
class Suppressions:
    """Which rules are off where in one note."""

    whole_note: frozenset[str] = frozenset()
    lines: dict[int, set[str]] = field(default_factory=dict)
    events: list[tuple[int, str, frozenset[str]]] = field(default_factory=list)
    """``(line, "disable"|"enable", rules)`` in note order."""

    @classmethod
    def of(cls, note: Any) -> Suppressions:
        found = cls(whole_note=_from_property(note.properties.get(PROPERTY, False)))
        for line, _column, text in sorted(note.comments, key=lambda c: (c[0], c[1])):
            match = _DIRECTIVE.match(_comment_body(text))
            if match is None:
                continue
            verb, rules = match.group(1), _rule_names(match.group(2))
            end_line = line + text.count("\n")
            if verb == "disable-next-line":
                found.lines.setdefault(end_line + 1, set()).update(rules)
            elif verb == "disable-line":
                found.lines.setdefault(line, set()).update(rules)
            else:
                found.events.append((line, verb, rules))
        return found

    def hides(self, rule: str, line: int, whole_note_finding: bool = False) -> bool:
        if _names(self.whole_note, rule) or _names(self.lines.get(line, ()), rule):
            return True
        if whole_note_finding:
            return any(verb == "disable" and _names(r, rule) for _, verb, r in self.events)
        return self._off_at(rule, line)

    def _off_at(self, rule: str, line: int) -> bool:
        all_off, off, back_on = False, set(), set()
        for at, verb, rules in self.events:
            if at > line:
                break
            if verb == "disable" and ALL in rules:
                all_off, back_on = True, set()
            elif verb == "disable":
                off |= rules
                back_on -= rules
            elif ALL in rules:
                all_off, off, back_on = False, set(), set()
            else:
                off -= rules
                back_on |= rules
        return rule in off or (all_off and rule not in back_on)


def _names(rules: Any, rule: str) -> bool:
    return ALL in rules or rule in rules


def _from_property(value: Any) -> frozenset[str]:
    if value is True:
        return frozenset({ALL})
    if isinstance(value, str):
        return _rule_names(value)
    if isinstance(value, list):
        return _rule_names(" ".join(str(v) for v in value)) if value else frozenset()
    return frozenset()
