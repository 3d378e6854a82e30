"""One hidden layer in mpmath at a given precision, dense, with mpmath matrices."""

import mpmath

import prompt


def build(n, bits):
    """Return a function that applies one layer to its own copy of the prompt."""
    context = mpmath.MPContext()
    context.prec = bits

    def matrix(rows):
        return context.matrix([[context.mpf(value.numerator) / value.denominator for value in row] for row in rows])

    z = matrix(prompt.tokens(n))
    heads = [(matrix(q), matrix(w)) for q, w in prompt.heads()]
    gamma = context.mpf(prompt.GAMMA.numerator) / prompt.GAMMA.denominator
    rows = n + 1
    state = {"z": z}

    def step():
        z = state["z"]
        update = context.zeros(rows, prompt.WIDTH)
        for q, w in heads:
            scores = z * q * z.T
            weights = context.zeros(rows, rows)
            for i in range(rows):
                largest = max(scores[i, j] for j in range(rows))
                total = context.mpf(0)
                for j in range(rows):
                    weights[i, j] = context.exp(scores[i, j] - largest)
                    total += weights[i, j]
                for j in range(rows):
                    weights[i, j] /= total
            update += weights * (z * w)
        state["z"] = z - gamma * update

    return step
