"""The brief's JSON contract (docs/brief.schema.json) holds for real output."""

from __future__ import annotations

import json

import jsonschema
from conftest import EXAMPLES, ROOT, run_cli

SCHEMA = json.loads((ROOT / "docs" / "brief.schema.json").read_text())


def test_seeds_output_matches_schema(seeds_run):
    jsonschema.validate(seeds_run["json"], SCHEMA)


def test_example_corpus_output_matches_schema(tmp_path):
    result = run_cli("analyze", str(EXAMPLES), "--db", str(tmp_path / "e.db"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    titles = [s["title"] for s in data["stories"]]
    assert len(data["stories"]) == 2, titles  # the dam breach and the tram vote
    dam = next(s for s in data["stories"] if len(s["articles"]) == 3)
    assert dam["independent_sources"] == 2  # the wire copy repeats the Valley Post
    homes = [d for d in dam["disputed"] if "home" in d["about"]]
    assert homes and {s["value"] for s in homes[0]["sides"]} == {"120 homes", "85 homes"}
    for s in data["stories"]:
        jsonschema.validate({"stories": [s]}, SCHEMA)


def test_library_call_returns_the_same_stories(tmp_path):
    import consilience

    stories = consilience.analyze([str(EXAMPLES)], db=str(tmp_path / "lib.db"))
    jsonschema.validate({"stories": [s.to_dict() for s in stories]}, SCHEMA)
    assert len(stories) == 2
