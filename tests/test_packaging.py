"""Both install modes: the wheel holds the package, its data and the console script; the
editable install used by the tests resolves `slacheck.*` to the repository folders."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                           "-q", "-w", str(out), str(ROOT)], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(proc.stderr[-2000:])
    return next(out.glob("slacheck-*.whl"))


def test_wheel_has_packages_and_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for module in ("slacheck/__init__.py", "slacheck/clauses/pdf.py", "slacheck/extractors/tiers.py",
                   "slacheck/cli/app.py", "slacheck/knowledge/rules.py"):
        assert module in names, module
    for data in ("slacheck/knowledge/radicals.tsv", "slacheck/knowledge/benchmarks.toml",
                 "slacheck/knowledge/policy/default.toml", "slacheck/knowledge/rules/SLA001.toml",
                 "slacheck/knowledge/rules/baseline.json",
                 "slacheck/knowledge/lexicons/zh/comparison.tsv",
                 "slacheck/knowledge/exclusions/en/force_majeure.txt"):
        assert data in names, data
    assert not any(n.startswith(("cli/", "clauses/", "tests/", "corpora/")) for n in names)
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "slacheck = slacheck.cli.app:main" in zipfile.ZipFile(wheel).read(entry).decode()


def test_installed_package_runs_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    str(wheel)], check=True)
    code = ("import sys; sys.path.insert(0, %r); import slacheck, slacheck.knowledge.rules as r; "
            "print(slacheck.__file__); print(len(r.load_rules()))" % str(target))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    first, count = out.stdout.split()
    assert first.startswith(str(target)) and int(count) >= 25


def test_installed_package_is_the_one_under_test():
    import slacheck
    import slacheck.cli.app

    where = Path(slacheck.__file__).resolve()
    assert where.parent.name in ("core", "slacheck")  # editable (repo) or wheel (site-packages)
    assert Path(slacheck.cli.app.__file__).resolve().parent.name == "cli"


def test_editable_install_maps_repository_folders():
    import slacheck
    import slacheck.clauses
    import slacheck.cli

    if Path(slacheck.__file__).resolve().parent != ROOT / "core":
        pytest.skip("a non-editable install is under test (the README command); the wheel tests cover it")
    assert Path(slacheck.clauses.__file__).parent == ROOT / "clauses"
    assert Path(slacheck.cli.__file__).parent == ROOT / "cli"
