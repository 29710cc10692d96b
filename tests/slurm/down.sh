#!/usr/bin/env bash
# Stops the one-node SLURM cluster started by tests/slurm/up.sh.
set -uo pipefail
dir="${KHGPS_SLURM_DIR:-/tmp/khgps-slurm}"
for daemon in slurmd slurmctld; do
    if [[ -f "$dir/$daemon.pid" ]]; then
        kill "$(cat "$dir/$daemon.pid")" 2>/dev/null || true
    fi
done
for _ in $(seq 1 20); do
    pgrep -f "slurm(ctld|d) -f $dir/slurm.conf" >/dev/null || break
    sleep 0.25
done
pkill -9 -f "slurm(ctld|d) -f $dir/slurm.conf" 2>/dev/null || true
rm -rf "$dir/state" "$dir/spool"
echo "slurm down" >&2
