"""Writes constants.txt: reference values to 520 significant digits.

Computed with Python's standard `decimal` module (an implementation independent
of MPFR) and Machin's formula for pi, so the Swift tests compare MPFR with an
outside computation. Run: python3 make_constants.py > constants.txt
"""
from decimal import Decimal, getcontext

DIGITS = 520
getcontext().prec = DIGITS + 30


def arctan_inverse(x: int) -> Decimal:
    """arctan(1/x) by its Taylor series, to the context precision."""
    total = term = Decimal(1) / x
    x2 = x * x
    k = 1
    while True:
        term /= -x2
        step = term / (2 * k + 1)
        if step.copy_abs() < Decimal(10) ** (-(DIGITS + 25)):
            return total
        total += step
        k += 1


pi = 4 * (4 * arctan_inverse(5) - arctan_inverse(239))
values = {
    "e": Decimal(1).exp(),
    "pi": pi,
    "ln2": Decimal(2).ln(),
    "exp(-200)": Decimal(-200).exp(),
    "exp(1000)": Decimal(1000).exp(),
    "log1p(1e-30)": (Decimal(1) + Decimal("1e-30")).ln(),
    "sqrt(2)": Decimal(2).sqrt(),
}
getcontext().prec = DIGITS
for name, value in values.items():
    print(f"{name} {+value:.{DIGITS - 1}e}")
