# the PyTorch tutorial's div_term = exp(-log(base) * 2i / d_model), an outer product, and stacked (sin, cos) pairs
import math

import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model, base=10000.0, dtype=np.float64):
    if not np.issubdtype(np.dtype(dtype), np.floating):
        raise ValueError(f"{dtype} is not a floating dtype")
    if d_model % 2 or d_model < 2:
        raise ValueError(f"d_model {d_model} must be even and at least 2")
    if seq_len < 0:
        raise ValueError(f"seq_len {seq_len} < 0")
    div_term = np.exp(np.arange(0, d_model, 2) * (-math.log(base) / d_model))
    angles = np.outer(np.arange(seq_len, dtype=np.float64), div_term)
    return np.stack([np.sin(angles), np.cos(angles)], axis=-1).reshape(seq_len, d_model).astype(dtype)
