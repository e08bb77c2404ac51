"""Stance of an article toward a claim: rules model, learned model (trained on a
tiny synthetic set written here), the registry and the `stance` CLI contract."""

from __future__ import annotations

import json
import random

import pytest
from conftest import run_cli

from consilience.compare import stance as st

CLAIM = "Mayor Alice Brandt resigned after the harbour contract scandal"
AGREE = ("Mayor Alice Brandt resigned on Friday after the harbour contract scandal, the city council "
         "confirmed. Her deputy will lead the city until an election in the spring.")
DISAGREE = ("Mayor Alice Brandt denied reports that she resigned over the harbour contract scandal. "
            "\"The story is false,\" her spokesman said, calling it a hoax.")
DISCUSS = ("Mayor Alice Brandt may have resigned after the harbour contract scandal, according to "
           "unconfirmed reports. Sources said the council would meet on Monday.")
UNRELATED = ("The football club signed a new goalkeeper from Lisbon on a three-year deal. Fans queued "
             "for tickets outside the stadium all morning.")


def test_rules_model_clear_cases():
    model = st.get_stance_model("rules")
    out = model.predict([(CLAIM, AGREE), (CLAIM, DISAGREE), (CLAIM, DISCUSS), (CLAIM, UNRELATED)])
    assert [r.stance for r in out] == ["agree", "disagree", "discuss", "unrelated"]
    for r in out:
        assert 0.0 <= r.score <= 1.0
    # evidence offsets point into the body
    s, e = out[1].evidence[0]
    assert "denied" in DISAGREE[s:e]


def test_registry_and_fallback(tmp_path, capsys, monkeypatch):
    assert {"gbm", "rules"} <= set(st.STANCE_MODELS)
    with pytest.raises(ValueError):
        st.get_stance_model("nope")
    monkeypatch.setattr(st, "_warned", False)
    model = st.get_stance_model("gbm", tmp_path / "missing.joblib")
    assert model.name == "rules"
    assert "rules" in capsys.readouterr().err
    assert st.default_model_path().name == "stance.joblib"


# -- a tiny synthetic training set -------------------------------------------------

PEOPLE = ["mayor", "minister", "senator", "governor", "chairman", "coach", "bishop", "judge", "director",
          "captain", "professor", "ambassador"]
EVENTS = [("resigned from office", "resignation"), ("was arrested in the capital", "arrest"),
          ("bought a football club", "purchase"), ("won the lottery jackpot", "jackpot"),
          ("married a famous singer", "wedding"), ("found a meteorite in the garden", "meteorite")]
FILLER = ["The weather was mild across the region.", "Traffic was heavy on the ring road.",
          "Local markets opened early.", "The museum reopened its east wing.",
          "Schools will close for the holidays next week."]


def synthetic_rows(seed: int = 1) -> list[tuple[str, str, str, str]]:
    rnd = random.Random(seed)
    rows, bodies = [], []
    for i, person in enumerate(PEOPLE):
        for j, (event, noun) in enumerate(EVENTS):
            name = f"{person} {chr(65 + i)}{chr(97 + j)}ron"
            claim = f"The {name} {event}"
            kinds = {
                "agree": f"The {name} {event} on Tuesday, officials confirmed. The {noun} was announced in a statement.",
                "disagree": f"The {name} denied that he {event}. Officials said the {noun} story was false and a hoax.",
                "discuss": f"The {name} reportedly {event}, according to unconfirmed claims. The {noun} may be announced soon.",
            }
            for stance, text in kinds.items():
                body = text + " " + " ".join(rnd.sample(FILLER, 2))
                bid = f"{i}-{j}-{stance}"
                bodies.append((bid, body))
                rows.append((claim, body, bid, stance))
    # unrelated: claims against bodies of other stories
    n = len(rows)
    for k in range(n):
        claim = rows[k][0]
        bid, body = bodies[(k * 7 + 11) % len(bodies)]
        if rows[k][0].split()[1] not in body:
            rows.append((claim, body, bid, "unrelated"))
    return rows


@pytest.fixture(scope="module")
def gbm_model(tmp_path_factory):
    bundle = st.train(synthetic_rows(), max_iter=60)
    path = tmp_path_factory.mktemp("stance") / "stance.joblib"
    st.save(bundle, path)
    return path


def test_learned_model_clear_cases(gbm_model):
    model = st.get_stance_model("gbm", gbm_model)
    assert model.name == "gbm"
    claim = "The mayor Zed Quillon bought a football club"
    pairs = [
        (claim, "The mayor Zed Quillon bought a football club on Tuesday, officials confirmed. "
                "The purchase was announced in a statement. Local markets opened early."),
        (claim, "The mayor Zed Quillon denied that he bought a football club. Officials said the "
                "purchase story was false and a hoax. Traffic was heavy on the ring road."),
        (claim, "The mayor Zed Quillon reportedly bought a football club, according to unconfirmed "
                "claims. The purchase may be announced soon. The museum reopened its east wing."),
        (claim, UNRELATED),
    ]
    out = model.predict(pairs)
    assert [r.stance for r in out] == ["agree", "disagree", "discuss", "unrelated"]
    assert all(0.25 < r.score <= 1.0 for r in out)


# -- the CLI ------------------------------------------------------------------------

def _jsonl(rows) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


def test_stance_cli_jsonl(tmp_path):
    src = tmp_path / "pairs.jsonl"
    src.write_text(_jsonl([{"id": "a", "claim": CLAIM, "text": DISAGREE},
                           {"id": "b", "claim": CLAIM, "text": UNRELATED}]), encoding="utf-8")
    res = run_cli("stance", str(src), "--model", "rules")
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(r["id"], r["stance"]) for r in rows] == [("a", "disagree"), ("b", "unrelated")]
    assert set(rows[0]) == {"id", "stance", "score", "evidence"}
    assert rows[0]["evidence"] and all(DISAGREE[s:e] for s, e in rows[0]["evidence"])


def test_stance_cli_stdin_and_json_format():
    res = run_cli("stance", "-", "--model", "rules", "--format", "json",
                  input=_jsonl([{"id": "x", "claim": CLAIM, "text": AGREE}]))
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)[0]["stance"] == "agree"


def test_stance_cli_malformed_line(tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text(_jsonl([{"id": "a", "claim": CLAIM, "text": AGREE}]) + "{not json\n"
                   + _jsonl([{"id": "c", "claim": CLAIM}, {"id": "d", "claim": CLAIM, "text": DISCUSS}]),
                   encoding="utf-8")
    res = run_cli("stance", str(src), "--model", "rules")
    assert res.exit_code == 1
    assert [json.loads(line)["id"] for line in res.stdout.splitlines()] == ["a", "d"]
    assert f"{src}:2: " in res.stderr
    assert f"{src}:3: " in res.stderr


def test_stance_cli_with_trained_model(tmp_path, gbm_model):
    src = tmp_path / "pairs.jsonl"
    src.write_text(_jsonl([{"id": "u", "claim": CLAIM, "text": UNRELATED}]), encoding="utf-8")
    res = run_cli("stance", str(src), "--model-path", str(gbm_model))
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["stance"] == "unrelated"


def test_train_group_has_stance():
    res = run_cli("train", "--help")
    assert res.exit_code == 0
    assert "stance" in res.stdout
