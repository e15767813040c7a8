# Correct: the state_dicts' values zipped after checking names and shapes, the arithmetic on .data.
def ema_update(shadow, model, decay):
    if not (0.0 <= decay <= 1.0):
        raise ValueError(f"bad decay {decay}")
    s_state, m_state = shadow.state_dict(keep_vars=True), model.state_dict(keep_vars=True)
    if list(s_state) != list(m_state) or any(a.shape != b.shape for a, b in zip(s_state.values(), m_state.values())):
        raise ValueError("shadow and model do not match")
    for s, m in zip(s_state.values(), m_state.values()):
        if s.dtype.is_floating_point:
            s.data = decay * s.data + (1 - decay) * m.data
        else:
            s.data.copy_(m.data)
    return None
