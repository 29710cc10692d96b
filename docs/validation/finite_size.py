#!/usr/bin/python3
"""Tables of the finite-size study from a results folder (docs/validation.md, "Finite size").

usage: docs/validation/finite_size.py RESULTS_DIR [FRACTION ...]

FRACTION: the mode fractions f of the first table (default 2e-3 1e-3 5e-4 2e-4 1e-4 5e-5); with the
paper's pooled modes (paper_statistics: 1.84e7 per point) f down to 2e-6 still holds ~37 modes.

Reads summary.csv and every point's fit.h5 and dos.h5 (h5py). Groups the points by J alone (one h, kappa0
and disorder mode per folder, as in -profile finite_size). Prints, per J:
  - the local (Hill) exponent over the lowest fraction f of all pooled modes, for each N, with its
    realization-bootstrap 16-84% band (fit.h5 hill_* curves), and the frequency omega_c at that f;
  - per N, the compensated count 5 n(omega) / (M omega^5) at omega = c omega_x (the point's own
    omega_x onto G) with its 16-84% band, and its rise from omega_x / 5 to omega_x / 10 (1 under an
    omega^4 law; its band from resampling realizations; "-" with fewer than 10 modes below
    omega_x / 10): whether the excess of the lowest modes shrinks with N;
  - per N: the exponent over the physics window (summary.csv exponent, exponent_err, the window's
    upper edge exponent_omega_max, and whether it is consistent with 4), A_g, <x^2>, omega_x (collapse onto G and family);
  - the weighted linear fit of each against 1/N: slope / its error, the 1/N -> 0 value and chi2/dof;
  - for the exponent also the line against log2 N: its gain per doubling of N and its value at the
    paper's N = 16000 (a trend in ln N has no finite limit, so the 1/N limit alone could mislead).
"""
import csv
import math
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_sizes import bootstrap, compensated, load  # noqa: E402  (one implementation of the estimators)

FRACTIONS = [2e-3, 1e-3, 5e-4, 2e-4, 1e-4, 5e-5]
OMEGA_OVER_OMEGA_X = [0.3, 0.2, 0.15, 0.1, 0.07]
PAPER_N = 16000  # the paper's system size
MIN_RISE_MODES = 10  # below omega_x / 10: fewer and the rise is noise (the weak points' modes sit at the gap edge)


def hill_at(fit, modes, f):
    k = f * modes
    ks = fit["hill_k"][()]
    if len(ks) == 0 or k < ks[0] or k > ks[-1]:
        return None
    i = int(np.argmin(np.abs(np.log(ks) - math.log(k))))
    return (fit["hill_exponent"][i], fit["hill_exponent_lo"][i], fit["hill_exponent_hi"][i], fit["hill_omega"][i], ks[i])


def wls(x, y, e, at=None):
    """Weighted straight line y = a + b x; returns a, da, b, db, chi2/dof (None below 3 points),
    and with at: the line's value there and its error (from the full covariance of a and b)."""
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
    line = (a, math.sqrt(cov[0, 0]) * s, b, math.sqrt(cov[1, 1]) * s, chi2)
    if at is None:
        return line
    return line + (a + b * at, math.sqrt(cov[0, 0] + 2 * at * cov[0, 1] + at * at * cov[1, 1]) * s)


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
        # the excess of the lowest modes against N: the compensated count at the same place of each
        # point's crossover (omega_x onto G, its own), level under an omega^4 law
        print("\n5 n(omega) / (M omega^5) at omega = c omega_x [16-84%] (modes below), and its rise from "
              "omega_x / 5 to omega_x / 10:\n")
        print("| N | omega_x | " + " | ".join(f"c = {c:g}" for c in OMEGA_OVER_OMEGA_X) + " | rise |")
        print("| --- | --- |" + " --- |" * (len(OMEGA_OVER_OMEGA_X) + 1))
        for r in fam:
            p, wx = load(root, J, int(r["N"])), float(r["omega_x"])
            got = {c: compensated(p, c * wx) for c in OMEGA_OVER_OMEGA_X}
            cells = ["" if got[c] is None else
                     f"{got[c][0]:.{3 if got[c][0] < 10 else 0}f} [{got[c][1]:.{3 if got[c][0] < 10 else 0}f}, "
                     f"{got[c][2]:.{3 if got[c][0] < 10 else 0}f}] ({got[c][3]})" for c in OMEGA_OVER_OMEGA_X]
            rise = "-"
            if got[0.1] is not None and got[0.2] is not None and got[0.1][3] >= MIN_RISE_MODES:
                # C(omega_x/10) / C(omega_x/5) = 2^5 n(omega_x/10) / n(omega_x/5), resampled as one statistic
                n10, n5 = np.searchsorted(p["omega"], 0.1 * wx), np.searchsorted(p["omega"], 0.2 * wx)
                lo, hi = bootstrap(p, lambda c: 32 * c[:n10].sum() / max(1, c[:n5].sum()))
                rise = f"{32 * n10 / n5:.2f} [{lo:.2f}, {hi:.2f}]"
            print(f"| {r['N']} | {wx:.3f} | " + " | ".join(cells) + f" | {rise} |")
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
            a, da, b, db, chi2 = fitted
            print(f"- {name}: N -> infinity {a:.4g} +- {da:.2g}; slope {b / 1000:.4g} +- {db / 1000:.2g} per 1000/N "
                  f"({abs(b) / db:.1f} sigma); chi2/dof {chi2:.2g}")
        # a second form of the trend, for the exponent: if it grows as ln N rather than 1/N it has no
        # finite limit; the line in log2 N says how much one doubling adds, and what the paper's N gives
        fitted = wls([math.log2(int(r["N"]) / 1000) for r in fam], [float(r["exponent"]) for r in fam],
                     [float(r["exponent_err"]) for r in fam], at=math.log2(PAPER_N / 1000))
        if fitted is not None:
            a, da, b, db, chi2, paper, paper_err = fitted
            print(f"\nAgainst log2 N (weighted line): the exponent gains {b:.3f} +- {db:.3f} per doubling of N "
                  f"(chi2/dof {chi2:.2g}); at the paper's N = {PAPER_N}: {paper:.3f} +- {paper_err:.3f}; doublings "
                  f"beyond N = 1000 to reach 4 at that rate: {(4 - a) / b if b > 0 else float('inf'):.0f}")


if __name__ == "__main__":
    if len(sys.argv) > 2:
        FRACTIONS = [float(f) for f in sys.argv[2:]]
    main(sys.argv[1])
