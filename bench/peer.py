"""The peer: the NumPy/SciPy script a physicist would write for one KHGPS realization.

scipy.optimize.minimize(method='CG') from x = 0 with the analytic gradient, then
numpy.linalg.eigvalsh of the Hessian. Same model, same tolerance request (gtol = 1e-10 on
max|g|) as ours. Prints one JSON line per repetition, like RealizationBench.

usage: python3 peer.py N J h kappa0 reps [first_seed]

With PEER_EIGSH=K in the environment it also times scipy.sparse.linalg.eigsh(M, k=K, sigma=0)
on the same Hessian (what a physicist calls for the lowest modes of a dense matrix): eigsh_s.

One untimed-for-the-summary warm-up realization comes first (marked "warmup": true), as for ours.
"""
import json
import sys
import time

import numpy as np
import os

import scipy.optimize
import scipy.sparse.linalg


def realization(n, coupling, h, kappa0, seed):
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    kappa = kappa0 * rng.random(n)
    upper = np.triu(rng.standard_normal((n, n)) * (coupling / np.sqrt(n)), 1)
    jm = upper + upper.T
    del upper
    t1 = time.perf_counter()

    def energy_and_gradient(x):
        jx = jm @ x
        x2 = x * x
        e = np.sum(0.5 * kappa * x2 + x2 * x2 / 24.0 + 0.5 * x * jx - h * x)
        g = kappa * x + x2 * x / 6.0 + jx - h
        return e, g

    res = scipy.optimize.minimize(energy_and_gradient, np.zeros(n), jac=True, method='CG',
                                  options={'gtol': 1e-10, 'maxiter': 100000})
    t2 = time.perf_counter()
    x = res.x
    _, g = energy_and_gradient(x)
    jm[np.diag_indices(n)] = kappa + 0.5 * x * x
    eigsh = {}
    if os.environ.get("PEER_EIGSH"):
        k = int(os.environ["PEER_EIGSH"])
        s0 = time.perf_counter()
        low = scipy.sparse.linalg.eigsh(jm, k=k, sigma=0, which='LM', return_eigenvectors=True)[0]
        eigsh = {"eigsh_s": time.perf_counter() - s0, "eigsh_k": k, "eigsh_lambda_min": float(np.min(low))}
    e0 = time.perf_counter()
    eig = np.linalg.eigvalsh(jm)
    t3 = time.perf_counter()
    eigen_s = t3 - e0
    return {"N": n, "J": coupling, "sample_s": t1 - t0, "minimize_s": t2 - t1, "eigen_s": eigen_s,
            "total_s": (t1 - t0) + (t2 - t1) + eigen_s, **eigsh, "iterations": int(res.nit), "products": int(res.nfev),
            "max_grad": float(np.max(np.abs(g))), "converged": bool(np.max(np.abs(g)) <= 1e-10),
            "message": str(res.message), "lambda_min": float(eig[0])}


def main():
    n, coupling, h, kappa0, reps = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    first = int(sys.argv[6]) if len(sys.argv) > 6 else 1000
    warm = realization(n, coupling, h, kappa0, 999_999)
    warm["warmup"] = True
    print(json.dumps(warm), flush=True)
    for rep in range(reps):
        out = realization(n, coupling, h, kappa0, first + rep)
        out["rep"] = rep
        out["warmup"] = False
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
