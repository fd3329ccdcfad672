#!/usr/bin/env python3
"""Benchmark aid (not a test): the MRS-IPO trajectory of prefdyn's TrajectoryBenchmark in mpmath.

Same instance and the same arithmetic as prefdyn.dynamics.TrajectoryBenchmark: K = 4, a strictly
SST matrix, alpha = 1/2, lambda = 3/4, beta = 3, reference (4,3,2,1)/10, pi_0 uniform, start
uniform; per round theta <- center(alpha*theta + (1-alpha)*log(ref) + beta*P*(lambda*softmax(theta)
+ (1-lambda)*pi0)). Prints the CPU seconds per run (time.process_time: the machine may be shared) and the centered logits after the last round (so
the two implementations can be compared digit by digit).

usage: python3 bench/mrs_mpmath.py [digits ...]     (default: 50 1000)
"""
import sys
import time
from fractions import Fraction

from mpmath import mp, mpf, exp, log

P = [[Fraction(n, 10) for n in row] for row in
     [[5, 6, 8, 9], [4, 5, 6, 8], [2, 4, 5, 7], [1, 2, 3, 5]]]
ALPHA, LAMBDA, BETA = Fraction(1, 2), Fraction(3, 4), Fraction(3)
REF = [Fraction(4, 10), Fraction(3, 10), Fraction(2, 10), Fraction(1, 10)]
STEPS = 3000


def run(digits):
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
    for _ in range(STEPS):
        m = max(theta)
        e = [exp(x - m) for x in theta]
        s = sum(e)
        mu = [lam * (x / s) + o for x, o in zip(e, offline)]
        nxt = [alpha * theta[i] + scaled[i] + beta * sum(p[i][j] * mu[j] for j in range(k)) for i in range(k)]
        c = sum(nxt) / k
        theta = [x - c for x in nxt]
    return time.process_time() - t0, theta


if __name__ == "__main__":
    for d in [int(a) for a in sys.argv[1:]] or [50, 1000]:
        secs, theta = run(d)
        print(f"mpmath digits={d} steps={STEPS} seconds={secs:.3f}")
        print("  theta_0 =", mp.nstr(theta[0], min(d, 60)))
