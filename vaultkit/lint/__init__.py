"""The vault linter: rules, config, inline suppression and output formats.

``lint_vault(vault)`` is the whole API most callers need::

    from vaultkit import Vault
    from vaultkit.lint import lint_vault

    for d in lint_vault(Vault.load("~/Vault")):
        print(d.path, d.line, d.rule, d.message)
"""

from __future__ import annotations

from vaultkit.lint.config import LintConfig, lint_config_from
from vaultkit.lint.diagnostic import Diagnostic
from vaultkit.lint.linter import lint_vault
from vaultkit.lint.rules import RULES, get_rule

__all__ = ["Diagnostic", "LintConfig", "RULES", "get_rule", "lint_config_from", "lint_vault"]
