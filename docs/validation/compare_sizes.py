#!/usr/bin/python3
"""One point (h, J, kappa0) at several N, each from its own results folder: the tail at equal frequency.

usage: docs/validation/compare_sizes.py J RESULTS_DIR[:N] [RESULTS_DIR[:N] ...]

For the point with that J in each folder (and that N, where a folder holds several: -profile finite_size) (dos.h5: omega_tail, omega_tail_realization, modes; h5py),
prints two tables with realization-bootstrap 16-84% bands (400 resamplings, seed 1):
  - the compensated count 5 n(omega) / (M omega^5) at fixed frequencies (n: modes below omega,
    M: all pooled modes), which an omega^4 law D = A_g omega^4 keeps level at A_g;
  - the local (Hill) exponent of D over the k lowest modes, at equal fraction f = k / M, from the
    maximum-likelihood slope of the cumulative count, beta + 1 = (k - 1) / sum_i ln(omega_k / omega_i).
Only modes below omega_complete (lowest-K spectra) are in omega_tail, so frequencies above the
stored tail are left blank.
"""
import glob
import sys

import h5py
import numpy as np

OMEGAS = [0.10, 0.08, 0.065, 0.055, 0.047, 0.040, 0.035, 0.030, 0.027]
FRACTIONS = [2e-3, 1e-3, 5e-4, 2e-4, 1e-4, 5e-5, 2e-5, 1e-5]
SAMPLES = 400


def load(root, J, N=None):
    for path in sorted(glob.glob(f"{root}/points/*/dos.h5")):
        with h5py.File(path) as f:
            if abs(float(f.attrs["J"]) - J) < 1e-12 and (N is None or int(f.attrs["N"]) == N):
                owner = f["omega_tail_realization"][()]
                _, position = np.unique(owner, return_inverse=True)
                return dict(N=int(f.attrs["N"]), M=int(f.attrs["modes"]), omega=f["omega_tail"][()], owner=owner,
                            position=position, R=int(f.attrs["modes"]) // int(f.attrs["N"]))
    raise SystemExit(f"no point with J = {J}" + ("" if N is None else f", N = {N}") + f" in {root}")


def bootstrap(p, statistic):
    """statistic(weights per mode) over SAMPLES realization resamplings; weights count each mode's copies."""
    rng = np.random.default_rng(1)
    values = []
    for _ in range(SAMPLES):
        copies = np.bincount(rng.integers(0, p["R"], p["R"]), minlength=p["R"])
        # realizations with no mode in the tail still count towards M (through R)
        values.append(statistic(copies[p["position"]]))
    return np.nanpercentile(values, [16, 84])


def compensated(p, w):
    n = np.searchsorted(p["omega"], w)
    if n >= len(p["omega"]):
        return None
    value = 5 * n / (p["M"] * w ** 5)
    lo, hi = bootstrap(p, lambda c: 5 * c[:n].sum() / (p["M"] * w ** 5))
    return value, lo, hi, n


def hill(p, f):
    k = int(round(f * p["M"]))
    if k < 10 or k > len(p["omega"]):
        return None
    o = p["omega"]

    head = min(len(o), 2 * k + 1000)  # the resampled k lowest lie among these (k +- a few sqrt(k))

    def beta(c):
        # the k lowest of the resampled pool: modes repeated by their copies
        idx = np.repeat(np.arange(head), c[:head])[:k]
        ok = o[idx]
        return (len(ok) - 1) / np.sum(np.log(ok[-1] / ok[:-1])) - 1

    value = (k - 1) / np.sum(np.log(o[k - 1] / o[:k - 1])) - 1
    lo, hi = bootstrap(p, beta)
    return value, lo, hi, o[k - 1], k


def header(columns):
    """The first two lines of a markdown table with these column titles."""
    print("| " + " | ".join(columns) + " |")
    print("|" + " --- |" * len(columns))


def table(title, column, rows, points, cell):
    """One markdown table: a row per value, a column per folder; cell(point, value) -> text or ''."""
    print(title + "\n")
    header([column] + [f"N = {p['N']} ({p['M']:.3g} modes)" for p in points])
    for v in rows:
        print(f"| {v:g} | " + " | ".join(cell(p, v) for p in points) + " |")


def main():
    J = float(sys.argv[1])
    points = []
    for arg in sys.argv[2:]:
        root, _, n = arg.partition(":")
        points.append(load(root, J, int(n) if n else None))

    def compensated_cell(p, w):
        r = compensated(p, w)
        return "" if r is None else f"{r[0]:.0f} [{r[1]:.0f}, {r[2]:.0f}] ({r[3]})"

    def hill_cell(p, f):
        r = hill(p, f)
        return "" if r is None else f"{r[0]:.2f} [{r[1]:.2f}, {r[2]:.2f}] at {r[3]:.3f} ({r[4]})"

    table(f"J = {J:g}: 5 n(omega) / (M omega^5) at fixed omega [16-84%] (modes below)", "omega", OMEGAS, points,
          compensated_cell)
    print()
    table(f"J = {J:g}: local exponent over the lowest fraction f of the modes [16-84%], omega_c (modes)", "f",
          FRACTIONS, points, hill_cell)

if __name__ == "__main__":
    main()
