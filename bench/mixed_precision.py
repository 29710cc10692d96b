"""Does a single-precision Cholesky factor pay for the K lowest eigenpairs? (issue 30, item 1)

Both paths of the shift-invert search, written the same way in NumPy/SciPy on the same OpenBLAS
(one thread, as the pipeline's lanes run), on the Hessian at a minimum of one realization
(h = 0.01, kappa0 = 1, CG from x = 0 then Newton steps to |g| ~ 1e-15):

- double: dpotrf, block Lanczos on A = M^-1 by two dtrsm per block, full reorthogonalization,
  stop when every one of the K lowest Ritz pairs has ||M psi - lambda psi|| <= 1e-10 lambda_K on M
  (LowestModes' criterion and its gate on the Lanczos estimates; the Ritz pairs are looked at every
  fourth block on both paths, not on LowestModes' extrapolated schedule);
- mixed: spotrf, the same Lanczos with two strsm per block until the Lanczos estimates reach the
  float floor (1e-5 relative), then Rayleigh-Ritz on M in double over the top K + b Ritz vectors
  and LOBPCG steps preconditioned by the float factor, [V, T R, P] with R = M V - V Lambda in
  double, until the same criterion holds on M.

usage: OPENBLAS_CORETYPE=Haswell python3 bench/mixed_precision.py [N ...]   (default 2000 4000)

Prints per N one line:
  N=<n> K=<k> double_tail_s= mixed_tail_s= mixed_over_double= lanczos_columns_double=
  lanczos_columns_mixed= float_floor= polish_steps= polish_s= gain_per_step= ideal_step_s= ideal_mixed_over_double=
  spotrf_over_dpotrf= strsm_over_dtrsm=
Times are medians of BENCH_REPS (default 3) runs of each path on the same matrix. float_floor is
the residual on M (relative to lambda_K) of the float search's Ritz vectors after Rayleigh-Ritz
on M; gain_per_step the worst residual's mean reduction per polish step; ideal_mixed_over_double
charges each polish step only one dsymm and two strsm on the K + guard columns (BENCH_GUARD,
default b), every step at full width: a bound for this polish (locking converged pairs could go
under it).
"""
import os
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy loads OpenBLAS
import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import scipy.linalg.blas as blas  # noqa: E402
import scipy.linalg.lapack as lapack  # noqa: E402
import scipy.optimize  # noqa: E402

TOL = 1e-10  # LowestModes.TOLERANCE
FLOAT_FLOOR = 1e-5  # where the float Lanczos stops: its estimates level off near 1e-6


def hessian(n, coupling, seed, h=0.01):
    rng = np.random.default_rng(seed)
    kappa = rng.random(n)
    upper = np.triu(rng.standard_normal((n, n)) * (coupling / np.sqrt(n)), 1)
    jm = upper + upper.T
    del upper

    def eg(x):
        jx = jm @ x
        x2 = x * x
        return np.sum(0.5 * kappa * x2 + x2 * x2 / 24 + 0.5 * x * jx - h * x), kappa * x + x2 * x / 6 + jx - h

    x = scipy.optimize.minimize(eg, np.zeros(n), jac=True, method="CG", options={"gtol": 1e-10}).x
    for _ in range(3):  # Newton: CG stops at |g| ~ 1e-8 on precision loss
        m = jm.copy()
        m[np.diag_indices(n)] = kappa + 0.5 * x * x
        x = x - np.linalg.solve(m, eg(x)[1])
    jm[np.diag_indices(n)] = kappa + 0.5 * x * x
    return np.asfortranarray(jm)


def block_size(k):
    return max(8, min(32, 8 * round(k / 40)))


def lanczos(m, factor, trsm, k, b, stop, keep=0, rng_seed=1):
    """Block Lanczos on (L L^T)^-1 with the given factor and trsm; stop(theta, estimate) decides."""
    n = m.shape[0]
    max_basis = min(n - 1, 8 * k + 16 * b)
    q = np.zeros((n, max_basis + b), order="F")
    t = np.zeros((max_basis + b, max_basis + b))
    q[:, :b] = np.linalg.qr(np.random.default_rng(rng_seed).standard_normal((n, b)))[0]
    dtype = factor.dtype
    size = b
    while True:
        j = size - b
        w = np.asfortranarray(q[:, j:size], dtype=dtype)
        w = trsm(1.0, factor, w, lower=1)
        w = trsm(1.0, factor, w, lower=1, trans_a=1).astype(np.float64)
        for _ in range(2):
            c = q[:, :size].T @ w
            w -= q[:, :size] @ c
            t[:size, j:size] += c
        qw, r = np.linalg.qr(w)
        q[:, size:size + b] = qw
        last = size + b > max_basis
        if size >= k + 2 * b and (size // b) % 4 == 0 or last:
            ts = np.triu(t[:size, :size]) + np.triu(t[:size, :size], 1).T  # the upper triangle holds T
            theta, y = np.linalg.eigh(ts)
            keep_ = max(keep, k + b)
            theta, y = theta[::-1][:keep_], y[:, ::-1][:, :keep_]
            estimate = np.linalg.norm(r @ y[j:size, :], axis=0)
            if stop(q[:, :size], theta, y, estimate) or last:
                return q[:, :size], theta, y, size
        size += b


def residuals(m, v, lam, k):
    r = blas.dsymm(1.0, m, v, lower=1) - v * lam
    return np.linalg.norm(r[:, :k], axis=0).max() / lam[k - 1], r


def double_path(m, k, b):
    factor = lapack.dpotrf(m, lower=1, clean=0, overwrite_a=0)[0]
    result = {}

    def stop(q, theta, y, estimate):
        floor = 64 * np.finfo(float).eps * theta[0] * np.sqrt(q.shape[1])  # as LowestModes: rounding of A's products
        if np.max(estimate[:k] / np.maximum(1e-2 * TOL * theta[:k], floor)) > 1:
            return False
        v = q @ y[:, :k]
        mv = blas.dsymm(1.0, m, v, lower=1)
        lam = np.einsum("ij,ij->j", v, mv)
        worst = np.linalg.norm(mv - v * lam, axis=0).max() / lam[k - 1]
        result["residual"] = worst
        return worst <= TOL

    _, _, _, size = lanczos(m, factor, blas.dtrsm, k, b, stop)
    return size, result.get("residual", np.inf)


def mixed_path(m, k, b):
    factor = lapack.spotrf(m.astype(np.float32, order="F"), lower=1, clean=0, overwrite_a=0)[0]

    def precondition(x):
        w = np.asfortranarray(x, dtype=np.float32)
        w = blas.strsm(1.0, factor, w, lower=1)
        return blas.strsm(1.0, factor, w, lower=1, trans_a=1).astype(np.float64)

    def stop(q, theta, y, estimate):
        return np.max(estimate[:k] / (FLOAT_FLOOR * theta[:k])) <= 1

    guard = int(os.environ.get("BENCH_GUARD", b))
    q, theta, y, size = lanczos(m, factor, blas.strsm, k, b, stop, keep=k + guard)
    t0 = time.perf_counter()
    v = q @ y[:, :k + guard]  # top K + guard Ritz vectors of the float operator
    p = None
    lam = None
    floor = None
    for step in range(30):  # step 0: Rayleigh-Ritz on M over the float Ritz vectors alone
        block = [v] if lam is None else [v, precondition(r)] + ([p] if p is not None else [])
        basis = np.linalg.qr(np.hstack(block))[0]
        h = basis.T @ blas.dsymm(1.0, m, basis, lower=1)
        mu, z = np.linalg.eigh((h + h.T) / 2)
        new = basis @ z[:, :k + guard]
        p = None if lam is None else new - v @ (v.T @ new)
        v, lam = new, mu[:k + guard]
        worst, r = residuals(m, v, lam, k)
        floor = worst if floor is None else floor
        if worst <= TOL:
            return size, step, time.perf_counter() - t0, floor, worst
    return size, 30, time.perf_counter() - t0, floor, worst


def timed(f, reps):
    times, out = [], None
    for _ in range(reps):
        s = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - s)
    return statistics.median(times), out


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [2000, 4000]
    reps = int(os.environ.get("BENCH_REPS", "3"))
    for n in sizes:
        k = int(np.ceil(0.02 * n))
        b = block_size(k)
        m = hessian(n, 0.2, 5)
        double_s, (double_cols, double_res) = timed(lambda: double_path(m, k, b), reps)
        runs = []
        for _ in range(reps):
            start = time.perf_counter()
            out = mixed_path(m, k, b)
            runs.append((time.perf_counter() - start, out))
        mixed_s = statistics.median(t for t, _ in runs)
        search_s = statistics.median(t - out[2] for t, out in runs)  # the float search, polish left out
        mixed_cols, steps, polish_s, floor, mixed_res = runs[-1][1]
        polish_s = statistics.median(out[2] for _, out in runs)
        mf = m.astype(np.float32, order="F")
        dpotrf_s, _ = timed(lambda: lapack.dpotrf(m, lower=1, clean=0, overwrite_a=0), reps)
        spotrf_s, _ = timed(lambda: lapack.spotrf(mf, lower=1, clean=0, overwrite_a=0), reps)
        ld = lapack.dpotrf(m, lower=1)[0]
        lf = ld.astype(np.float32, order="F")
        xd = np.asfortranarray(np.random.default_rng(2).random((n, b)))
        xf = xd.astype(np.float32, order="F")
        dtrsm_s, _ = timed(lambda: blas.dtrsm(1.0, ld, xd, lower=1), reps)
        strsm_s, _ = timed(lambda: blas.strsm(1.0, lf, xf, lower=1), reps)
        # what an ideal step of this polish could cost: one dsymm and one pair of float solves on
        # K + guard columns (no QR, no projection), every step at full width
        guard = int(os.environ.get("BENCH_GUARD", b))
        vd = np.asfortranarray(np.random.default_rng(3).random((n, k + guard)))
        vf = vd.astype(np.float32, order="F")
        step_s = (timed(lambda: blas.dsymm(1.0, m, vd, lower=1), reps)[0]
                  + 2 * timed(lambda: blas.strsm(1.0, lf, vf, lower=1), reps)[0])
        bound_s = search_s + steps * step_s
        rate = (mixed_res / floor) ** (1 / steps)  # the worst residual's mean gain per polish step
        assert double_res <= TOL and mixed_res <= TOL, (double_res, mixed_res)
        print(f"N={n} K={k} double_tail_s={double_s:.3f} mixed_tail_s={mixed_s:.3f} "
              f"mixed_over_double={mixed_s / double_s:.3f} lanczos_columns_double={double_cols} "
              f"lanczos_columns_mixed={mixed_cols} float_floor={floor:.1e} polish_steps={steps} "
              f"polish_s={polish_s:.3f} gain_per_step={rate:.2f} ideal_step_s={step_s:.3f} ideal_mixed_over_double={bound_s / double_s:.3f} "
              f"spotrf_over_dpotrf={spotrf_s / dpotrf_s:.3f} "
              f"strsm_over_dtrsm={strsm_s / dtrsm_s:.3f}", flush=True)


if __name__ == "__main__":
    main()
