#!/usr/bin/env python3
"""Benchmark aid (not a test): the MRS-IPO trajectory of prefdyn's TrajectoryBenchmark in mpmath.

Same instance and the same arithmetic as prefdyn.dynamics.TrajectoryBenchmark: K = 4, a strictly
SST matrix, alpha = 1/2, lambda = 3/4, beta = 3, reference (4,3,2,1)/10, pi_0 uniform, start
uniform; per round theta <- center(alpha*theta + (1-alpha)*log(ref) + beta*P*(lambda*softmax(theta)
+ (1-lambda)*pi0)). Prints mpmath's backend (gmpy when gmpy2 is installed and MPMATH_NOGMPY is
unset, else python), the CPU seconds of the rounds (time.process_time: the machine may be shared;
start-up and set-up excluded) and theta_0 after the last round (so the implementations can be
compared digit by digit). `prefdyn bench` runs it as a reference; the same instance as a whole
command is `prefdyn iterate --pref bench/mrs_instance.txt --alpha 1/2 --lambda 3/4 --beta 3
--ref 0.4,0.3,0.2,0.1 --steps T --digits D`.

usage: python3 bench/mrs_mpmath.py [--steps T] [digits ...]     (default: 3000 rounds at 50 and 1000)
"""
import argparse
import time
from fractions import Fraction

import mpmath
from mpmath import mp, mpf, exp, log

P = [[Fraction(n, 10) for n in row] for row in
     [[5, 6, 8, 9], [4, 5, 6, 8], [2, 4, 5, 7], [1, 2, 3, 5]]]
ALPHA, LAMBDA, BETA = Fraction(1, 2), Fraction(3, 4), Fraction(3)
REF = [Fraction(4, 10), Fraction(3, 10), Fraction(2, 10), Fraction(1, 10)]


def run(digits, steps):
    mp.dps = digits + 12 + digits // 10  # prefdyn's working digits for --digits D
    k = len(P)
    p = [[mpf(x.numerator) / x.denominator for x in row] for row in P]
    alpha, lam, beta = (mpf(x.numerator) / x.denominator for x in (ALPHA, LAMBDA, BETA))
    logref = [log(mpf(x.numerator) / x.denominator) for x in REF]
    mean = sum(logref) / k
    scaled = [(1 - alpha) * (x - mean) for x in logref]
    offline = [(1 - lam) / k] * k
    theta = [mpf(0)] * k
    t0 = time.process_time()
    for _ in range(steps):
        m = max(theta)
        e = [exp(x - m) for x in theta]
        s = sum(e)
        mu = [lam * (x / s) + o for x, o in zip(e, offline)]
        nxt = [alpha * theta[i] + scaled[i] + beta * sum(p[i][j] * mu[j] for j in range(k)) for i in range(k)]
        c = sum(nxt) / k
        theta = [x - c for x in nxt]
    return time.process_time() - t0, theta


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="MRS-IPO rounds of prefdyn's bench instance in mpmath")
    ap.add_argument("--steps", type=int, default=3000, help="rounds (default 3000)")
    ap.add_argument("digits", type=int, nargs="*", default=[50, 1000])
    a = ap.parse_args()
    backend = mpmath.libmp.BACKEND
    for d in a.digits:
        secs, theta = run(d, a.steps)
        print(f"mpmath backend={backend} digits={d} steps={a.steps} seconds={secs:.6f}")
        print("  theta_0 =", mp.nstr(theta[0], min(d, 60)))
