# multiplies the position by base ** (2i / d_model) instead of dividing by it
# fails: seq_len 10, d_model 16: sin in the even columns, cos in the odd ones
# fails: base = 100 sets the frequencies 100 ** (-2i / d_model)
# fails: float64 by default
import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model, base=10000.0, dtype=np.float64):
    """The (seq_len, d_model) table of Vaswani et al.: PE[pos, 2i] = sin(pos / base ** (2i / d_model)),
    PE[pos, 2i + 1] = cos(pos / base ** (2i / d_model)).

    Computed in float64 whatever `dtype` is, then cast to it (anything np.dtype accepts, floating only).
    """
    dtype = np.dtype(dtype)
    if not np.issubdtype(dtype, np.floating):
        raise ValueError(f"dtype must be a floating type, got {dtype}")
    if d_model < 2 or d_model % 2 != 0:
        raise ValueError(f"d_model must be a positive even number, got {d_model}")
    if seq_len < 0:
        raise ValueError(f"seq_len must be >= 0, got {seq_len}")
    position = np.arange(seq_len, dtype=np.float64)[:, None]  # (L, 1)
    inv_freq = base ** (np.arange(0, d_model, 2, dtype=np.float64) / d_model)
    angles = position * inv_freq  # (L, d/2)
    pe = np.empty((seq_len, d_model), dtype=np.float64)
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe.astype(dtype)
