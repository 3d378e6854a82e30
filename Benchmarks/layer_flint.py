"""One hidden layer in python-flint arb balls at a given precision, dense.

The softmax skips the shift by the row maximum: arb exponents are unbounded,
so exp cannot overflow, and the shift would only add work.
"""

import flint

import prompt


def build(n, bits):
    """Return a function that applies one layer to its own copy of the prompt."""
    flint.ctx.prec = bits

    def matrix(rows):
        return flint.arb_mat([[flint.arb(value.numerator) / value.denominator for value in row] for row in rows])

    z = matrix(prompt.tokens(n))
    heads = [(matrix(q), matrix(w)) for q, w in prompt.heads()]
    gamma = flint.arb(prompt.GAMMA.numerator) / prompt.GAMMA.denominator
    rows = n + 1
    state = {"z": z}

    def step():
        z = state["z"]
        update = flint.arb_mat(rows, prompt.WIDTH)
        for q, w in heads:
            scores = z * q * z.transpose()
            weights = flint.arb_mat(rows, rows)
            for i in range(rows):
                exponentials = [scores[i, j].exp() for j in range(rows)]
                total = sum(exponentials, flint.arb(0))
                for j in range(rows):
                    weights[i, j] = exponentials[j] / total
            update += weights * (z * w)
        state["z"] = z - gamma * update

    return step
