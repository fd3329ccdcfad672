#!/usr/bin/env python3
"""numpy baseline for the paper-scale MRS-IPO sweep, vectorized over matrices (for timing).

Reads a HelpSteer-format JSON Lines file with K responses per prompt, e.g. the SYNTHETIC data that
`prefdyn experiment --synthetic 5000 --write-synthetic FILE` writes, and builds one matrix per
prompt, P_ij = sigmoid(score_i - score_j) on a random attribute per pair (numpy's seeded
generator: the same construction as prefdyn, not the same random draws). Then, for all N
matrices at once (arrays of shape (N, K)), it runs T MRS-IPO rounds with uniform reference,
offline sampler and start,

    theta_{t+1} = Pi( alpha*theta_t + (1-alpha)*log(ref) + beta * P (lam*softmax(theta_t) + (1-lam)*pi0) )

accumulating the same cycle strength as prefdyn (per-coordinate time variance over rounds 1..T,
Welford, mean over coordinates) and the terminal entropy, and prints the time of the rounds
(matrix construction excluded, as in prefdyn's "fast path" time).

Usage: python3 bench/sweep_numpy.py FILE.jsonl [--k 4] [--steps 3000] [--alpha 0.5] [--lam 1] [--beta 1]
       python3 bench/sweep_numpy.py --random N [...]   (N matrices from random scores, no file; `prefdyn bench`)
"""
import argparse
import json
import time
from collections import OrderedDict

import numpy as np

ATTRS = ["helpfulness", "correctness", "coherence", "complexity", "verbosity"]


def load(path, k, rng):
    groups = OrderedDict()
    with open(path) as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                groups.setdefault(r["prompt"], []).append([r[a] for a in ATTRS])
    mats = []
    for rows in groups.values():
        if len(rows) < k:
            continue
        s = np.array(rows[:k], dtype=float)
        p = np.full((k, k), 0.5)
        for i in range(k):
            for j in range(i + 1, k):
                a = rng.integers(len(ATTRS))
                p[i, j] = 1 / (1 + np.exp(-(s[i, a] - s[j, a])))
                p[j, i] = 1 - p[i, j]
        mats.append(p)
    return np.array(mats)


def sweep(P, steps, alpha, lam, beta):
    n, k, _ = P.shape
    theta = np.zeros((n, k))
    log_ref = np.zeros((n, k))  # uniform reference, centered
    pi0 = np.full((n, k), 1.0 / k)
    mean = np.zeros((n, k))
    m2 = np.zeros((n, k))
    for t in range(1, steps + 1):
        z = np.exp(theta - theta.max(axis=1, keepdims=True))
        pi = z / z.sum(axis=1, keepdims=True)
        mu = lam * pi + (1 - lam) * pi0
        theta = alpha * theta + (1 - alpha) * log_ref + beta * np.einsum("nij,nj->ni", P, mu)
        theta -= theta.mean(axis=1, keepdims=True)
        z = np.exp(theta - theta.max(axis=1, keepdims=True))
        pi = z / z.sum(axis=1, keepdims=True)
        d = pi - mean
        mean += d / t
        m2 += d * (pi - mean)
    cs = m2.sum(axis=1) / steps / k
    logz = np.log(np.exp(theta - theta.max(axis=1, keepdims=True)).sum(axis=1, keepdims=True))
    logpi = theta - theta.max(axis=1, keepdims=True) - logz
    h = -(np.exp(logpi) * logpi).sum(axis=1)
    return cs, h


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?")
    ap.add_argument("--random", type=int, default=0, help="N matrices P_ij = sigmoid(s_i - s_j) of random scores")
    ap.add_argument("--k", type=int, default=4)
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--alpha", type=float, default=0.5)
    ap.add_argument("--lam", type=float, default=1.0)
    ap.add_argument("--beta", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.random > 0:
        s = np.random.default_rng(a.seed).uniform(0, 4, size=(a.random, a.k))
        P = 1 / (1 + np.exp(-(s[:, :, None] - s[:, None, :])))
    elif a.file:
        P = load(a.file, a.k, np.random.default_rng(a.seed))
    else:
        ap.error("give FILE.jsonl or --random N")
    t0, c0 = time.perf_counter(), time.process_time()
    cs, h = sweep(P, a.steps, a.alpha, a.lam, a.beta)
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    print(f"numpy sweep: {P.shape[0]} matrices x {a.steps} rounds (K={a.k}), alpha={a.alpha} lambda={a.lam} "
          f"beta={a.beta}: {dt:.3f} s; mean cycle strength {cs.mean():.4g}, mean terminal entropy {h.mean():.4g}")
    print(f"  cpu seconds={dc:.3f}  ns per matrix-round={dc / (P.shape[0] * a.steps) * 1e9:.1f}")


if __name__ == "__main__":
    main()
