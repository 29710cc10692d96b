#!/usr/bin/env bash
# Could a two-stage tridiagonal reduction with another band width beat LAPACK's dsytrd (what
# dsyevd and numpy's eigvalsh spend their time in)? Times both at one N, on the OpenBLAS inside
# the bytedeco jar the tools use: alone on 1 thread, alone on all threads, and as one
# single-threaded process per thread side by side (the tools' lanes). Needs gcc; not part of the
# tests: run by hand.
#
#   bench/reduction.sh [N [kd ...]]     default: 2000, kd 0 (= dsytrd) 16 32 48 64
#   BENCH_REPS=5 bench/reduction.sh 3000 0 32 64
#
# Prints per kd: N=<n> kd=<kd> alone_1_s=<median> alone_all_s=<median> side_by_side_s=<median per
# process> per_realization_s=<side_by_side / threads>.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-2000}"
shift || true
kds=("$@")
[[ ${#kds[@]} -gt 0 ]] || kds=(0 16 32 48 64)
reps="${BENCH_REPS:-3}"
threads="${BENCH_THREADS:-$(nproc)}"
command -v gcc >/dev/null || { echo "reduction: needs gcc (apt-get install gcc)" >&2; exit 2; }
jar="$(find "${HOME}/.m2/repository/org/bytedeco/openblas" -name 'openblas-*-linux-x86_64.jar' 2>/dev/null | sort | tail -1)"
[[ -n "$jar" ]] || { echo "reduction: build the tools first (mvn -B -DskipTests package) to fetch OpenBLAS" >&2; exit 2; }
work="$root/bench/out/native"
mkdir -p "$work"
unzip -o -q "$jar" 'org/bytedeco/openblas/linux-x86_64/*' -d "$work"
lib="$work/org/bytedeco/openblas/linux-x86_64"
gcc -O2 -o "$work/reduction" "$root/bench/reduction.c" -L"$lib" -l:libopenblas.so.0 -lm -Wl,-rpath,"$lib"
echo "reduction: $(basename "$jar"), N=$n, $reps reps, $threads threads, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}" >&2

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
seconds() { sed -n 's/.* seconds=\([0-9.]*\) .*/\1/p'; }
for kd in "${kds[@]}"; do
    one=$(OPENBLAS_NUM_THREADS=1 "$work/reduction" "$n" "$reps" "$kd" | seconds | median)
    all=$(OPENBLAS_NUM_THREADS=$threads "$work/reduction" "$n" "$reps" "$kd" | seconds | median)
    for ((k = 0; k < threads; k++)); do
        OPENBLAS_NUM_THREADS=1 "$work/reduction" "$n" "$reps" "$kd" > "$work/side.$k" &
    done
    wait
    side=$(cat "$work"/side.* | seconds | median)
    rm -f "$work"/side.*
    echo "N=$n kd=$kd alone_1_s=$one alone_all_s=$all side_by_side_s=$side per_realization_s=$(awk -v s="$side" -v t="$threads" 'BEGIN {printf "%.4f", s / t}')"
done
