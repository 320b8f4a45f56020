"""Jinja environments for vaultkit's templates, and errors a user can read.

Bundled templates (shipped in the wheel) render in a normal Environment.
Anything from outside the package (a user's kit, a vault's templates folder)
renders in Jinja's SandboxedEnvironment: a downloaded kit must not be able to
reach Python internals (``{{ ''.__class__.__mro__ }}``) and run code.
Every environment uses StrictUndefined, so a misspelt variable is an error
naming the template and line, never a silently empty note.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
import yaml

from vaultkit.errors import VaultError
from vaultkit.generate.moment import add_months, format_moment
from vaultkit.generate.names import safe_filename, wikilink
from vaultkit.templates_dir import templates_dir

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_OPTIONS = dict(
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    autoescape=False,
)


def yaml_value(value: Any) -> str:
    """``value`` as a YAML flow scalar that reads back as exactly ``value``.

    Plain when that round-trips (``active``), double-quoted otherwise
    (``"Q1: Build"``, ``"[[Work & Career]]"``, ``"yes"``): JSON strings are
    valid YAML double-quoted scalars.
    """
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    text = str(value)
    if _ISO_DATE.fullmatch(text) and _is_date(text):
        return text  # unquoted, so Obsidian shows it as a date property
    try:
        plain_ok = text == text.strip() and "\n" not in text and yaml.safe_load(text) == text
    except Exception:  # noqa: BLE001 - PyYAML raises ValueError too ("2026-13-45"): not plain
        plain_ok = False
    if plain_ok:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    try:
        if yaml.safe_load(quoted) == text:
            return quoted
    except yaml.YAMLError:
        pass  # raw characters YAML refuses inside quotes
    # YAML reads NEL/LS/PS as line breaks and refuses DEL and other
    # non-printables raw: those need YAML's own escapes.
    return yaml.safe_dump(text, allow_unicode=True, default_style='"', width=float("inf")).rstrip(
        "\n"
    )


@jinja2.pass_context
def _link_filter(context: jinja2.runtime.Context, title: str) -> str:
    """``{{ "Work & Career" | link }}``: the note's wikilink, with its real file name.

    A scaffold passes ``_names`` (title -> file name) so links follow the
    names it chose (``Foo (2)`` when two titles collide).
    """
    names = context.get("_names") or {}
    title = " ".join(str(title).split())  # titles are matched as the scaffold normalised them
    return wikilink(title, names.get(title))


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _add_months_filter(value: date | str, months: int) -> str:
    """``"2026-01-31" | add_months(1)`` -> ``"2026-02-28"`` (clamped to the month's end)."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return add_months(day, int(months)).isoformat()


def _date_filter(value: date | datetime | str, fmt: str = "YYYY-MM-DD") -> str:
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return format_moment(value, fmt)


def _configure(env: jinja2.Environment) -> jinja2.Environment:
    env.filters.update(
        yaml=yaml_value,
        link=_link_filter,
        wikilink=wikilink,
        safe_filename=safe_filename,
        moment=_date_filter,
        add_months=_add_months_filter,
    )
    return env


@functools.lru_cache(maxsize=1)
def bundled_environment() -> jinja2.Environment:
    """The environment for templates shipped with vaultkit (trusted)."""
    loader = jinja2.FileSystemLoader(str(templates_dir()))
    return _configure(jinja2.Environment(loader=loader, **_OPTIONS))


class _ConfinedLoader(jinja2.FileSystemLoader):
    """A loader that will not follow a symlink out of its folders.

    A downloaded kit could hold ``notes.j2 -> ~/.ssh/id_rsa`` and copy the
    secret into a vault that gets synced; the sandbox alone would not stop it.
    """

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        roots = [Path(p).resolve() for p in self.searchpath]
        if not any(real == root or root in real.parents for root in roots):
            raise VaultError(
                "template is a link to a file outside the kit; refusing to read it", path=filename
            )
        return source, filename, uptodate


def sandboxed_environment(*folders: Path) -> jinja2.sandbox.SandboxedEnvironment:
    """A sandbox loading from ``folders`` first, then the bundled templates.

    Bundled templates included from a user's kit still render in the sandbox.
    """
    paths = [str(f) for f in folders] + [str(templates_dir())]
    env = jinja2.sandbox.SandboxedEnvironment(loader=_ConfinedLoader(paths), **_OPTIONS)
    return _configure(env)


def kit_environment(kit_dir: Path, trusted: bool) -> jinja2.Environment:
    """Templates from a kit's folder, falling back to the generic bundled ones."""
    if not trusted:
        return sandboxed_environment(kit_dir)
    loader = jinja2.FileSystemLoader([str(kit_dir), str(templates_dir())])
    return _configure(jinja2.Environment(loader=loader, **_OPTIONS))


def is_bundled(path: Path) -> bool:
    """True when ``path`` is inside vaultkit's own templates folder."""
    root = templates_dir().resolve()
    real = Path(path).resolve()
    return real == root or root in real.parents


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render template ``name`` from ``env``; Jinja errors become VaultError."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise VaultError(f"template not found: {exc.name}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise _syntax_error(exc, name) from None
    return _run(template, context, template.filename or name)


def render_string(
    env: jinja2.Environment, source: str, context: Mapping[str, Any], where: str
) -> str:
    """Render a template given as text (a manifest's ``title = "{{ ... }}"``)."""
    try:
        template = env.from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise _syntax_error(exc, where) from None
    return _run(template, context, where)


def _run(template: jinja2.Template, context: Mapping[str, Any], where: str) -> str:
    try:
        return template.render(**context)
    except jinja2.exceptions.SecurityError as exc:
        raise VaultError(
            f"template tried something the sandbox forbids ({exc}); "
            "kits from outside vaultkit cannot reach Python internals",
            path=where,
            line=_template_line(exc, where),
        ) from None
    except jinja2.UndefinedError as exc:
        raise VaultError(
            f"{exc.message}; pass it with --var NAME=VALUE or give it a default",
            path=where,
            line=_template_line(exc, where),
        ) from None
    except jinja2.TemplateError as exc:
        raise VaultError(
            f"template error: {exc}", path=where, line=_template_line(exc, where)
        ) from None
    except (TypeError, ValueError, KeyError, AttributeError, ZeroDivisionError) as exc:
        raise VaultError(
            f"template failed: {type(exc).__name__}: {exc}",
            path=where,
            line=_template_line(exc, where),
        ) from None


def _syntax_error(exc: jinja2.TemplateSyntaxError, where: str) -> VaultError:
    return VaultError(
        f"template syntax error: {exc.message}", path=exc.filename or where, line=exc.lineno
    )


def _template_line(exc: BaseException, where: str) -> int | None:
    """The template line an error happened on (Jinja rewrites tracebacks to it)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name == where or name == "<template>" or name.endswith((".j2", ".md")):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


# Obsidian's core Templates plugin: {{title}}, {{date}}, {{time}}, {{date:FMT}}.
_OBSIDIAN_VAR = re.compile(r"\{\{\s*(title|date|time)\s*(?::\s*([^}]*?))?\s*\}\}", re.IGNORECASE)


def render_obsidian_template(
    text: str,
    title: str,
    when: datetime,
    date_format: str = "YYYY-MM-DD",
    time_format: str = "HH:mm",
) -> str:
    """Fill an Obsidian core template the way the Templates plugin inserts it.

    Only ``{{title}}``, ``{{date}}``, ``{{time}}`` and their ``:FORMAT``
    forms are replaced; everything else is copied, so a note written for
    Obsidian renders exactly as Obsidian would render it.
    """

    def replace(match: re.Match[str]) -> str:
        name, fmt = match.group(1).lower(), match.group(2)
        if name == "title":
            return title
        default = date_format if name == "date" else time_format
        return format_moment(when, fmt or default)

    return _OBSIDIAN_VAR.sub(replace, text)
