"""Dependencies: bounded to the majors the code is written for, pinned in constraints.txt,
every import declared, and nothing private imported from the openai SDK."""

from __future__ import annotations

import ast
import configparser
import importlib.metadata
import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def _setup() -> configparser.ConfigParser:
    parser = configparser.ConfigParser()
    parser.read(ROOT / "setup.cfg")
    return parser


def _requirements(raw: str) -> list[Requirement]:
    lines = (line.split("#", 1)[0].strip() for line in raw.splitlines())
    return [Requirement(line) for line in lines if line]


def _runtime() -> list[Requirement]:
    return _requirements(_setup()["options"]["install_requires"])


def _dev() -> list[Requirement]:
    return _requirements(_setup()["options.extras_require"]["dev"])


def _optional() -> list[Requirement]:
    """The users' extras (such as `pandas`): imported by the library only where needed."""
    extras = _setup()["options.extras_require"]
    return [r for name in extras if name != "dev" for r in _requirements(extras[name])]


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def _imports(folder: str) -> dict[str, set[str]]:
    """Top-level module -> files that import it, for every .py under `folder`."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def _third_party(folder: str, own: set[str]) -> dict[str, set[str]]:
    """Distribution name -> files, for imports that are neither stdlib nor ours."""
    providers = importlib.metadata.packages_distributions()
    result: dict[str, set[str]] = {}
    for module, files in _imports(folder).items():
        if module in sys.stdlib_module_names or module in own:
            continue
        for dist in providers.get(module, [module]):
            result.setdefault(canonicalize_name(dist), set()).update(files)
    return result


def test_every_runtime_dependency_has_a_floor_and_a_ceiling() -> None:
    loose = [
        str(r)
        for r in _runtime()
        if not any(s.operator in (">=", "==", "~=") for s in r.specifier)
        or not any(s.operator in ("<", "==", "~=") for s in r.specifier)
    ]
    assert loose == []


def test_celery_is_the_release_whose_beat_answers_remote_control() -> None:
    [celery] = [r for r in _runtime() if r.name == "celery"]
    assert not celery.specifier.contains("5.6.9")
    assert celery.specifier.contains("5.7.0")


def test_constraints_pin_every_declared_package_within_its_bounds() -> None:
    pins = _pins()
    outside: list[str] = []
    for requirement in (*_runtime(), *_optional(), *_dev()):
        version = pins.get(canonicalize_name(requirement.name))
        if version is None:
            if requirement.name != "setuptools":  # pip freeze leaves the build tools out
                outside.append(f"{requirement.name}: not pinned")
        elif not requirement.specifier.contains(version, prereleases=True):
            outside.append(f"{requirement.name}=={version} is outside {requirement.specifier}")
    assert outside == []


def test_what_the_code_imports_is_declared() -> None:
    own = {"harbor", "workers", "bench", "tests"}
    runtime = {canonicalize_name(r.name) for r in (*_runtime(), *_optional())}
    dev = {canonicalize_name(r.name) for r in _dev()}
    local = {p.stem for p in (ROOT / "tests" / "integration").glob("*.py")} | {"conftest"}
    undeclared = {
        dist: sorted(files)
        for folder in ("harbor", "workers")
        for dist, files in _third_party(folder, own).items()
        if dist not in runtime
    }
    assert undeclared == {}
    in_tests = {
        dist: sorted(files)
        for dist, files in _third_party("tests", own | local).items()
        if dist not in runtime | dev
    }
    assert in_tests == {}


def test_nothing_private_is_imported_from_the_openai_sdk() -> None:
    private: list[str] = []
    for folder in ("harbor", "workers", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                dotted = ""
                if isinstance(node, ast.ImportFrom) and node.module:
                    dotted = node.module
                elif isinstance(node, ast.Import):
                    dotted = ".".join(a.name for a in node.names)
                elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                    dotted = f"{node.value.id}.{node.attr}"
                parts = dotted.split(".")
                if parts[0] == "openai" and any(p.startswith("_") for p in parts[1:]):
                    private.append(f"{path.relative_to(ROOT)}:{node.lineno}: {dotted}")
    assert private == []
