#!/usr/bin/env bash
# The lowest modes (khgps diagonalize --spectrum lowest, K = 2% of N) against the full spectrum
# (--spectrum full) on the same minima, both timed as the diagonalize stage runs a chunk (wall time
# per realization, two lanes on this machine's cores), and against SciPy's eigsh(M, k=K, sigma=0)
# on the peer's own Hessians (bench/peer.py with PEER_EIGSH, OpenBLAS on all threads). Run by hand:
#
#   BENCH_REPS=8 bench/lowest.sh [N ...]        default N: 2000 4000 8000; J = 0.2, h = 0.01, kappa0 = 1
#   BENCH_EIGSH=0 skips the SciPy side (eigsh_s=nan): at N = 16000 its own minimization takes minutes
#
# Prints per N one line in exactly this form:
#   N=<n> K=<k> tail_s=<s> full_s=<s> eigsh_s=<s> tail_over_full=<r> tail_over_eigsh=<r> cholesky_gflops=<g> dgemm_gflops=<g> peak_rss_mb=<m>
#   classify_s=<s> search_over_full=<r> spotrf_gflops=<g> fallbacks=<n>
# (cholesky, spotrf and dgemm on one thread, as lanes run them; peak_rss_mb of the lowest-mode task).
# tail_s is the whole lowest-mode realization as the stage runs it, classification of every oscillator
# included (diag(M^-1) from the factor: classify_s, one thread); search_over_full leaves that out,
# (tail_s - classify_s / cores) / full_s, the lowest-mode search alone (an estimate: it assumes the
# classification scales over the cores). fallbacks counts realizations whose
# search fell back to the full decomposition (full_spectrum = 1 in the spectra file).
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
reps="${BENCH_REPS:-8}"
J="${BENCH_J:-0.2}"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(2000 4000 8000)
out="$root/bench/out/lowest-$(date -u +%Y%m%dT%H%M%SZ)-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo nogit)"
mkdir -p "$out"
echo "bench: commit $(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown), $threads threads, $reps realizations," \
     "J = $J, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}, raw output in $out" >&2
khgps=("$root/bin/khgps")
wall() {  # seconds of a command's wall time; its peak RSS (KB) into $out/rss
    local start end
    start=$(date +%s.%N)
    # a failed command stops the benchmark here (the rss file would hold time's status line)
    /usr/bin/time -f '%M' -o "$out/rss" "$@" 2>>"$out/log" || { echo "bench: failed: $* (see $out/log)" >&2; return 1; }
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}
for n in "${sizes[@]}"; do
    k=$(( (n * 2 + 99) / 100 ))
    mem=$(( (8 * n * n * 2 + 8 * n * (10 * k + 576) * 2) / 1048576 + 256 ))
    export KHGPS_JAVA_OPTS="-Xmx1g -XX:MaxDirectMemorySize=${mem}m"
    echo "bench: N=$n: sample and minimize $reps realizations..." >&2
    "${khgps[@]}" sample --N "$n" --h 0.01 --J "$J" --kappa0 1 --seed 11 --first 0 --count "$reps" --out "$out/d$n.h5" 2>>"$out/log"
    "${khgps[@]}" minimize --in "$out/d$n.h5" --out "$out/m$n.h5" --threads "$threads" 2>>"$out/log"
    echo "bench: N=$n: full spectrum..." >&2
    full=$(wall "${khgps[@]}" diagonalize --in "$out/m$n.h5" --out "$out/full$n.h5" --threads "$threads")
    echo "bench: N=$n: lowest $k..." >&2
    tail=$(wall "${khgps[@]}" diagonalize --in "$out/m$n.h5" --out "$out/low$n.h5" --threads "$threads" --spectrum lowest --modes "$k")
    rss=$(( $(cat "$out/rss") / 1024 ))
    : > "$out/eigsh$n.jsonl"
    if [[ "${BENCH_EIGSH:-1}" != 0 ]]; then
        echo "bench: N=$n: eigsh (k = $k, sigma = 0)..." >&2
        PEER_EIGSH=$k OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads \
            /usr/bin/python3 "$root/bench/peer.py" "$n" "$J" 0.01 1 "$(( reps < 3 ? reps : 3 ))" > "$out/eigsh$n.jsonl"
    fi
    chol=$(java -cp "$jar" -XX:MaxDirectMemorySize=${mem}m org.khgps.cli.bench.CholeskyBench "$n" "$J")
    echo "$chol" > "$out/cholesky$n.json"
    /usr/bin/python3 - "$n" "$k" "$reps" "$tail" "$full" "$rss" "$out/eigsh$n.jsonl" "$chol" "$out/low$n.h5" "$threads" <<'PY'
import json, statistics, sys
import h5py
n, k, reps = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
tail, full, rss = float(sys.argv[4]) / reps, float(sys.argv[5]) / reps, int(sys.argv[6])
times = [r["eigsh_s"] for r in map(json.loads, open(sys.argv[7])) if not r.get("warmup")]
eigsh = statistics.median(times) if times else float("nan")
c = json.loads(sys.argv[8])
print(f"N={n} K={k} tail_s={tail:.4f} full_s={full:.4f} eigsh_s={eigsh:.4f} tail_over_full={tail / full:.3f} "
      f"tail_over_eigsh={tail / eigsh:.3f} cholesky_gflops={c['cholesky_gflops']:.1f} dgemm_gflops={c['dgemm_gflops']:.1f} "
      f"peak_rss_mb={rss} ", end="")
with h5py.File(sys.argv[9], "r") as f:
    fallbacks = int(f["full_spectrum"][:].sum())
# the stage spreads realizations over the cores (up to N = 8000: a lane each) or one realization's
# kernels (above): either way a realization's classification costs about classify_s / cores of wall time
cores = min(int(sys.argv[10]), reps) if n <= 8000 else int(sys.argv[10])
print(f"classify_s={c['classify_s']:.4f} search_over_full={(tail - c['classify_s'] / cores) / full:.3f} "
      f"spotrf_gflops={c['spotrf_gflops']:.1f} fallbacks={fallbacks}")
PY
done
