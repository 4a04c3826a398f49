#!/usr/bin/env bash
# Prints the path of a Node 24 binary for the compatibility run, installing the `node@24` npm package into a
# cache outside the clone when needed. Prints nothing (and says why on stderr) when it cannot be had.
set -uo pipefail
cache=${GRADER_NODE24_DIR:-/var/cache/trident-lab-grader/node24}
bin=$cache/node_modules/node/bin/node
if ! "$bin" --version 2>/dev/null | grep -q '^v24\.'; then
  mkdir -p "$cache" && (cd "$cache" && npm install --no-save --no-audit --no-fund --silent node@24 >&2) || true
fi
if "$bin" --version 2>/dev/null | grep -q '^v24\.'; then echo "$bin"; else echo "node24.sh: no Node 24 binary could be installed" >&2; fi
