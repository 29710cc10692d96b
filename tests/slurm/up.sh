#!/usr/bin/env bash
# Starts a one-node SLURM cluster on 127.0.0.1 for the pipeline's SLURM tests (Debian 12's
# Slurm 22.05), installing what is missing with apt. Everything it writes lives under one
# directory, $KHGPS_SLURM_DIR (default /tmp/khgps-slurm); it prints the line to source:
#     export SLURM_CONF=/tmp/khgps-slurm/slurm.conf
# Run as root (SlurmUser=root). Stop it with tests/slurm/down.sh.
set -euo pipefail
dir="${KHGPS_SLURM_DIR:-/tmp/khgps-slurm}"
host="$(hostname -s)"

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null; then
    echo "slurm up: installing slurmctld slurmd slurm-client with apt..." >&2
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
        slurmctld slurmd slurm-client >&2
fi

"$(dirname "$0")/down.sh" >/dev/null 2>&1 || true
mkdir -p "$dir/state" "$dir/spool" "$dir/log"
cpus="$(nproc)"
mem_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
# Lessons (see issue notes): no DNS (host pinned to 127.0.0.1, slurmd -N), no cgroup plugins
# (they drain the node here), spool dirs made by hand, CR_CPU so jobs without --mem do not take
# the node, EnforcePartLimits so impossible jobs are rejected instead of pending forever.
cat > "$dir/slurm.conf" <<CONF
ClusterName=khgps
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/none
CredType=cred/none
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerParameters=batch_sched_delay=0
EnforcePartLimits=ALL
ReturnToService=2
SlurmdTimeout=300
InactiveLimit=0
KillWait=5
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=${mem_mb} State=UNKNOWN
PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF" -N "$host"

for _ in $(seq 1 60); do
    state="$(sinfo -h -o '%T' 2>/dev/null | head -1 || true)"
    if [[ "$state" == idle* ]]; then
        echo "slurm up: node $host idle ($cpus CPUs, ${mem_mb} MB)" >&2
        echo "export SLURM_CONF=$SLURM_CONF"
        exit 0
    fi
    sleep 0.5
done
echo "slurm up: the node did not become idle; logs in $dir/log" >&2
sinfo >&2 || true
tail -20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
exit 1
