"""The benchmark instance shared by every baseline, as exact fractions.

d = 1, n points: x_i = ((7 i + 3) mod n) / n, y_j = j / n, zero initial
duals, lambda = 1/10, gamma = 1/20. The prompt and the hand-set weights follow
the construction: columns X, Y, nx, ny, one_a, one_b, one_c, mass, u, v, out.
`otverify bench` builds the same instance.
"""

from fractions import Fraction

WIDTH = 11
X, Y, NX, NY, ONE_A, ONE_B, ONE_C, MASS, U, V, OUT = range(WIDTH)
LAMBDA = Fraction(1, 10)
GAMMA = Fraction(1, 20)


def tokens(n):
    """Return the (n + 1) x 11 prompt Z as lists of fractions."""
    rows = []
    for i in range(n):
        x = Fraction((7 * i + 3) % n, n)
        y = Fraction(i, n)
        rows.append([x, y, x * x, y * y, 1, 1, 1, 1, 0, 0, 0])
    extra = [Fraction(0)] * WIDTH
    extra[MASS] = Fraction(-1, n)
    rows.append(extra)
    return [[Fraction(value) for value in row] for row in rows]


def query_key(mirrored):
    """Return Q_U (or Q_V when mirrored) with every entry divided by lambda."""
    x, y, nx, ny, u, v = (Y, X, NY, NX, V, U) if mirrored else (X, Y, NX, NY, U, V)
    q = [[Fraction(0)] * WIDTH for _ in range(WIDTH)]
    q[ONE_A][ny] = -1 / LAMBDA
    q[x][y] = 2 / LAMBDA
    q[nx][ONE_A] = -1 / LAMBDA
    q[u][ONE_B] = 1 / LAMBDA
    q[ONE_B][ONE_C] = Fraction(-1)
    q[ONE_C][v] = 1 / LAMBDA
    return q


def value(destination):
    """Return W copying the mass column into `destination`."""
    w = [[Fraction(0)] * WIDTH for _ in range(WIDTH)]
    w[MASS][destination] = Fraction(1)
    return w


def heads():
    """Return [(Q_U, W_U), (Q_V, W_V)]."""
    return [(query_key(False), value(U)), (query_key(True), value(V))]
