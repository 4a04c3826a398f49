#!/usr/bin/env bash
# The smoke set on other Node majors: `bash .ci/smoke.sh 22 24` runs the test files below once on each (the binaries
# from .ci/node-version.sh), counts in reports/selftest-node<major>.json. Users run the grader on Node 22 or 24,
# while the fast lane runs everything on the machine's Node 20. The packaged command is covered on 20, 22 and 24 by
# .ci/package.test.ts (in the fast lane): --help, --version, a usage error, a grading run and a roster run from the
# installed tarball. These files add what differs between Node majors behind that: the CLI's tests start the grader
# with the Node that runs them (process.execPath), so each runs the built CLI on that major too.
# A major that cannot be had is skipped here, saying so (.ci/package.test.ts fails for it when CI is set).
set -uo pipefail
cd "$(dirname "$0")/.."

SMOKE=(
  # The library (harness/index.ts) in-process: grade and gradeClass side by side, a hung and an unreachable
  # cluster, a cancelled run (AbortSignal, timers, the in-process vitest runs).
  harness/library.test.ts
  # The CLI end to end on its error paths: Node's own errors (missing files, folders for files, PEM and keys, URLs,
  # refused connections) change wording and codes between majors, and each must still end as one sentence with
  # the right exit code, no stack trace and no secret.
  specs/tests/bad-input.test.ts
  # The ONTAP clients against the simulator: SSH (ssh2 on Node's crypto) and REST (undici on Node's TLS), whose
  # OpenSSL differs per major; and Ctrl-C through the CLI closing the login it opened.
  specs/tests/ontap-volume.test.ts
  # A class through the CLI: students graded side by side in one process, the ONTAP simulator over SSH, a wrong
  # password costing only its own student.
  harness/roster/roster-cli.test.ts
)

mkdir -p reports
for major in "$@"; do
  rm -f "reports/selftest-node$major.json"
  node=$(bash .ci/node-version.sh "$major")
  if [ -z "$node" ]; then
    echo "smoke: no Node $major could be had: its run is skipped"
    continue
  fi
  echo "smoke: ${#SMOKE[@]} test files on $("$node" --version)"
  "$node" --import tsx .ci/selftest.ts --project self --label "node$major" --counts "reports/selftest-node$major.json" "${SMOKE[@]}"
done
