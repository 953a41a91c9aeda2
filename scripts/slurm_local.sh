#!/bin/bash
# A throwaway single-node Slurm cluster on this machine, for testing `scorer sweep`'s sbatch script.
#   scripts/slurm_local.sh         install (Debian packages), configure, start; waits for the node to be idle
#   scripts/slurm_local.sh stop    stop slurmd, slurmctld and munged
# Run as root. Idempotent: running it again rewrites the config and restarts the daemons.
# No systemd needed: the daemons are started directly. No accounting (sacct won't work), no cgroups.
set -euo pipefail

CONF=/etc/slurm/slurm.conf
SPOOL=/var/spool/slurm-local
LOGS=/var/log/slurm-local

# Stop one daemon by its pid file (only the process we started), then wait for it to go.
stop_pidfile() {
    local f=$1 pid
    [ -s "$f" ] || return 0
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
    rm -f "$f"
}

stop_all() {
    stop_pidfile /run/slurm-local/slurmd.pid
    stop_pidfile /run/slurm-local/slurmctld.pid
    stop_pidfile /run/munge/munged.pid
}

if [ "${1:-start}" = stop ]; then
    stop_all
    echo "slurm_local: stopped"
    exit 0
fi

# 1. Packages (only the missing ones). policy-rc.d keeps the postinst scripts from starting services.
need="slurmctld slurmd slurm-client munge"
missing=""
for p in $need; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "slurm_local: installing$missing"
    apt-get update -qq
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
    # shellcheck disable=SC2086  # $missing is a list of package names
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    rm -f /usr/sbin/policy-rc.d
fi

# 2. Restart from a clean slate: stop whatever we started before.
stop_all

# 3. Munge: a key (made once) and the daemon.
install -d -o munge -g munge -m 0700 /etc/munge /var/lib/munge /var/log/munge
install -d -o munge -g munge -m 0755 /run/munge
[ -s /etc/munge/munge.key ] || mungekey --create --keyfile=/etc/munge/munge.key
chown munge:munge /etc/munge/munge.key; chmod 0400 /etc/munge/munge.key
runuser -u munge -- munged --pid-file=/run/munge/munged.pid
munge -n | unmunge >/dev/null   # fails (set -e) if munge does not work

# 4. slurm.conf: one node (this host), one default partition, daemons run as root.
host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemAvailable/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)   # MB, a bit below free
install -d -m 0755 /etc/slurm "$SPOOL/ctld" "$SPOOL/d" "$LOGS" /run/slurm-local
cat >"$CONF" <<EOF
# Written by scorer's scripts/slurm_local.sh: a single-node test cluster.
ClusterName=scorerlocal
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
ReturnToService=2
StateSaveLocation=$SPOOL/ctld
SlurmdSpoolDir=$SPOOL/d
SlurmctldPidFile=/run/slurm-local/slurmctld.pid
SlurmdPidFile=/run/slurm-local/slurmd.pid
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

# 5. The daemons (-c: forget jobs of an earlier run; they fork into the background themselves).
slurmctld -c
slurmd -c

# 6. Wait until the node is idle.
for _ in $(seq 60); do
    state=$(sinfo -h -N -o '%T' 2>/dev/null || true)
    [ "$state" = idle ] && break
    sleep 1
done
sinfo
[ "$state" = idle ] || { echo "slurm_local: node not idle (state '$state'); see $LOGS/" >&2; exit 1; }
echo "slurm_local: ready (stop with: $0 stop)"
