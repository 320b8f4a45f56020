"""``vaultkit lint`` (check a vault) and ``vaultkit rules`` (what it checks)."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from vaultkit.cli.common import EXIT_OK, EXIT_PROBLEMS, find_vault_root, handle_errors, vault_option
from vaultkit.cli.completion import complete_rules

if TYPE_CHECKING:  # pragma: no cover
    from vaultkit.lint.diagnostic import Diagnostic

FORMATS = ("text", "json", "github", "sarif")
COLOURS = {
    "path": {"bold": True},
    "error": {"fg": "red"},
    "warning": {"fg": "yellow"},
    "info": {"fg": "cyan"},
}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@vault_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    shell_complete=complete_rules,
    help="Run only these rules (names, codes or 'all'; comma-separated or repeated).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="RULES",
    shell_complete=complete_rules,
    help="Do not run these rules.",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how many diagnostics each rule found instead of each one.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found.")
@click.option(
    "-q", "--quiet", is_flag=True, help="Print diagnostics only: no summary, no skipped-file notes."
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Read settings from this file instead of the vault's .vaultkit.toml.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    envvar="VAULTKIT_NO_CACHE",
    help="Parse every note afresh; do not read or write <vault>/.vaultkit/cache/.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Rewrite what can be fixed without changing what a note means "
    "(deprecated-property, ambiguous-link), then report what remains.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print a diff of what --fix would change and write nothing; exit 1 if there is any.",
)
@handle_errors
def lint(
    paths: tuple[Path, ...],
    vault_path: Path | None,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    statistics: bool,
    exit_zero: bool,
    quiet: bool,
    config_file: Path | None,
    no_cache: bool,
    fix: bool,
    diff: bool,
) -> None:
    """Check a vault for broken links, orphans, bad frontmatter and more.

    PATHS are a vault folder, folders inside a vault, or notes (as
    pre-commit passes them): the whole vault is read to resolve links, and
    only the notes named are reported. With no PATHS: the vault around the
    current folder (or --vault).

    Parsed notes and the last result are kept in <vault>/.vaultkit/cache/
    (a hidden folder, ignored by Obsidian and git), so a second run on an
    unchanged vault does not parse it again; --no-cache turns that off.

    --fix rewrites, in the notes reported, the findings whose fix cannot
    change what a note means: deprecated-property (tag: a -> tags: [a]) and
    ambiguous-link ([[Name]] -> [[Folder/Name|Name]]); a note saved
    meanwhile is left alone. It then reports what remains. --diff prints
    those changes as a unified diff instead, and writes nothing.

    Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage,
    config or internal error. With --fix: from what remains. With --diff:
    1 if anything would be fixed, else 0.

    \b
    Examples:
      vaultkit lint                          # the vault around the current folder
      vaultkit lint ~/Vault --format json
      vaultkit lint Notes/Gamma.md --select broken-link,broken-heading
      vaultkit lint --ignore orphan-note --statistics
      vaultkit lint --diff                   # what --fix would change
      vaultkit lint --fix --select deprecated-property
    """
    from vaultkit.lint.targets import Target, plan

    if paths:
        targets, skipped = plan(list(paths))
    else:
        targets, skipped = [Target(find_vault_root(vault_path).resolve(), whole=True)], []
    if skipped and not quiet:
        for path in skipped:
            click.echo(f"vaultkit: skipped {path}: not a Markdown note inside a vault", err=True)
    found = _lint_targets(targets, config_file, select, ignore, not no_cache)
    fixed: list[tuple[Path, Any]] = []
    if fix or diff:
        # Only a vault with something to fix is loaded again: --fix in a
        # pre-commit hook costs a plain (incremental) lint when there is none.
        roots = {root for d, root in found if d.edits}
        fixable = [t for t in targets if t.root in roots]
        fixed = _fix_targets(fixable, config_file, select, ignore, not no_cache, write=not diff)
        _report_fixes(fixed, diff, quiet)
        if diff:
            sys.exit(EXIT_PROBLEMS if any(report.changed for _, report in fixed) else EXIT_OK)
        if any(report.changed for _, report in fixed):
            found = _lint_targets(targets, config_file, select, ignore, not no_cache)
    _report(found, output_format, statistics, quiet or fix)
    if fix and not quiet:
        click.echo(_fix_summary([report for _, report in fixed], found), err=True)
    has_errors = any(d.severity == "error" for d, _ in found)
    sys.exit(EXIT_PROBLEMS if has_errors and not exit_zero else EXIT_OK)


def _lint_targets(
    targets: list[Any],
    config_file: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    use_cache: bool,
) -> list[tuple[Diagnostic, Path]]:
    found: list[tuple[Diagnostic, Path]] = []
    for target in targets:
        diagnostics = _lint_target(target, config_file, select, ignore, use_cache)
        found += [(d, target.root) for d in diagnostics]
    return found


def _lint_target(
    target: Any,
    config_file: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    use_cache: bool,
) -> list[Diagnostic]:
    from vaultkit.model.walk import walk

    config, lint_config, options = _settings(target, config_file, select, ignore)
    if not use_cache:
        return _load_and_lint(target, lint_config, options, use_cache=False)[1]
    # Findings depend on the config and selection; the stored answer also on
    # which notes were asked for.
    setup = repr((sorted(config.items(), key=str), select, ignore)) + _lint_sources()
    request = repr((target.whole, sorted(target.files), sorted(target.folders)))
    walked = walk(target.root, follow_outside=options.follow_symlinks_outside)
    fingerprint = _fingerprint(target.root, options, setup + request, walked[0])
    stored = _read_stored(target.root, fingerprint)
    if stored is not None:
        return stored
    diagnostics = _lint_incrementally(target, lint_config, options, setup, walked)
    _store(target.root, fingerprint, diagnostics)
    return diagnostics


def _fix_targets(
    targets: list[Any],
    config_file: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    use_cache: bool,
    *,
    write: bool,
) -> list[tuple[Path, Any]]:
    """Lint each vault afresh and fix (or, without ``write``, plan) what can be fixed."""
    from vaultkit.lint.fix import fix_vault

    done = []
    for target in targets:
        _, lint_config, options = _settings(target, config_file, select, ignore)
        vault, diagnostics = _load_and_lint(target, lint_config, options, use_cache)
        done.append((target.root, fix_vault(vault, diagnostics, write=write)))
    return done


def _settings(
    target: Any, config_file: Path | None, select: tuple[str, ...], ignore: tuple[str, ...]
) -> tuple[dict[str, Any], Any, Any]:
    """The target's config, its lint config with the selection applied, and its load options."""
    from vaultkit.config import load_config, load_config_file
    from vaultkit.lint import lint_config_from
    from vaultkit.model.vault import LoadOptions

    config = load_config_file(config_file) if config_file else load_config(target.root)
    lint_config = lint_config_from(config).with_selection(select or None, ignore)
    return config, lint_config, LoadOptions.from_config(config)


def _load_and_lint(
    target: Any, lint_config: Any, options: Any, use_cache: bool
) -> tuple[Any, list[Diagnostic]]:
    """Load the whole vault and lint the notes the target asks for."""
    from vaultkit.lint import lint_vault
    from vaultkit.model.vault import Vault

    vault = Vault.load(target.root, options=options, cache=use_cache)
    return vault, lint_vault(vault, lint_config, paths=target.notes(list(vault.notes)))


def _report_fixes(fixed: list[tuple[Path, Any]], diff: bool, quiet: bool) -> None:
    """The diff (``--diff``) on stdout; notes left unfixed, and what --diff found, on stderr."""
    cwd = Path.cwd().resolve()
    for root, report in fixed:
        if diff:
            for note in report.changed:
                click.echo(note.diff(), nl=False)
        if quiet:
            continue
        for note in report.refused:
            shown = _shown_path(root, note.path, cwd)
            click.echo(f"vaultkit: not fixed {shown}: {note.refused}", err=True)
    if diff and not quiet:
        reports = [report for _, report in fixed]
        count = sum(r.fixed_count for r in reports)
        notes = sum(len(r.changed) for r in reports)
        click.echo(f"Would fix {count} problem(s) in {notes} note(s).", err=True)


def _fix_summary(reports: list[Any], found: list[tuple[Diagnostic, Path]]) -> str:
    from vaultkit.lint.fix import FIXABLE

    count = sum(r.fixed_count for r in reports)
    notes = sum(len(r.changed) for r in reports)
    line = f"Fixed {count} problem(s) in {notes} note(s); {len(found)} remain."
    unfixed = sorted({d.rule for d, _ in found if d.rule in FIXABLE})
    if unfixed:
        line += (
            f" Left for you: the {' and '.join(unfixed)} findings with no certain fix"
            f" (`vaultkit rules {unfixed[0]}` says when)."
        )
    return line


def _lint_incrementally(
    target: Any, lint_config: Any, options: Any, setup: str, walked: Any
) -> list[Diagnostic]:
    """Re-check only the notes an edit can affect (``vaultkit.lint.incremental``)."""
    from vaultkit.lint.incremental import lint_with_state

    notes = [e.path for e in walked[0] if e.path.lower().endswith(".md")]
    run = lint_with_state(
        target.root,
        lint_config,
        options,
        setup,
        paths=target.notes(notes),
        walked=walked,
        background_save=True,
    )
    return run.diagnostics


def _fingerprint(root: Path, options: Any, extra: str, entries: Any) -> str | None:
    from vaultkit.model.cache import vault_fingerprint

    return vault_fingerprint(root, options, extra=extra, entries=entries)


def _lint_sources() -> str:
    """Size and mtime of the linter's own code: an edited rule invalidates results."""
    import vaultkit.lint as package

    folder = Path(package.__file__).parent
    stamps = []
    for path in sorted(folder.rglob("*.py")):
        st = path.stat()
        stamps.append(f"{path.relative_to(folder)}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(stamps)


def _read_stored(root: Path, fingerprint: str | None) -> list[Diagnostic] | None:
    import json

    from vaultkit.lint.diagnostic import Diagnostic
    from vaultkit.model.cache import read_result

    data = read_result(root, "lint", fingerprint)
    if data is None:
        return None
    try:
        return [Diagnostic.from_dict(item) for item in json.loads(data)]
    except (ValueError, TypeError):
        return None  # a result from another vaultkit: lint afresh


def _store(root: Path, fingerprint: str | None, diagnostics: list[Diagnostic]) -> None:
    import json

    from vaultkit.model.cache import write_result

    data = json.dumps([d.to_dict() for d in diagnostics]).encode()
    write_result(root, "lint", fingerprint, data)


def _report(
    found: list[tuple[Diagnostic, Path]],
    output_format: str,
    statistics: bool,
    quiet: bool,
) -> None:
    from vaultkit.lint import formats

    cwd = Path.cwd().resolve()  # once: resolving it per diagnostic cost 0.4 s at 3,600
    shown = {id(d): _shown_path(root, d.path, cwd) for d, root in found}
    diagnostics = [d for d, _ in found]

    def file_of(d: Diagnostic) -> str:
        return shown[id(d)]

    if statistics:
        click.echo(_statistics(diagnostics, output_format == "json"))
    elif output_format == "text":
        text = formats.format_text(diagnostics, file_of, _style if _colour() else formats._plain)
        if text:
            click.echo(text)
    else:
        render = {
            "json": formats.format_json,
            "github": formats.format_github,
            "sarif": formats.format_sarif,
        }
        click.echo(render[output_format](diagnostics, file_of))
    if output_format == "text" and not quiet:
        click.echo(_summary(diagnostics), err=True)


def _statistics(diagnostics: list[Diagnostic], as_json: bool) -> str:
    import json

    from vaultkit.lint.formats import statistics

    rows = statistics(diagnostics)
    if as_json:
        return json.dumps(
            [{"code": c, "rule": r, "severity": s, "count": n} for c, r, s, n in rows], indent=2
        )
    return "\n".join(f"{n:>6}  {c}  {r} ({s})" for c, r, s, n in rows)


def _summary(diagnostics: list[Diagnostic]) -> str:
    if not diagnostics:
        return "All checks passed."
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = sum(d.severity == "warning" for d in diagnostics)
    notes = len({d.path for d in diagnostics})
    return f"Found {len(diagnostics)} problem(s) ({errors} error(s), {warnings} warning(s)) in {notes} file(s)."


def _shown_path(root: Path, vault_path: str, cwd: Path) -> str:
    """Relative to the current folder when it and the vault are nested, else absolute.

    Terminals and editors open such paths; ``../../other/vault/x.md`` would
    be harder to read than the absolute path.
    """
    base = _relative_base(root, cwd)
    if base is None:
        return f"{root.as_posix()}/{vault_path}"
    return f"{base}/{vault_path}" if base != "." else vault_path


@functools.lru_cache(maxsize=64)
def _relative_base(root: Path, cwd: Path) -> str | None:
    """The vault root as shown from ``cwd`` (None: show absolute paths)."""
    if cwd == root or cwd in root.parents or root in cwd.parents:
        return Path(os.path.relpath(root, cwd)).as_posix()
    return None


def _colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _style(text: str, kind: str) -> str:
    return click.style(text, **COLOURS.get(kind, {}))


@click.command()
@click.argument("name", required=False, shell_complete=complete_rules)
@handle_errors
def rules(name: str | None) -> None:
    """List the lint rules, or print one rule's documentation.

    \b
    Examples:
      vaultkit rules                 # name, code, default severity, summary
      vaultkit rules broken-link     # what it checks, examples, options
      vaultkit rules VK201
    """
    from vaultkit.lint.rules import RULES, get_rule, summary

    if name is None:
        for rule in RULES.values():
            click.echo(f"{rule.CODE}  {rule.NAME:<20} {rule.SEVERITY:<8} {summary(rule)}")
        return
    rule = get_rule(name)
    click.echo(f"{rule.CODE} {rule.NAME} (default severity: {rule.SEVERITY})\n")
    click.echo((rule.__doc__ or "").strip())
    if rule.OPTIONS:
        click.echo("\nDefaults:")
        for option, (_kind, default) in rule.OPTIONS.items():
            click.echo(f"  {option} = {_toml(default)}")


def _toml(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return (
            "{ " + ", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in value.items()) + " }"
            if value
            else "{}"
        )
    return json.dumps(value)
