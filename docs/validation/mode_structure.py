#!/usr/bin/python3
"""Where the lowest modes live: participation ratio and the carrying oscillator against omega.

usage: docs/validation/mode_structure.py SPECTRA.h5 ...

SPECTRA: files of `khgps diagonalize --spectrum lowest` (they hold participation_ratio and the
largest-weight oscillator's kappa, x and local field per mode). Prints one row per frequency
band: modes, N x participation ratio (median and 16-84%: the number of oscillators a mode
involves), and the medians of the carrying oscillator's kappa, |x| and |local field|.
"""
import sys

import h5py
import numpy as np

BANDS = [0, 0.05, 0.06, 0.07, 0.085, 0.1, 0.12, 0.15, 0.2]


def main(paths):
    cols = {k: [] for k in ("omega", "pr", "kappa", "x", "field")}
    n = None
    realizations = 0
    for p in paths:
        with h5py.File(p, "r") as f:
            n = int(f.attrs["N"])
            realizations += len(f["realization"])
            cols["omega"].append(np.sqrt(f["eigenvalues"][()]).ravel())
            cols["pr"].append(f["participation_ratio"][()].ravel())
            cols["kappa"].append(f["largest_weight_kappa"][()].ravel())
            cols["x"].append(np.abs(f["largest_weight_x"][()]).ravel())
            cols["field"].append(np.abs(f["largest_weight_local_field"][()]).ravel())
    c = {k: np.concatenate(v) for k, v in cols.items()}
    print(f"{realizations} realizations, {len(c['omega'])} modes, N = {n}\n")
    print("| omega | modes | N x participation ratio, median [16%, 84%] | kappa | abs(x) | abs(local field) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for lo, hi in zip(BANDS[:-1], BANDS[1:]):
        s = (c["omega"] >= lo) & (c["omega"] < hi)
        if s.any():
            npr = n * c["pr"][s]
            print(f"| {lo:g}-{hi:g} | {s.sum()} | {np.median(npr):.1f} [{np.percentile(npr, 16):.1f}, "
                  f"{np.percentile(npr, 84):.1f}] | {np.median(c['kappa'][s]):.3f} | {np.median(c['x'][s]):.3f} | "
                  f"{np.median(c['field'][s]):.3f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
