/* Scalar limit for the double fast path of the sweep (prefdyn.dynamics.FastMrs as driven by
   prefdyn.experiment.Sweep): the same per-run loop in C, one core, no vectorization across runs.
   Per round: theta <- center(alpha*theta + (1-alpha)*log(ref) + beta*P*(lam*pi + (1-lam)*pi0)) with
   pi = softmax(theta) (one softmax per round: the new policy is reused by the next round), then the
   same bookkeeping as the sweep (underflow flag, Welford moments over all rounds and over the tail).
   Matrices: P_ij = sigmoid(s_i - s_j) for random scores (the construction of the sweep; timing does
   not depend on the draws). Uniform reference, offline sampler and start.
   Build and run:  cc -O2 bench/sweep_scalar.c -o target/sweep_scalar -lm && target/sweep_scalar [N] [T]
   Prints the CPU seconds of the rounds and ns per matrix-round. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#define K 4
int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 5000, steps = argc > 2 ? atoi(argv[2]) : 3000;
  double alpha = 0.5, lam = 1, beta = 1, sink = 0;
  unsigned long long x = 88172645463325252ULL;
  double (*P)[K][K] = malloc(sizeof(double[K][K]) * n);
  for (int m = 0; m < n; m++) {
    double s[K];
    for (int i = 0; i < K; i++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; s[i] = (x >> 11) * 0x1.0p-53 * 4; }
    for (int i = 0; i < K; i++) for (int j = 0; j < K; j++) P[m][i][j] = 1 / (1 + exp(-(s[i] - s[j])));
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
  for (int m = 0; m < n; m++) {
    double th[K] = {0}, pi[K], mu[K], nx[K], mean[K] = {0}, m2[K] = {0}, tmean[K] = {0}, tm2[K] = {0};
    int under = 0, tail = steps / 2 + 1;
    double mx = th[0], sum = 0;
    for (int i = 0; i < K; i++) { pi[i] = exp(th[i] - mx); sum += pi[i]; }
    for (int i = 0; i < K; i++) pi[i] /= sum;
    for (int t = 1; t <= steps; t++) {
      for (int i = 0; i < K; i++) mu[i] = lam * pi[i] + (1 - lam) / K;
      double c = 0;
      for (int i = 0; i < K; i++) {
        double a = 0;
        for (int j = 0; j < K; j++) a += P[m][i][j] * mu[j];
        nx[i] = alpha * th[i] + beta * a; /* uniform reference: centered log-ref is 0 */
        c += nx[i];
      }
      c /= K;
      mx = -INFINITY; sum = 0;
      for (int i = 0; i < K; i++) { th[i] = nx[i] - c; if (th[i] > mx) mx = th[i]; }
      for (int i = 0; i < K; i++) { pi[i] = exp(th[i] - mx); sum += pi[i]; }
      for (int i = 0; i < K; i++) { pi[i] /= sum; under |= pi[i] < DBL_MIN; }
      for (int i = 0; i < K; i++) { double d = pi[i] - mean[i]; mean[i] += d / t; m2[i] += d * (pi[i] - mean[i]); }
      if (t >= tail) {
        int u = t - tail + 1;
        for (int i = 0; i < K; i++) { double d = pi[i] - tmean[i]; tmean[i] += d / u; tm2[i] += d * (pi[i] - tmean[i]); }
      }
    }
    for (int i = 0; i < K; i++) sink += m2[i] + tm2[i] + th[i] + under;
  }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
  double sec = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
  printf("scalar C sweep: %d matrices x %d rounds (K=%d): cpu seconds=%.3f  ns per matrix-round=%.1f  (checksum %.6g)\n",
         n, steps, K, sec, sec / ((double) n * steps) * 1e9, sink);
  free(P);
  return 0;
}
