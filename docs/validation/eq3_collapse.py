#!/usr/bin/python3
"""Does Eq. (3) collapse points of different h and kappa0? (docs/validation.md, "Eq. (3)")

usage: docs/validation/eq3_collapse.py RESULTS_DIR [RESULTS_DIR ...]

Eq. (3) says y = ln(kappa0^(1/2) h^(2/3) J A_g) is a linear function of x = kappa0 h^(2/3) / J^2
alone in the weak regime. Reads every folder's summary.csv and prints:
  - each point's x, y (error from A_g_err), regime, and A_g over the dressed RS value;
  - per (h, kappa0) group, the weighted line through its weak points;
  - one line through the weak points of all groups (chi2/dof says whether they collapse);
  - for each group, its weak points' mean offset in y from the first group's line at equal x
    (the first group: the first folder's first point).
"""
import csv
import math
import os
import sys

import numpy as np


def line(x, y, e):
    """Weighted y = a + b x: a, b, db, chi2/dof, cov (db and cov inflated by chi2/dof when above 1)."""
    w = 1 / np.asarray(e) ** 2
    A = np.vstack([np.ones(len(x)), x]).T
    cov = np.linalg.inv(A.T @ (A * w[:, None]))
    a, b = cov @ (A.T @ (w * np.asarray(y)))
    dof = len(x) - 2
    chi2 = float(np.sum(w * (np.asarray(y) - a - b * np.asarray(x)) ** 2)) / dof if dof > 0 else float("nan")
    cov = cov * max(1.0, chi2 if dof > 0 else 1.0)
    return a, b, math.sqrt(cov[1, 1]), chi2, cov


def main(roots):
    points = []
    for root in roots:
        for r in csv.DictReader(open(os.path.join(root, "summary.csv"))):
            h, J, k0, A, dA = (float(r[c]) for c in ("h", "J", "kappa0", "A_g", "A_g_err"))
            if not (A > 0):
                continue
            points.append(dict(h=h, k0=k0, J=J, x=k0 * h ** (2 / 3) / J ** 2,
                               y=math.log(k0 ** 0.5 * h ** (2 / 3) * J * A), e=dA / A, A=A, dA=dA,
                               regime=r["regime"], dressed=A / float(r["A_g_rs_dressed"]), root=root))
    # groups in the order their folders were given: the first group's line is the reference
    groups = list(dict.fromkeys((p["h"], p["k0"]) for p in points))
    print("| h | kappa0 | J | x | regime | A_g | y | A_g / RS dressed |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for g in groups:
        for p in sorted((p for p in points if (p["h"], p["k0"]) == g), key=lambda p: -p["x"]):
            print(f"| {p['h']:g} | {p['k0']:g} | {p['J']:.4g} | {p['x']:.2f} | {p['regime']} | "
                  f"{p['A']:.4g} +- {p['dA']:.2g} | {p['y']:.3f} +- {p['e']:.3f} | {p['dressed']:.2f} |")
    weak = [p for p in points if p["regime"] == "weak"]
    first = None
    print()
    for g in groups:
        ps = [p for p in weak if (p["h"], p["k0"]) == g]
        if len(ps) < 2:
            print(f"- h = {g[0]:g}, kappa0 = {g[1]:g}: {len(ps)} weak point(s), no line")
            continue
        a, b, db, chi2, cov = line([p["x"] for p in ps], [p["y"] for p in ps], [p["e"] for p in ps])
        first = first or (g, a, b, cov)
        extra = "" if len(ps) < 3 else f", chi2/dof {chi2:.1f}"
        offsets = [p["y"] - (first[1] + first[2] * p["x"]) for p in ps]
        # each offset's error: the point's and the reference line's at that x
        errors = [math.sqrt(p["e"] ** 2 + np.array([1, p["x"]]) @ first[3] @ np.array([1, p["x"]])) for p in ps]
        w = 1 / np.asarray(errors) ** 2
        mean = float(np.sum(w * offsets) / np.sum(w))
        print(f"- h = {g[0]:g}, kappa0 = {g[1]:g}: slope {b:.3f} +- {db:.3f} ({len(ps)} weak points{extra}); "
              f"offset from the h = {first[0][0]:g}, kappa0 = {first[0][1]:g} line {mean:+.3f} +- "
              f"{1 / math.sqrt(np.sum(w)):.3f}")
    a, b, db, chi2, _ = line([p["x"] for p in weak], [p["y"] for p in weak], [p["e"] for p in weak])
    print(f"- all {len(weak)} weak points on one line: slope {b:.3f} +- {db:.3f} (inflated), chi2/dof {chi2:.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
