#!/usr/bin/env bash
# Prints the path of a Node.js binary of the major version given (e.g. `bash .ci/node-version.sh 22`), installing the
# `node@<major>` npm package into a cache outside the clone when needed. Prints nothing (and says why on stderr) when
# it cannot be had. Used for the compatibility runs: .ci/run, the packed-package test, the lab's grader image.
#   cache: $GRADER_NODE_CACHE/node<major> (default /var/cache/trident-lab-grader/node<major>);
#          GRADER_NODE24_DIR still names Node 24's folder itself.
set -uo pipefail
major=${1:-}
if ! [[ $major =~ ^[0-9]+$ ]]; then
  echo "usage: node-version.sh <major version>, e.g. 22" >&2
  exit 2
fi
cache=${GRADER_NODE_CACHE:-/var/cache/trident-lab-grader}/node$major
if [ "$major" = 24 ] && [ -n "${GRADER_NODE24_DIR:-}" ]; then cache=$GRADER_NODE24_DIR; fi
bin=$cache/node_modules/node/bin/node
if ! "$bin" --version 2>/dev/null | grep -q "^v$major\."; then
  mkdir -p "$cache" && (cd "$cache" && npm install --no-save --no-audit --no-fund --silent "node@$major" >&2) || true
fi
if "$bin" --version 2>/dev/null | grep -q "^v$major\."; then echo "$bin"; else echo "node-version.sh: no Node $major binary could be installed" >&2; fi
