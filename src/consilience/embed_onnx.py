"""all-MiniLM-L6-v2 as an ONNX graph, built by our own code and run by onnxruntime.

Why: numpy runs MiniLM at about 120 sentences/s on two cores; onnxruntime runs
the same fp32 arithmetic about three times faster (fused kernels, no temporary
arrays), with the same vectors to 1e-6. The model is neither downloaded nor
exported through torch: ``build_minilm_onnx`` writes the graph node by node, in
memory, from the same safetensors weights and the same forward pass as
``MiniLMEmbedder._forward_numpy`` in ``embed.py``. ``quantize_int8`` turns it
into the int8 model of the ``minilm-int8`` embedder, about twice as fast again.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import numpy as np

from .embed import NEURAL_HINT, EmbedderMissingError, read_config, read_safetensors

OPSET = 17


def _onnx_modules():
    try:
        import onnx
        import onnxruntime
        from onnx import TensorProto, helper, numpy_helper
    except ImportError:
        raise EmbedderMissingError(f"MiniLM on onnxruntime ('minilm-int8', and 'minilm' at full speed) needs onnx and onnxruntime: {NEURAL_HINT}") from None
    return onnx, onnxruntime, helper, numpy_helper, TensorProto


def build_minilm_onnx(folder: Path) -> bytes:
    """The serialized fp32 graph of all-MiniLM-L6-v2: inputs input_ids and
    attention_mask (int64, batch x tokens), output one unit vector per row."""
    onnx, _, helper, numpy_helper, TensorProto = _onnx_modules()
    layers, heads, eps = read_config(folder)
    w = read_safetensors(folder / "model.safetensors")
    d = w["embeddings.word_embeddings.weight"].shape[1]
    hd = d // heads
    nodes, inits = [], []

    def const(name: str, value) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def node(op: str, inputs: list[str], output: str, **attrs) -> str:
        nodes.append(helper.make_node(op, inputs, [output], name=output, **attrs))
        return output

    def linear(x: str, weight: np.ndarray, bias: np.ndarray, tag: str) -> str:
        mm = node("MatMul", [x, const(f"{tag}.w", weight.T.astype(np.float32).copy())], f"{tag}.mm")
        return node("Add", [mm, const(f"{tag}.b", bias.astype(np.float32))], f"{tag}.out")

    def layer_norm(x: str, prefix: str, tag: str) -> str:
        return node("LayerNormalization", [x, const(f"{tag}.g", w[prefix + ".weight"]), const(f"{tag}.beta", w[prefix + ".bias"])],
                    f"{tag}.out", axis=-1, epsilon=eps)

    words = node("Gather", [const("word_emb", w["embeddings.word_embeddings.weight"]), "input_ids"], "words")
    length = node("Gather", [node("Shape", ["input_ids"], "ids_shape"), const("one_i", np.array(1, np.int64))], "length")
    positions = node("Range", [const("zero_i", np.array(0, np.int64)), length, const("step_i", np.array(1, np.int64))], "positions")
    pos = node("Gather", [const("pos_emb", w["embeddings.position_embeddings.weight"]), positions], "pos")
    x = node("Add", [node("Add", [words, pos], "words_pos"),
                     const("type_emb", w["embeddings.token_type_embeddings.weight"][0])], "embedded")
    x = layer_norm(x, "embeddings.LayerNorm", "emb_ln")

    mask_f = node("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)
    # padded keys get -1e9 before the softmax, as in the numpy forward pass
    neg = node("Mul", [node("Sub", [const("one_f", np.array(1.0, np.float32)), mask_f], "inv_mask"),
                       const("big_neg", np.array(-1e9, np.float32))], "neg_mask")
    att_bias = node("Unsqueeze", [neg, const("axes_12", np.array([1, 2], np.int64))], "att_bias")
    scale = const("scale", np.array(1.0 / np.sqrt(hd), np.float32))
    qkv_shape = const("qkv_shape", np.array([0, 0, 3, heads, hd], np.int64))
    ctx_shape = const("ctx_shape", np.array([0, 0, d], np.int64))
    for i in range(layers):
        p = f"encoder.layer.{i}."
        t = f"l{i}"
        parts = ("query", "key", "value")
        qkv_w = np.concatenate([w[p + f"attention.self.{k}.weight"] for k in parts])
        qkv_b = np.concatenate([w[p + f"attention.self.{k}.bias"] for k in parts])
        qkv = linear(x, qkv_w, qkv_b, f"{t}.qkv")
        qkv = node("Transpose", [node("Reshape", [qkv, qkv_shape], f"{t}.qkv5")], f"{t}.qkvT", perm=[2, 0, 3, 1, 4])
        q, k, v = (node("Gather", [qkv, const(f"{t}.idx{j}", np.array(j, np.int64))], f"{t}.{name}", axis=0)
                   for j, name in enumerate("qkv"))
        scores = node("MatMul", [q, node("Transpose", [k], f"{t}.kT", perm=[0, 1, 3, 2])], f"{t}.qk")
        scores = node("Add", [node("Mul", [scores, scale], f"{t}.scaled"), att_bias], f"{t}.biased")
        probs = node("Softmax", [scores], f"{t}.probs", axis=-1)
        ctx = node("Transpose", [node("MatMul", [probs, v], f"{t}.ctx4")], f"{t}.ctxT", perm=[0, 2, 1, 3])
        ctx = node("Reshape", [ctx, ctx_shape], f"{t}.ctx")
        attended = linear(ctx, w[p + "attention.output.dense.weight"], w[p + "attention.output.dense.bias"], f"{t}.o")
        x = layer_norm(node("Add", [attended, x], f"{t}.res1"), p + "attention.output.LayerNorm", f"{t}.ln1")
        h = linear(x, w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"], f"{t}.ff1")
        erf = node("Erf", [node("Mul", [h, const(f"{t}.rsqrt2", np.array(1 / np.sqrt(2), np.float32))], f"{t}.hs")], f"{t}.erf")
        gelu = node("Mul", [node("Mul", [h, const(f"{t}.half", np.array(0.5, np.float32))], f"{t}.hh"),
                            node("Add", [erf, const(f"{t}.one", np.array(1.0, np.float32))], f"{t}.erf1")], f"{t}.gelu")
        h = linear(gelu, w[p + "output.dense.weight"], w[p + "output.dense.bias"], f"{t}.ff2")
        x = layer_norm(node("Add", [h, x], f"{t}.res2"), p + "output.LayerNorm", f"{t}.ln2")

    m3 = node("Unsqueeze", [mask_f, const("axes_2", np.array([2], np.int64))], "mask3")
    axis1 = const("axes_1", np.array([1], np.int64))
    summed = node("ReduceSum", [node("Mul", [x, m3], "masked"), axis1], "summed", keepdims=0)
    count = node("Max", [node("ReduceSum", [m3, axis1], "count0", keepdims=0), const("tiny", np.array(1e-9, np.float32))], "count")
    pooled = node("Div", [summed, count], "pooled")
    norm = node("Max", [node("ReduceL2", [pooled], "norm0", axes=[1], keepdims=1), const("tiny2", np.array(1e-12, np.float32))], "norm")
    node("Div", [pooled, norm], "embedding")

    graph = helper.make_graph(
        nodes, "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", d])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="consilience")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model.SerializeToString()


def quantize_int8(model: bytes) -> bytes:
    """The graph with int8 weights (per output channel) and int8 products computed on the
    CPU's integer units: about twice as fast, vectors within a cosine of about .99."""
    onnx, *_ = _onnx_modules()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # its advice to "pre-process" the model is for images
    try:
        with tempfile.TemporaryDirectory(prefix="consilience-onnx-") as tmp:
            out = Path(tmp) / "int8.onnx"
            quantize_dynamic(onnx.load_from_string(model), out, per_channel=True, weight_type=QuantType.QInt8)
            return out.read_bytes()
    finally:
        root.setLevel(level)


def minilm_session(folder: Path, int8: bool = False):
    """An onnxruntime session over the graph built from ``folder``'s weights (about 1 s;
    a few more with ``int8``)."""
    _, ort, *_ = _onnx_modules()
    options = ort.SessionOptions()
    options.intra_op_num_threads = min(os.cpu_count() or 1, 4)
    options.log_severity_level = 3
    model = build_minilm_onnx(folder)
    if int8:
        model = quantize_int8(model)
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
