# Sourced by the benchmarks: the project root, the tools' jar, and the peer's Python stack, or a
# message saying what to build or install (exit 2).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/java-tools/khgps-cli/target/khgps.jar"
[[ -f "$jar" ]] || { echo "bench: build the tools first: mvn -B -DskipTests package" >&2; exit 2; }
/usr/bin/python3 -c 'import numpy, scipy' 2>/dev/null \
    || { echo "bench: apt-get install python3-numpy python3-scipy libopenblas0-pthread" >&2; exit 2; }
threads="${BENCH_THREADS:-$(nproc)}"
