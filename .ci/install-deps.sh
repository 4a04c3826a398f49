#!/usr/bin/env bash
# install-deps.sh: Debian packages CI needs. Idempotent: installs only what is missing, never upgrades.
# Others may append packages to the lists below (one concern per line, with the reason).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

packages=(
  # Lab cluster (fixtures/cluster): container runtime, OCI runtime, CNI plugins (bridge, host-local, loopback)
  containerd runc containernetworking-plugins
  # Lab cluster: static busybox for the locally built images; openssl for the cluster certificates
  busybox-static openssl
  # Lab cluster: flock/nsenter/mount (util-linux), ip (iproute2), tar and sha256sum for image archives
  util-linux mount iproute2 tar coreutils
  # ONTAP simulator tests (fixtures/ontap-sim): the real ssh and ssh-keygen clients, and curl for the REST routes
  openssh-client curl
  # HTML report tests (harness/report-html, through harness/test-support/headless-chromium.ts): headless Chromium, and a Japanese font so screenshots read
  chromium fonts-ipafont-gothic
  # The bench's yardstick script (bench/yardstick.sh) and its tests: jq (kubectl is the lab cluster's, ssh above)
  jq
  # The ONTAP simulator's conformance test (fixtures/ontap-sim/conformance): python3 with venv, for NetApp's own client from PyPI
  python3 python3-venv
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps.sh: installing ${missing[*]}"
  apt-get install -y --no-install-recommends "${missing[@]}" || {
    apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"
  }
else
  echo "install-deps.sh: all Debian packages present"
fi

# The lab cluster is built with Go >= 1.24 (Debian 12's golang-go is 1.19, too old): it must be preinstalled.
if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then export PATH=$PATH:/usr/local/go/bin; fi
if ! go version 2>/dev/null | grep -Eq 'go1\.(2[4-9]|[3-9][0-9])'; then
  echo "install-deps.sh: Go >= 1.24 is required to build the lab cluster (found: $(go version 2>/dev/null || echo none)); install it in /usr/local/go." >&2
  exit 1
fi
