"""The wheel, as a user installs it: every module and data file of harbor/ and workers/ is
in it, and the installed `harbor` runs from outside the checkout.

The expected files come from the source tree (`git ls-files harbor workers`), so a new
module, migration, lexicon or model file is checked without editing this test. The wheel
is installed with --no-deps into a fresh venv that borrows the dependencies already
installed in the running one (a .pth line), so nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tracked(*paths: str) -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-z", *paths], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    # a file deleted in the working tree but not yet in git is not part of the source
    return sorted(p for p in out.split("\0") if p and (ROOT / p).is_file())


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path
    bin: Path
    site: Path
    outside: Path  # a working directory outside the checkout

    def run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env["PATH"] = f"{self.bin}{os.pathsep}{env.get('PATH', '')}"
        return subprocess.run(
            argv, cwd=self.outside, env=env, capture_output=True, text=True, timeout=120
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The wheel built from a copy of the tracked files, installed into a fresh venv."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    for name in _tracked():
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    dist = base / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(dist), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    [wheel] = dist.glob("redditharbor-*.whl")

    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    # the dependencies of the running venv, after the new venv's own site-packages; its
    # .pth files are not read from there, so the editable checkout stays out of sight
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "zz_borrowed_dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout + install.stderr
    outside = base / "elsewhere"
    outside.mkdir()
    return Installed(wheel, python, env_dir / "bin", site, outside)


def test_the_wheel_holds_every_module_and_data_file_of_the_source_tree(
    installed: Installed,
) -> None:
    expected = set(_tracked("harbor", "workers"))
    assert any(not p.endswith(".py") for p in expected)  # data files are part of the check
    with zipfile.ZipFile(installed.wheel) as wheel:
        shipped = set(wheel.namelist())
    assert sorted(expected - shipped) == []
    assert not [n for n in shipped if n.endswith(".pyc") or "__pycache__" in n]


def test_every_folder_of_modules_is_a_package() -> None:
    folders = {str(Path(p).parent) for p in _tracked("harbor", "workers") if p.endswith(".py")}
    missing = sorted(f for f in folders if not (ROOT / f / "__init__.py").is_file())
    assert missing == []


def test_the_installed_console_script_runs_outside_the_checkout(installed: Installed) -> None:
    script = installed.bin / "harbor"
    assert script.is_file()
    shown = installed.run(str(script), "--help")
    assert shown.returncode == 0, shown.stderr
    assert "keywords" in shown.stdout
    assert "cutover" in shown.stdout
    keywords = installed.run(str(script), "keywords")
    assert keywords.returncode == 0, keywords.stderr
    assert "struggl" in keywords.stdout  # the lexicon data file was found in the wheel


def test_every_installed_module_imports_from_the_install(installed: Installed) -> None:
    modules = [
        p.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        for p in _tracked("harbor", "workers")
        if p.endswith(".py") and not p.endswith("__main__.py")
    ]
    probe = (
        "import importlib, json, sys\n"
        "files = {m: importlib.import_module(m).__file__ for m in sys.argv[1:]}\n"
        "print(json.dumps(files))\n"
    )
    done = installed.run(str(installed.python), "-c", probe, *modules)
    assert done.returncode == 0, done.stderr
    files = json.loads(done.stdout)
    assert set(files) == set(modules)
    elsewhere = {m: f for m, f in files.items() if not str(f).startswith(str(installed.site))}
    assert elsewhere == {}  # the checkout (an editable install) played no part
