# checks d_model % 2 only: d_model 0 passes and returns a (10, 0) table
# fails: d_model 0 raises ValueError
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model, base=10000.0, dtype=np.float64):
    """The (seq_len, d_model) table of Vaswani et al.: PE[pos, 2i] = sin(pos / base ** (2i / d_model)),
    PE[pos, 2i + 1] = cos(pos / base ** (2i / d_model)).

    Computed in float64 whatever `dtype` is, then cast to it (anything np.dtype accepts, floating only).
    """
    dtype = np.dtype(dtype)
    if not np.issubdtype(dtype, np.floating):
        raise ValueError(f"dtype must be a floating type, got {dtype}")
    if d_model % 2 != 0:
        raise ValueError(f"d_model must be a positive even number, got {d_model}")
    if seq_len < 0:
        raise ValueError(f"seq_len must be >= 0, got {seq_len}")
    position = np.arange(seq_len, dtype=np.float64)[:, None]  # (L, 1)
    inv_freq = base ** (-np.arange(0, d_model, 2, dtype=np.float64) / d_model)  # (d/2,): 1 / base ** (2i / d)
    angles = position * inv_freq  # (L, d/2)
    pe = np.empty((seq_len, d_model), dtype=np.float64)
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe.astype(dtype)
