"""Seeing a vault: graph export, stats and the HTML report.

Everything here reads a loaded ``Vault`` and returns data or text; writing
files and printing belong to the CLI.
"""
