#!/usr/bin/env bash
# Memory of the histogram stage (khgps histogram) on one point's minima and spectra files, at the
# heaps given: which heaps suffice, the peak RSS and the wall time at each. A peer jar (an older
# build, say the one before the histogram streamed its files) runs the same files beside it.
# Run by hand, on the files of a HISTOGRAM task (its Nextflow work directory holds them):
#
#   bench/histogram.sh WORK_DIR [HEAP_MB ...]          default heaps: 160 256 600 1573
#   BENCH_PEER_JAR=/path/to/khgps.jar bench/histogram.sh WORK_DIR
#
# Prints per jar and heap one line in exactly this form:
#   jar=<ours|peer> heap_mb=<m> ok=<0|1> peak_rss_mb=<m> wall_s=<s> modes=<M>
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
dir="${1:?usage: bench/histogram.sh WORK_DIR [HEAP_MB ...]}"
shift
heaps=("$@")
[[ ${#heaps[@]} -gt 0 ]] || heaps=(160 256 600 1573)
mapfile -t files < <(ls "$dir"/minima_*.h5 "$dir"/spectra_*.h5)
[[ ${#files[@]} -gt 0 ]] || { echo "bench: no minima_*.h5 / spectra_*.h5 in $dir" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "bench: commit $(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown), ${#files[@]} files in $dir" >&2
jars=("ours=$jar")
[[ -n "${BENCH_PEER_JAR:-}" ]] && jars+=("peer=$BENCH_PEER_JAR")
for entry in "${jars[@]}"; do
    name="${entry%%=*}"
    j="${entry#*=}"
    for heap in "${heaps[@]}"; do
        start=$(date +%s.%N)
        ok=1
        /usr/bin/time -f '%M' -o "$out/rss" java -Xmx"${heap}m" -XX:+ExitOnOutOfMemoryError -jar "$j" histogram \
            --out "$out/dos.h5" "${files[@]}" 2> "$out/log" || ok=0
        end=$(date +%s.%N)
        modes=$(grep -o '[0-9]* modes' "$out/log" | head -1 | cut -d' ' -f1 || true)
        printf 'jar=%s heap_mb=%s ok=%s peak_rss_mb=%d wall_s=%.2f modes=%s\n' "$name" "$heap" "$ok" \
            $(( $(tail -1 "$out/rss") / 1024 )) "$(echo "$end - $start" | bc -l)" "${modes:-nan}"
        rm -f "$out/dos.h5"
    done
done
