#!/usr/bin/env bash
# The cost of each protocol (issue 28) per realization, on the same realizations in one run
# (org.khgps.cli.bench.ProtocolBench: one lane on all cores, J = 0.2, h = 0.01, kappa0 = 1). Run by hand:
#
#   BENCH_REPS=4 bench/protocols.sh [N ...]     default N: 2000 4000 8000
#
# Prints per N and protocol one line in exactly this form:
#   N=<n> protocol=<p> minimize_s=<s> classify_s=<s> flips=<mean moves kept> rounds=<mean> over_zero=<ratio>
# then per N: diag(M^-1) against one Cholesky of the same Hessians (medians; issue 30)
#   N=<n> diag_inverse_s=<s> cholesky_s=<s> over_cholesky=<ratio> from_factor_s=<s> from_factor_over_cholesky=<ratio>
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
reps="${BENCH_REPS:-4}"
J="${BENCH_J:-0.2}"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(2000 4000 8000)
echo "bench: commit $(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown), $threads threads, $reps realizations," \
     "J = $J, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}" >&2
for n in "${sizes[@]}"; do
    mem=$(( 8 * n * n / 1048576 + 256 ))
    java -Xmx1g -XX:MaxDirectMemorySize=${mem}m -cp "$jar" org.khgps.cli.bench.ProtocolBench "$n" "$J" "$reps" "$threads"
done
