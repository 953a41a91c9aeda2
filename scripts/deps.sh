#!/bin/sh
# Installs the Debian packages scorer needs, only those missing. Run as root (or with sudo).
set -e
need="make gcc libopenblas-dev libxxhash-dev xz-utils gnuplot-nox pkgconf"
[ -n "$SCORER_DEPS_EXTRA" ] && need="$need $SCORER_DEPS_EXTRA"
missing=""
for p in $need; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "scorer: installing$missing" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
