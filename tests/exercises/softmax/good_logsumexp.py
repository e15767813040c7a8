# softmax through log-sum-exp: exp(x - logsumexp(x)), computed stably by hand
import numpy as np


def softmax(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    log_sum = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    return np.exp(x - log_sum)
