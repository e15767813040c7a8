# one angle per column j with the pair index j // 2, then sin or cos chosen by the column's parity with np.where
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model, base=10000.0, dtype=np.float64):
    out_type = np.dtype(dtype)
    if out_type.kind != "f":
        raise ValueError("only floating dtypes")
    if d_model <= 0 or d_model % 2 == 1:
        raise ValueError("d_model must be even and positive")
    if seq_len < 0:
        raise ValueError("negative seq_len")
    j = np.arange(d_model)
    angle = np.arange(seq_len)[:, None] / np.power(float(base), 2 * (j // 2) / d_model)
    return np.where(j % 2 == 0, np.sin(angle), np.cos(angle)).astype(out_type)
