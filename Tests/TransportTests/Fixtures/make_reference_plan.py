"""Writes reference_plan.txt: an entropic OT plan to 60 significant digits.

An independent check of the Swift Sinkhorn: Python's standard `decimal`
module at 100 digits, plain (not log-domain) Sinkhorn scaling on the kernel
K = exp(-C/lambda), iterated until the marginals are within 1e-90 of 1/n.
The points and lambda are exact decimals, so both sides solve the same
problem. Run: python3 make_reference_plan.py > reference_plan.txt
"""
from decimal import Decimal, getcontext

getcontext().prec = 100

SOURCE = [("0.1", "0.7"), ("1.3", "-0.2"), ("-0.45", "0.05"), ("0.9", "1.1")]
TARGET = [("0.3", "0.2"), ("-0.6", "0.9"), ("1.05", "0.4"), ("0.2", "-0.75")]
LAMBDA = Decimal("0.5")

x = [[Decimal(c) for c in p] for p in SOURCE]
y = [[Decimal(c) for c in p] for p in TARGET]
n = len(x)
cost = [[sum((a - b) ** 2 for a, b in zip(x[i], y[j])) for j in range(n)] for i in range(n)]
kernel = [[(-cost[i][j] / LAMBDA).exp() for j in range(n)] for i in range(n)]
mass = Decimal(1) / n
a = [Decimal(1)] * n
b = [Decimal(1)] * n
for _ in range(100000):
    a = [mass / sum(kernel[i][j] * b[j] for j in range(n)) for i in range(n)]
    b = [mass / sum(kernel[i][j] * a[i] for i in range(n)) for j in range(n)]
    plan = [[a[i] * kernel[i][j] * b[j] for j in range(n)] for i in range(n)]
    error = max(abs(sum(plan[i]) - mass) for i in range(n))
    if error < Decimal("1e-90"):
        break
else:
    raise SystemExit("Sinkhorn did not converge")

print("lambda", LAMBDA)
for p in SOURCE:
    print("source", *p)
for p in TARGET:
    print("target", *p)
for i in range(n):
    print("plan", *(f"{plan[i][j]:.60e}" for j in range(n)))
