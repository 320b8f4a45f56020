"""Templates ship in the wheel and are found by a non-editable install."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from vaultkit.templates_dir import templates_dir

REPO = Path(__file__).resolve().parents[2]


def test_templates_dir_holds_the_generic_templates_and_the_kit() -> None:
    root = templates_dir()
    for name in ("note", "project", "area", "resource", "moc", "daily", "review"):
        assert (root / f"{name}.md.j2").is_file()
    assert (root / "_frontmatter.j2").is_file()
    assert (root / "kits" / "senior-sre" / "kit.toml").is_file()


def _copy_source(tmp_path: Path) -> Path:
    """Only what packaging reads, so the build leaves the work tree alone."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(REPO / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "vaultkit", src / "vaultkit", ignore=ignore)
    shutil.copytree(REPO / "templates", src / "templates", ignore=ignore)
    return src


def _assert_installed_copy_finds_templates(site: Path, tmp_path: Path) -> None:
    """Run the scaffold from ``site`` alone (no source checkout on the path)."""
    code = (
        "from vaultkit.templates_dir import templates_dir;"
        "from vaultkit.generate.scaffold import scaffold;"
        "print(templates_dir());"
        f"r = scaffold('senior-sre', {str(tmp_path / 'v')!r}, dry_run=True); print(len(r.files))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    found, count = done.stdout.split()
    assert Path(found) == site / "vaultkit" / "_templates"
    assert int(count) > 40


def test_wheel_contains_the_templates_and_an_install_finds_them(tmp_path: Path) -> None:
    if importlib.util.find_spec("setuptools") is None or importlib.util.find_spec("wheel") is None:
        pytest.skip(
            "setuptools/wheel not installed: cannot build a wheel offline (build_py test covers it)"
        )
    src = _copy_source(tmp_path)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    build = subprocess.run(
        [*command, "-w", str(tmp_path / "dist"), str(src)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {build.stderr.strip().splitlines()[-1:]}")
    wheel = next((tmp_path / "dist").glob("vaultkit-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "vaultkit/_templates/kits/senior-sre/kit.toml" in names
    assert "vaultkit/_templates/kits/senior-sre/vault/daily-template.md.j2" in names
    assert "vaultkit/_templates/_frontmatter.j2" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)  # a wheel is installed by unpacking it
    _assert_installed_copy_finds_templates(site, tmp_path)


def test_package_build_ships_the_templates(tmp_path: Path) -> None:
    """The same package mapping a wheel uses, with setuptools alone (no wheel package)."""
    if importlib.util.find_spec("setuptools") is None:
        pytest.skip("setuptools not installed")
    src = _copy_source(tmp_path)
    site = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(site)],
        cwd=src,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert build.returncode == 0, build.stderr
    assert (site / "vaultkit/_templates/kits/senior-sre/data.toml").is_file()
    assert (site / "vaultkit/_templates/kits/senior-sre/vault/app.json.j2").is_file()
    _assert_installed_copy_finds_templates(site, tmp_path)
