"""Sub-commands, one module each; `consilience.cli` registers every module here.

A module exposes ``command`` (a click.Command). Plugins can add commands the
same way through the ``consilience.commands`` entry-point group.
"""
