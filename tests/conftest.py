"""Shared fixtures. ../shared sits beside the clone (as in CI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples" / "corpus"


def run_cli(*args: str, input: str | None = None):
    from consilience.cli import main

    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory):
    """`consilience analyze ../shared/seeds --format json`, run once."""
    assert SEEDS.is_dir(), f"{SEEDS} is missing: CI puts ../shared beside the clone"
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = run_cli("analyze", str(SEEDS), "--db", str(db), "--format", "json")
    assert result.exit_code == 0, result.output
    return {"db": db, "json": json.loads(result.stdout), "stdout": result.stdout}
