"""Stance of an article toward a claim: rules model, learned model (trained on a
tiny synthetic set written here), the registry and the `stance` CLI contract."""

from __future__ import annotations

import json
import random

import numpy as np
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
    monkeypatch.setattr(st, "_noticed", set())
    model = st.get_stance_model("gbm", tmp_path / "missing.joblib")
    assert model.name == "rules"
    assert "rules" in capsys.readouterr().err
    # a file that is not a model: one clear line on stderr, then the rules
    bad = tmp_path / "bad.joblib"
    bad.write_bytes(b"not a pickle")
    monkeypatch.setattr(st, "_noticed", set())
    assert st.get_stance_model("gbm", bad).name == "rules"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot load the stance model" in err
    # the environment variable names the model; "none" means the rules, silently
    monkeypatch.setattr(st, "_noticed", set())
    monkeypatch.setenv("CONSILIENCE_STANCE_MODEL", "none")
    assert st.get_stance_model("gbm").name == "rules"
    assert capsys.readouterr().err == ""
    monkeypatch.setenv("CONSILIENCE_STANCE_MODEL", str(tmp_path / "elsewhere.joblib"))
    assert st.model_path() == str(tmp_path / "elsewhere.joblib")
    assert st.model_path(bad) == str(bad)  # an explicit path wins


def test_shipped_model(monkeypatch):
    """The default model ships inside the package, small, and is what `gbm` loads."""
    monkeypatch.delenv("CONSILIENCE_STANCE_MODEL", raising=False)
    path = st.default_model_path()
    assert path.name == "stance_model.joblib" and path.parent.name == "data"
    assert path.is_file(), "src/consilience/data/stance_model.joblib is missing"
    assert path.stat().st_size <= 30e6
    model = st.get_stance_model("gbm")
    assert model.name == "gbm"
    assert model.bundle["part"] == "train"  # never trained on the dev part
    out = model.predict([(CLAIM, AGREE), (CLAIM, DISAGREE), (CLAIM, UNRELATED)])
    assert out[0].stance in ("agree", "discuss")
    assert out[1].stance == "disagree"
    assert out[2].stance == "unrelated" and out[2].relevance < 0.5 < out[0].relevance
    s, e = out[1].evidence[0]
    assert DISAGREE[s:e].startswith("Mayor Alice Brandt denied")


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
    # no class multipliers: they were chosen for FNC-1's class balance, not this toy set's
    bundle = st.train(synthetic_rows(), max_iter=60, prior=(1, 1, 1, 1))
    path = tmp_path_factory.mktemp("stance") / "stance.joblib"
    st.save(bundle, path)
    return path


def test_training_is_seeded(gbm_model):
    """Same rows, same seed: the same model (the shipped one is rebuilt this way)."""
    again = st.train(synthetic_rows(), max_iter=60, prior=(1, 1, 1, 1))
    first = st.GBMStanceModel.load(gbm_model)
    pairs = [(r[0], r[1]) for r in synthetic_rows(seed=2)[::9]]
    np.testing.assert_array_equal(first.probabilities(pairs)[0], st.GBMStanceModel(again).probabilities(pairs)[0])


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
    assert "denied" in DISAGREE[slice(*rows[0]["evidence"][0])]
    assert rows[1]["evidence"] == []
    res = run_cli("stance", str(src), "--model", "rules", "--no-evidence")
    assert set(json.loads(res.stdout.splitlines()[0])) == {"id", "stance", "score"}


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


# -- features ---------------------------------------------------------------------

def test_negation_scope_and_refuting_phrases():
    from consilience.compare.stance_features import (
        LEX_NAMES,
        LEXICAL_NAMES,
        claim_negated,
        lexical_features,
        read_body,
        read_claim,
    )

    body = read_body("The council denied that the mayor resigned. She did not resign, a spokesman said. "
                     "It turned out to be a rumour. The weather was mild.")
    assert "resign" in body.neg_scope[0] and "resign" in body.neg_scope[1]
    assert body.neg_scope[3] == set()
    assert body.lex[2, LEX_NAMES.index("rphrase")] >= 1  # "turned out"
    claim = read_claim("The mayor resigned")
    feats, order = lexical_features(claim, body, np.array([1.0, 0.9, 0.1, 0.0], dtype=np.float32))
    named = dict(zip(LEXICAL_NAMES, feats, strict=True))
    assert named["neg_top"] == 1.0 and named["neg_near_sents"] == 2  # "denied that the mayor resigned"
    # a claim that is itself negated: the body denying the term is no contradiction
    neg = read_claim("The mayor did not resign")
    assert claim_negated(neg) == {"resign"}
    named = dict(zip(LEXICAL_NAMES, lexical_features(neg, body, np.ones(4, dtype=np.float32))[0], strict=True))
    assert named["neg_all"] == pytest.approx(1 / 3)  # "mayor" only: "resign" is negated on both sides


def test_refuting_words_near_claim_terms():
    from consilience.compare.stance_features import (
        LEXICAL_NAMES,
        lexical_features,
        near_claim_cues,
        read_body,
        read_claim,
    )

    claim = read_claim("The lighthouse keeper found a golden coin")
    body = read_body("Reports that the lighthouse keeper found a golden coin are a hoax. "
                     "The harbour was quiet and the ferry was late, which is not unusual in a storm. "
                     "Nobody was hurt, and the fake alarm at the bakery was fixed.")
    cues = near_claim_cues(claim, body)
    assert cues.shape == (3, 4)
    assert cues[0, 0] == 1 and cues[0, 1] == 1  # "hoax" a few words after "coin"
    assert cues[1].tolist() == [0, 0, 0, 0]  # no claim term: the "not" there does not count
    assert cues[2, 1] == 0  # "fake", but about an alarm, not the claim
    named = dict(zip(LEXICAL_NAMES, lexical_features(claim, body, np.array([1.0, 0.0, 0.0], dtype=np.float32))[0],
                     strict=True))
    assert named["strong_near_top"] == 1 and named["strong_near_best"] == 1
    assert named["strong_body"] == 2  # "hoax" and "fake", near the claim or not


# -- check ------------------------------------------------------------------------

def test_check_ranks_stored_articles(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Mayor Alice Brandt resigns over harbour contract\n"
        "Mayor Alice Brandt resigned on Friday after the harbour contract scandal, the city council said. "
        "Her deputy will lead the city until the spring election.\n", encoding="utf-8")
    (corpus / "b.txt").write_text(
        "Brandt denies resignation\n"
        "Mayor Alice Brandt denied that she resigned over the harbour contract scandal, calling the "
        "reports false. \"I am not going anywhere,\" she told the Harbour Gazette.\n", encoding="utf-8")
    (corpus / "c.txt").write_text(
        "Club signs goalkeeper\n"
        "The football club signed a new goalkeeper from Lisbon on a three-year deal, the club said. "
        "Fans queued for tickets outside the stadium all morning.\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert run_cli("analyze", str(corpus), "--db", db).exit_code == 0
    res = run_cli("check", "Mayor Alice Brandt resigned over the harbour contract scandal", "--db", db,
                  "--format", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)["articles"]
    assert len(rows) == 2  # the football story is unrelated
    assert [r["relevance"] for r in rows] == sorted((r["relevance"] for r in rows), reverse=True)
    assert {r["title"] for r in rows} == {"Mayor Alice Brandt resigns over harbour contract",
                                          "Brandt denies resignation"}
    # the stance itself is the model's (the shipped one reads this short denial as agree:
    # FNC-1 bodies are long); the rules model below must call it a dispute
    assert all(r["stance"] in ("agree", "disagree", "discuss") for r in rows)
    for r in rows:
        for ev in r["evidence"]:
            assert ev["text"] and ev["end"] > ev["start"]
            assert isinstance(ev["sources"], list)
    res = run_cli("check", "Mayor Alice Brandt resigned", "--db", db, "--model", "rules")
    assert res.exit_code == 0 and "DISAGREE" in res.stdout
