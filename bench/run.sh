#!/usr/bin/env bash
# Per-realization benchmark: ours (khgps, in-process, as a pipeline task runs it) against the
# NumPy/SciPy peer (bench/peer.py), in one run on this machine, for (h, J, kappa0) = (0.01, 0.1, 1)
# and (0.01, 0.3, 1). Not part of the tests: run by hand.
#
#   bench/run.sh [N ...]          default N: 1000 2000 4000 8000
#   BENCH_REPS=3 BENCH_THREADS=2 BENCH_16000=1 bench/run.sh 2000
#
# Needs the tools built (mvn -B -DskipTests package) and Debian's python3-numpy python3-scipy
# libopenblas0-pthread (apt-get install ...). Prints, per N, one line in exactly this form:
#   N=<n> ours_s=<median s> peer_s=<median s> ratio=<ours/peer> peak_rss_mb=<ours>
# plus the eigen step's GFLOP/s against the dgemm peak, and both minimizers' iterations and
# worst final max|g|. Raw JSON lines go to bench/out/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/java-tools/khgps-cli/target/khgps.jar"
[[ -f "$jar" ]] || { echo "bench: build the tools first: mvn -B -DskipTests package" >&2; exit 2; }
/usr/bin/python3 -c 'import numpy, scipy' 2>/dev/null \
    || { echo "bench: apt-get install python3-numpy python3-scipy libopenblas0-pthread" >&2; exit 2; }
reps="${BENCH_REPS:-3}"
threads="${BENCH_THREADS:-$(nproc)}"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 2000 4000 8000)
out="$root/bench/out/$(date -u +%Y%m%dT%H%M%SZ)-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo nogit)"
mkdir -p "$out"
echo "bench: commit $(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown), $threads threads, $reps reps," \
     "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}, raw output in $out" >&2

run_ours() {  # N J file
    local mb=$(( 8 * $1 * $1 / 1048576 + 128 ))
    OPENBLAS_NUM_THREADS=$threads /usr/bin/time -f '%M' -o "$3.rss" \
        java -Xmx512m -XX:MaxDirectMemorySize=${mb}m -cp "$jar" org.khgps.cli.bench.RealizationBench \
        "$1" "$2" 0.01 1 "$reps" "$threads" > "$3"
}
run_peer() {  # N J file
    OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads /usr/bin/time -f '%M' -o "$3.rss" \
        /usr/bin/python3 "$root/bench/peer.py" "$1" "$2" 0.01 1 "$reps" > "$3"
}

for n in "${sizes[@]}"; do
    for j in 0.1 0.3; do
        echo "bench: N=$n J=$j ours..." >&2
        run_ours "$n" "$j" "$out/ours-$n-$j.jsonl"
        echo "bench: N=$n J=$j peer..." >&2
        run_peer "$n" "$j" "$out/peer-$n-$j.jsonl"
    done
done
if [[ -n "${BENCH_16000:-}" ]]; then
    echo "bench: N=16000 J=0.1, one realization (ours only)..." >&2
    reps=1 run_ours 16000 0.1 "$out/ours-16000-0.1.jsonl"
fi

/usr/bin/python3 - "$out" "${sizes[@]}" <<'PY'
import glob, json, os, statistics, sys
out, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
def load(path):
    rows = [json.loads(l) for l in open(path) if l.strip()]
    peak = [r for r in rows if "dgemm_gflops" in r]
    return [r for r in rows if "total_s" in r], (peak[0] if peak else None)
def rss_mb(path):
    return int(open(path + ".rss").read().split()[-1]) / 1024
for n in sizes + ([16000] if os.path.exists(f"{out}/ours-16000-0.1.jsonl") else []):
    ours, peer, rss, peaks = [], [], [], []
    for j in ("0.1", "0.3"):
        f = f"{out}/ours-{n}-{j}.jsonl"
        if not os.path.exists(f):
            continue
        rows, peak = load(f)
        ours += rows; rss.append(rss_mb(f)); peaks.append(peak)
        p = f"{out}/peer-{n}-{j}.jsonl"
        if os.path.exists(p):
            prow, _ = load(p); peer += prow
    if not ours:
        continue
    o = statistics.median(r["total_s"] for r in ours)
    eig = statistics.median(r["eigen_s"] for r in ours)
    gflops = 4.0 / 3.0 * n ** 3 / eig / 1e9
    dgemm = max(p["dgemm_gflops"] for p in peaks if p)
    if peer:
        ps = statistics.median(r["total_s"] for r in peer)
        print(f"N={n} ours_s={o:.4f} peer_s={ps:.4f} ratio={o / ps:.3f} peak_rss_mb={max(rss):.0f}")
    else:
        print(f"N={n} ours_s={o:.4f} peer_s=nan ratio=nan peak_rss_mb={max(rss):.0f}")
    print(f"   eigen: median {eig:.3f} s = {gflops:.1f} GFLOP/s (4/3 N^3) = {100 * gflops / dgemm:.0f}% of dgemm peak {dgemm:.1f} GFLOP/s")
    for name, rows in (("ours", ours), ("peer", peer)):
        if rows:
            print(f"   {name}: minimize median {statistics.median(r['minimize_s'] for r in rows):.3f} s, eigen median "
                  f"{statistics.median(r['eigen_s'] for r in rows):.3f} s, iterations {min(r['iterations'] for r in rows)}-"
                  f"{max(r['iterations'] for r in rows)}, J.x products {min(r['products'] for r in rows)}-{max(r['products'] for r in rows)}, "
                  f"worst max|g| {max(r['max_grad'] for r in rows):.2e}, converged {sum(r['converged'] for r in rows)}/{len(rows)}")
    if ours and "regenerate_s" in ours[0]:
        print(f"   ours: regenerating J for the diagonalize stage: median {statistics.median(r['regenerate_s'] for r in ours):.3f} s")
PY
