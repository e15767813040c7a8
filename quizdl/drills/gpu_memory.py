"""GPU-memory arithmetic: optimizer state, the training state of an fp32 model, activation tensors.

MB here means 10^6 bytes and GB 10^9 bytes, as the prompts say.
"""

from __future__ import annotations

from quizdl.drills.registry import Redraw, drill

_STATE_TENSORS = {"SGD": 0, "SGD(momentum=0.9)": 1, "Adam": 2, "AdamW": 2}
_BYTES = {"float32": 4, "float16": 2, "bfloat16": 2}


@drill
def optimizer_state_mb(params_m: float, optimizer: str) -> dict:
    """Bytes of optimizer state for params_m million fp32 parameters, in MB.

    momentum SGD keeps one buffer per parameter (momentum_buffer), Adam/AdamW two
    (exp_avg, exp_avg_sq); each is an fp32 tensor the size of the parameter. Adam/AdamW
    also keep a `step` scalar per parameter tensor (SGD keeps none): negligible.
    "One buffer" is no mistake for momentum SGD, so it is not listed there.
    """
    if optimizer not in _STATE_TENSORS or params_m <= 0:
        raise Redraw
    tensors = _STATE_TENSORS[optimizer]
    answer = tensors * 4 * params_m  # 4 bytes * params_m * 1e6 params / 1e6 bytes per MB
    return {
        "answer": answer,
        "tensors": tensors,
        "bytes_per_param": 4 * tensors,
        "one_buffer": 4 * params_m if tensors != 1 else None,
        "with_weights_and_grads": answer + 8 * params_m,
        "fp16_state": answer / 2,
    }


@drill
def adam_training_state_gb(params_b: float) -> dict:
    """fp32 training with Adam: weights 4 + gradients 4 + exp_avg 4 + exp_avg_sq 4 = 16 bytes per parameter.

    params_b is in billions, so the answer in GB (10^9 bytes) is 16 * params_b.
    """
    if params_b <= 0:
        raise Redraw
    return {
        "answer": 16 * params_b,
        "weights": 4 * params_b,
        "grads": 4 * params_b,
        "adam": 8 * params_b,
        "no_grads": 12 * params_b,
        "weights_and_grads": 8 * params_b,
    }


@drill
def activation_tensor_mb(n: int, c: int, h: int, w: int, dtype: str) -> dict:
    """Size of one activation tensor of shape (n, c, h, w) in MB (10^6 bytes)."""
    if dtype not in _BYTES:
        raise Redraw
    size = _BYTES[dtype]
    elements = n * c * h * w
    other = 2 if size == 4 else 4
    return {
        "answer": elements * size / 1e6,
        "elements": elements,
        "bytes_per_element": size,
        "other_dtype": elements * other / 1e6,
        "bits_as_bytes": elements * size * 8 / 1e6,
    }
