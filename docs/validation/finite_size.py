#!/usr/bin/python3
"""Tables of the finite-size study from a results folder (docs/validation.md, "Finite size").

usage: docs/validation/finite_size.py RESULTS_DIR [FRACTION ...]

FRACTION: the mode fractions f of the first table (default 2e-3 1e-3 5e-4 2e-4 1e-4 5e-5); with the
paper's pooled modes (paper_statistics: 1.84e7 per point) f down to 2e-6 still holds ~37 modes.

Reads summary.csv and every point's fit.h5 and dos.h5 (h5py). Prints, per J:
  - the local (Hill) exponent over the lowest fraction f of all pooled modes, for each N, with its
    realization-bootstrap 16-84% band (fit.h5 hill_* curves), and the frequency omega_c at that f;
  - per N: the exponent over the physics window (summary.csv exponent, exponent_err, the window's
    upper edge exponent_omega_max, and whether it is consistent with 4), A_g, <x^2>, omega_x (collapse onto G and family);
  - the weighted linear fit of each against 1/N: slope / its error and the 1/N -> 0 value.
"""
import csv
import math
import os
import sys

import h5py
import numpy as np

FRACTIONS = [2e-3, 1e-3, 5e-4, 2e-4, 1e-4, 5e-5]


def hill_at(fit, modes, f):
    k = f * modes
    ks = fit["hill_k"][()]
    if len(ks) == 0 or k < ks[0] or k > ks[-1]:
        return None
    i = int(np.argmin(np.abs(np.log(ks) - math.log(k))))
    return (fit["hill_exponent"][i], fit["hill_exponent_lo"][i], fit["hill_exponent_hi"][i], fit["hill_omega"][i], ks[i])


def wls(x, y, e):
    """Weighted straight line y = a + b x; returns a, da, b, db (None below 3 points)."""
    x, y, e = map(np.asarray, (x, y, e))
    ok = np.isfinite(y) & np.isfinite(e) & (e > 0)
    if ok.sum() < 3:
        return None
    w = 1 / e[ok] ** 2
    A = np.vstack([np.ones(ok.sum()), x[ok]]).T
    cov = np.linalg.inv(A.T @ (A * w[:, None]))
    a, b = cov @ (A.T @ (w * y[ok]))
    chi2 = float(np.sum(w * (y[ok] - a - b * x[ok]) ** 2)) / max(1, ok.sum() - 2)
    s = math.sqrt(max(1.0, chi2))  # inflate by sqrt(chi2/dof) when the line does not fit
    return a, math.sqrt(cov[0, 0]) * s, b, math.sqrt(cov[1, 1]) * s


def main(root):
    rows = list(csv.DictReader(open(os.path.join(root, "summary.csv"))))
    for J in sorted({float(r["J"]) for r in rows}):
        fam = sorted((r for r in rows if float(r["J"]) == J), key=lambda r: int(r["N"]))
        print(f"\n## J = {J:g} (h = {fam[0]['h']}, kappa0 = {fam[0]['kappa0']})\n")
        print("Local exponent over the lowest fraction f of the pooled modes (16-84% band), omega_c:\n")
        print("| f | " + " | ".join(f"N = {r['N']}" for r in fam) + " |")
        print("| --- |" + " --- |" * len(fam))
        for f in FRACTIONS:
            cells = []
            for r in fam:
                with h5py.File(os.path.join(root, "points", r["point_id"], "fit.h5"), "r") as fit:
                    modes = int(r["realizations"]) * int(r["N"])
                    got = hill_at(fit, modes, f) if "hill_k" in fit else None
                cells.append("n/a" if got is None else
                             f"{got[0]:.2f} [{got[1]:.2f}, {got[2]:.2f}] at {got[3]:.3f} ({got[4]} modes)")
            print(f"| {f * 100:g}% | " + " | ".join(cells) + " |")
        print("\nPer N:\n")
        cols = [("exponent (physics window)", "exponent", None), ("consistent with 4", "exponent_consistent_with_4", None),
                ("A_g", "A_g", "A_g_err"), ("<x^2>", "x2", "x2_err"), ("omega_x (onto G)", "omega_x", "omega_x_err"),
                ("omega_x (family)", "omega_x_family", "omega_x_family_err")]
        print("| N | realizations | " + " | ".join(c[0] for c in cols) + " |")
        print("| --- | --- |" + " --- |" * len(cols))
        for r in fam:
            cells = []
            for name, key, err in cols:
                v = r.get(key, "nan")
                if err:
                    cells.append(f"{float(v):.4g} +- {float(r.get(err, 'nan')):.2g}")
                elif key == "exponent":
                    cells.append(f"{float(v):.3f} +- {float(r['exponent_err']):.3f} ({r['exponent_modes']} modes "
                                 f"below {float(r['exponent_omega_max']):.3f})")
                else:
                    cells.append(v)
            print(f"| {r['N']} | {r['realizations']} | " + " | ".join(cells) + " |")
        inv = [1 / int(r["N"]) for r in fam]
        print("\nAgainst 1/N (weighted line; slope in units of 1000/N):\n")
        for name, key, err in [("exponent", "exponent", "exponent_err"), ("A_g", "A_g", "A_g_err"),
                               ("<x^2>", "x2", "x2_err"), ("omega_x (onto G)", "omega_x", "omega_x_err")]:
            fitted = wls(inv, [float(r[key]) for r in fam], [float(r[err]) for r in fam])
            if fitted is None:
                print(f"- {name}: fewer than 3 finite points")
                continue
            a, da, b, db = fitted
            print(f"- {name}: N -> infinity {a:.4g} +- {da:.2g}; slope {b / 1000:.4g} +- {db / 1000:.2g} per 1000/N "
                  f"({abs(b) / db:.1f} sigma)")


if __name__ == "__main__":
    if len(sys.argv) > 2:
        FRACTIONS = [float(f) for f in sys.argv[2:]]
    main(sys.argv[1])
