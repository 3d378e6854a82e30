"""One hidden layer in numpy float64, dense: Z - gamma sum_h softmax(Z Q Z^T) Z W."""

import numpy as np

import prompt


def build(n, bits):
    """Return a function that applies one layer to its own copy of the prompt."""
    if bits != 53:
        raise ValueError("numpy runs in float64 (53 bits) only")
    z = np.array(prompt.tokens(n), dtype=np.float64)
    heads = [(np.array(q, dtype=np.float64), np.array(w, dtype=np.float64)) for q, w in prompt.heads()]
    gamma = float(prompt.GAMMA)
    state = {"z": z}

    def step():
        z = state["z"]
        update = np.zeros_like(z)
        for q, w in heads:
            scores = z @ q @ z.T
            scores -= scores.max(axis=1, keepdims=True)
            weights = np.exp(scores)
            weights /= weights.sum(axis=1, keepdims=True)
            update += weights @ (z @ w)
        state["z"] = z - gamma * update

    return step
