#!/usr/bin/env python3
"""Time one hidden layer of the construction in numpy, mpmath or python-flint.

Run with any Python 3.9+: on first use the script creates Benchmarks/.venv,
installs requirements.txt into it from PyPI, and re-runs itself there.

    python3 Benchmarks/baseline.py --library flint --n 32 --bits 256 --repetitions 5

It prints one JSON object: library, n, bits, repetitions, median_seconds and
the per-repetition samples. Each repetition applies one layer to the tokens
left by the previous one, after one untimed warm-up layer.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv")
VENV_PYTHON = os.path.join(VENV, "bin", "python")


def ensure_virtual_environment():
    """Create the virtual environment if needed and re-execute inside it."""
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    if not os.path.exists(VENV_PYTHON):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([VENV_PYTHON, "-m", "pip", "install", "--quiet", "-r", os.path.join(HERE, "requirements.txt")],
                       check=True)
    os.execv(VENV_PYTHON, [VENV_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", choices=["numpy", "mpmath", "flint"], required=True)
    parser.add_argument("--n", type=int, required=True, help="number of points (tokens minus one)")
    parser.add_argument("--bits", type=int, required=True, help="working precision in bits; numpy needs 53")
    parser.add_argument("--repetitions", type=int, default=5, help="timed layers (default: 5)")
    arguments = parser.parse_args()
    ensure_virtual_environment()

    sys.path.insert(0, HERE)
    module = __import__("layer_" + arguments.library)
    step = module.build(arguments.n, arguments.bits)
    step()
    samples = []
    for _ in range(arguments.repetitions):
        start = time.perf_counter()
        step()
        samples.append(time.perf_counter() - start)
    print(json.dumps({
        "library": arguments.library,
        "n": arguments.n,
        "bits": arguments.bits,
        "repetitions": arguments.repetitions,
        "median_seconds": statistics.median(samples),
        "samples": samples,
    }))


if __name__ == "__main__":
    main()
