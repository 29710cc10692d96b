#!/usr/bin/env bash
# Builds the khgps-nf tools image with podman from Debian packages alone (no image registry is
# reachable here) and prints its name on stdout, e.g. localhost/khgps-nf:0.1.0.
#   1. installs podman, runc and debootstrap with apt if missing (as root, or with sudo);
#   2. makes podman run containers in this sandbox: runc, capped ulimits, no systemd or journald
#      (a containers.conf drop-in, khgps.conf);
#   3. a base image: debootstrap minbase bookworm + openjdk-17-jre-headless + procps, imported
#      as localhost/khgps-base:bookworm-jre17 (kept: later builds reuse it);
#   4. the project's Dockerfile on top of it, with the fat jar (built if missing).
# Elsewhere, build the same Dockerfile on its default base (docs/usage.md, "Containers").
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
base="localhost/khgps-base:bookworm-jre17"
mirror="${KHGPS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo

if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v debootstrap >/dev/null; then
    echo "container build: installing podman runc debootstrap with apt..." >&2
    $SUDO apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
        podman runc debootstrap uidmap >&2
fi

# A drop-in of our own (root reads /etc/containers/containers.conf.d, a user ~/.config/...): crun
# and systemd cgroups do not work in this sandbox, and podman's default nofile/nproc are above
# what it may set
if [ "$(id -u)" = 0 ]; then dropin=/etc/containers/containers.conf.d/khgps.conf
else dropin="${XDG_CONFIG_HOME:-$HOME/.config}/containers/containers.conf.d/khgps.conf"; fi
mkdir -p "$(dirname "$dropin")"
cat > "$dropin" <<'CONF'
# written by khgps-nf tests/container/build.sh
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF

if ! podman image exists "$base"; then
    rootfs="$(mktemp -d "${TMPDIR:-/tmp}/khgps-rootfs.XXXXXX")"
    trap '$SUDO rm -rf "$rootfs"' EXIT
    echo "container build: debootstrap bookworm into $rootfs (a few minutes)..." >&2
    $SUDO debootstrap --variant=minbase --include=openjdk-17-jre-headless,procps bookworm "$rootfs" "$mirror" >&2
    $SUDO rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    $SUDO tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$base" >&2
fi

jar="$root/java-tools/khgps-cli/target/khgps.jar"
if [ ! -f "$jar" ]; then
    echo "container build: building the tools (mvn -B -q -DskipTests package)..." >&2
    mvn -B -q -f "$root/pom.xml" -DskipTests package >&2
fi
version="$(sed -n 's/.*<version>\(.*\)<\/version>.*/\1/p' "$root/pom.xml" | head -1)"
commit="$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)"
image="localhost/khgps-nf:${version}"
podman build -q --build-arg BASE="$base" --build-arg KHGPS_GIT_COMMIT="$commit" -t "$image" \
    -f "$root/Dockerfile" "$root" >&2
echo "$image"
