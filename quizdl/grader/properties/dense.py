"""DenseNet: dropout applied to a dense layer's new features only, element by element, at its drop rate."""

from __future__ import annotations

from typing import Any

from quizdl.detail import Detail
from quizdl.grader.properties import Verdict, data, numpy, prop, within


@prop
def dropout_on_new_features(outcomes: list[list[Any]], calls: list[Any], p: float, keep_channels: int) -> Verdict:
    """Call 1 (train mode, drop rate p, several trials) against call 2 (the same layer and input, drop rate 0).

    The first `keep_channels` channels (the layer's input, concatenated) must come through untouched;
    every other element is either 0 or the undropped value / (1 - p); about a fraction p is zeroed,
    element by element (a whole feature map dropped at once is Dropout2d, not dropout).
    """
    np = numpy()
    base = data(outcomes[1][0].returned).astype(np.float64)
    zeroed, total, whole_maps = 0, 0, 0
    for trial, outcome in enumerate(outcomes[0]):
        out = data(outcome.returned).astype(np.float64)
        if out.shape != base.shape:
            return False, Detail("prop.dense_shape", trial=trial, got=out.shape, want=base.shape)
        if not np.allclose(out[:, :keep_channels], base[:, :keep_channels], rtol=1e-4, atol=1e-5):
            return False, Detail("prop.dense_input_changed", n=keep_channels)
        new, ref = out[:, keep_channels:], base[:, keep_channels:]
        dropped = (new == 0) & (ref != 0)
        scaled = np.isclose(new, ref / (1 - p), rtol=1e-4, atol=1e-5)
        if not (dropped | scaled).all():
            index = tuple(int(i) for i in np.argwhere(~(dropped | scaled))[0])
            if np.isclose(new[index], ref[index], rtol=1e-4, atol=1e-5):
                return False, Detail("prop.dense_not_scaled", trial=trial, scale=1 / (1 - p))
            return False, Detail("prop.dense_value", trial=trial, index=index, got=new[index],
                                 want=ref[index] / (1 - p))
        zeroed += int(dropped.sum())
        total += dropped.size
        maps = dropped.reshape(dropped.shape[0] * dropped.shape[1], -1)
        whole_maps += int(maps.all(axis=1).sum())
    if whole_maps:
        return False, Detail("prop.dense_whole_maps", n=whole_maps)
    return within(zeroed / total, p, total, Detail("prop.what_new_zeroed"))
