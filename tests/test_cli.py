"""Every command teaches itself: --help explains and shows an example."""

from __future__ import annotations

import click
import pytest
from conftest import run_cli

from consilience.cli import main


def _leaf_commands(group: click.Group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            yield from _leaf_commands(cmd, (*prefix, name))
        else:
            yield (*prefix, name)


@pytest.mark.parametrize("path", list(_leaf_commands(main)), ids=" ".join)
def test_help_has_an_example(path):
    result = run_cli(*path, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout, result.stdout
    assert "consilience " + " ".join(path) in result.stdout


def test_spine_commands_registered():
    assert {"analyze", "ingest", "stories", "brief", "claims", "export", "attributions"} <= set(main.commands)


def test_unknown_story_is_a_clear_error(tmp_path):
    result = run_cli("brief", "s-nope", "--db", str(tmp_path / "e.db"))
    assert result.exit_code == 1 and "no such story: s-nope" in result.stderr
