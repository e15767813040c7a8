# builds the table row by row with a list comprehension: seq_len 0 gives np.array([]) of shape (0,), not (0, d_model)
# fails: seq_len 0 gives an empty (0, d_model) array
import math

import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model, base=10000.0, dtype=np.float64):
    if not np.issubdtype(np.dtype(dtype), np.floating):
        raise ValueError("floating dtypes only")
    if d_model < 2 or d_model % 2:
        raise ValueError("d_model must be a positive even number")
    if seq_len < 0:
        raise ValueError("seq_len must be >= 0")

    def row(pos):
        values = []
        for i in range(d_model // 2):
            angle = pos / base ** (2 * i / d_model)
            values += [math.sin(angle), math.cos(angle)]
        return values

    return np.array([row(pos) for pos in range(seq_len)], dtype=dtype)
