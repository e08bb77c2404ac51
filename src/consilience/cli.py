"""The `consilience` command line: a click group whose sub-commands live in
`consilience.commands`, one module each, found at start-up (a registry)."""

from __future__ import annotations

import importlib
import pkgutil
from importlib.metadata import entry_points

import click

from . import __version__
from . import commands as _commands_pkg

EPILOG = """\b
Start here:
  consilience analyze examples/corpus        read, group, compare, print briefs
  consilience stories                        list stories in ./consilience.db
  consilience brief STORY_ID --format json   one story's cited brief
"""


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="consilience")
def main() -> None:
    """consilience: where independent news sources converge and where they conflict.

    Point it at folders of articles (text, HTML, RSS/Atom, JSONL, WARC). It stores
    them in a SQLite file, groups them into stories, extracts who claims what,
    and shows for each story what sources corroborate, dispute, or say alone,
    each finding cited to the exact sentence.
    """


def _register_commands(group: click.Group) -> None:
    for info in sorted(pkgutil.iter_modules(_commands_pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{_commands_pkg.__name__}.{info.name}")
        command = getattr(module, "command", None)
        if isinstance(command, click.Command):
            group.add_command(command)
    for ep in entry_points(group="consilience.commands"):
        command = ep.load()
        if isinstance(command, click.Command):
            group.add_command(command)


_register_commands(main)
