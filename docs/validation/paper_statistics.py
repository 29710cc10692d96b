#!/usr/bin/python3
"""Tables of -profile paper_statistics (one family: h, kappa0 fixed, J varied) from a results folder
(docs/validation.md, "The paper's pooled modes at N = 1000, all 11 points").

usage: docs/validation/paper_statistics.py RESULTS_DIR

Reads summary.csv, analysis.json and every point's dos.h5 (h5py). Prints:
  - per J, the local (Hill) exponent over the lowest fraction f of the pooled modes, with
    realization-bootstrap 16-84% bands and the frequency omega_c at that f (compare_sizes.hill);
  - per J, the compensated count 5 n(omega) / (M omega^5) at fixed fractions of the point's own
    omega_x (onto G), so that points of different J are read at the same place of their crossover;
    an omega^4 law keeps it level, and the last column is its rise from omega_x / 5 to omega_x / 10;
  - kappa0 omega_x^3 times that count at omega_x / 5 (Eq. (4) with A_g read at the same place of
    every point);
  - per J, the compensated count at fixed omega in each half of the realizations (the first and the
    second R/2): an excess tied to frequency shows in both halves at the same omega, one tied to
    the k lowest modes of the pool would move up in omega in a half (half the modes);
  - per J, the pipeline's estimators: the exponent over omega < omega_x / 2 (physics window), A_g,
    <x^2>, omega_x both ways and kappa0 omega_x^3 A_g (Eq. (4): constant beyond J_x);
  - the family's fits from analysis.json (maximum of A_g, omega_x ~ J^a, A_g ~ J^b, Eq. (4),
    the weak-interaction line).
"""
import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_sizes import compensated, header, hill, load  # noqa: E402  (one implementation of the estimators)

FRACTIONS = [1e-3, 1e-4, 1e-5, 2e-6]
OMEGA_OVER_OMEGA_X = [0.3, 0.2, 0.15, 0.1, 0.07]
OMEGAS = [0.1, 0.07, 0.05, 0.04, 0.03]


def cell(r, digits=0):
    return "" if r is None else f"{r[0]:.{digits}f} [{r[1]:.{digits}f}, {r[2]:.{digits}f}]"


def main(root):
    rows = sorted(csv.DictReader(open(os.path.join(root, "summary.csv"))), key=lambda r: float(r["J"]))
    analysis = json.load(open(os.path.join(root, "analysis.json")))
    points = {float(r["J"]): load(root, float(r["J"])) for r in rows}

    print("Local exponent over the lowest fraction f of the pooled modes [16-84%] at omega_c:\n")
    header(["J"] + [f"f = {f:g}" for f in FRACTIONS])
    for r in rows:
        cells = []
        for f in FRACTIONS:
            got = hill(points[float(r["J"])], f)
            cells.append("" if got is None else f"{cell(got, 2)} at {got[3]:.3f}")
        print(f"| {r['J']} | " + " | ".join(cells) + " |")

    print("\n5 n(omega) / (M omega^5) at omega = c omega_x [16-84%] (modes below), and its rise from "
          "omega_x / 5 to omega_x / 10:\n")
    header(["J", "omega_x"] + [f"c = {c:g}" for c in OMEGA_OVER_OMEGA_X] + ["rise"])
    eq4_same_place = []
    for r in rows:
        p, wx = points[float(r["J"])], float(r["omega_x"])
        got = {c: compensated(p, c * wx) for c in OMEGA_OVER_OMEGA_X}
        cells = ["" if got[c] is None else f"{cell(got[c], 3 if got[c][0] < 10 else 0)} ({got[c][3]})"
                 for c in OMEGA_OVER_OMEGA_X]
        # no rise where no mode lies below omega_x / 5 (the weakest points: all modes at the gap edge)
        rise = "-" if got[0.1] is None or got[0.2] is None or got[0.2][3] == 0 else f"{got[0.1][0] / got[0.2][0]:.2f}"
        print(f"| {r['J']} | {wx:.3f} | " + " | ".join(cells) + f" | {rise} |")
        if got[0.2] is not None and got[0.2][3] > 0:
            eq4_same_place.append(f"J = {r['J']}: {float(r['kappa0']) * wx ** 3 * got[0.2][0]:.1f}")
    # Eq. (4)'s product with A_g read at the same place of every point rather than the fit window
    print("\nkappa0 omega_x^3 (5 n / (M omega^5) at omega_x / 5), omega_x onto G: " + ", ".join(eq4_same_place))

    print("\n5 n(omega) / (M omega^5) at fixed omega in the first / second half of the realizations (modes below):\n")
    header(["J"] + [f"omega = {w:g}" for w in OMEGAS])
    for r in rows:
        p = points[float(r["J"])]
        halves = [p["owner"] < p["R"] // 2, p["owner"] >= p["R"] // 2]
        cells = []
        for w in OMEGAS:
            n = [int(((p["omega"] < w) & half).sum()) for half in halves]
            cells.append(" / ".join(f"{5 * k / (p['M'] / 2 * w ** 5):.3g} ({k})" for k in n))
        print(f"| {r['J']} | " + " | ".join(cells) + " |")

    print("\nThe pipeline's estimators (summary.csv):\n")
    header(["J", "regime", "exponent below omega_x / 2 (modes)", "consistent with 4", "A_g (modes in window, window)",
            "<x^2>", "omega_x onto G", "omega_x family", "kappa0 omega_x^3 A_g (family)"])
    for r in rows:
        f = lambda k: float(r[k])  # noqa: E731
        eq4 = f("kappa0") * f("omega_x_family") ** 3 * f("A_g")
        print(f"| {r['J']} | {r['regime']} | {f('exponent'):.3f} +- {f('exponent_err'):.3f} ({r['exponent_modes']}) | "
              f"{'yes' if r['exponent_consistent_with_4'] == '1' else 'no'} | "
              f"{f('A_g'):.4g} +- {f('A_g_err'):.2g} ({r['modes_in_window']}, {f('omega_fit_min'):.3f}-{f('omega_fit_max'):.3f}) | "
              f"{f('x2'):.5g} +- {f('x2_err'):.2g} | {f('omega_x'):.4f} +- {f('omega_x_err'):.4f} | "
              f"{f('omega_x_family'):.4f} | {eq4:.3g} +- {eq4 * f('A_g_err') / f('A_g'):.2g} |")

    print("\nThe family (analysis.json):\n")
    for fam in analysis["families"]:
        print(json.dumps({k: fam[k] for k in fam if k != "points"}, indent=1))
    print("weak_interaction_test:", json.dumps(analysis.get("weak_interaction_test"), indent=1))


if __name__ == "__main__":
    main(sys.argv[1])
