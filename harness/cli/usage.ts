// `--help`: what the grader does, its flags and exit codes, in English (usage-ja.ts says the same in Japanese).

/** The help text; `objectiveIds`: the lab's objectives, in lab order. */
export const usage = (objectiveIds: readonly string[]): string => `Usage: npm test -- --student=<namespace> [options]
       npm test -- --roster <class.yaml|class.csv> [--shard <i>/<n>] [options]
       npm test -- --roster <class.yaml|class.csv> --merge-class <dir> [<dir>...] [--out <dir>]

Grades the Level 2 lab (Trident, StorageClasses, PVC, persistence, ONTAP volume) for one student namespace
and writes reports/<student>/scorecard.json, junit.xml, scorecard.md, scorecard.html, results.json (Gradescope)
and lti-score.json (LTI 1.3 AGS score).

Target
  --student <ns>                 the student's namespace (required; DNS-1123 label)
  --kubeconfig <file>            kubeconfig to use (default: KUBECONFIG, then ~/.kube/config)
  --context <name>               kubeconfig context (default: the current one)
  --ontap-host <host>            the student's SVM management LIF (ontap-volume is an error without it)
  --ontap-port <n>               SSH or HTTPS port (default 22 / 443)
  --ontap-user <user>            ONTAP user (default vsadmin)
  --svm <name>                   the student's SVM (e.g. svm01)
  --ontap-api ssh|rest           how to ask ONTAP (default ssh, as in the lab)
  --ontap-host-key <SHA256:...>  pin the SVM's SSH host key fingerprint
  --ontap-known-hosts <file>     or check it against a known_hosts file
  --ontap-ca <file>              CA certificate for the REST API
  --ontap-insecure-accept-host-key  accept an unknown SSH host key / unverified TLS (said on the card)
  --ontap-timeout <s>            limit for connecting to ONTAP and for each command (default 20, at most 600)

Run
  --rubric <file>                rubric YAML (points, prerequisites, hints, parameters)
  --config <file>                config file (default ./grader.config.yaml if present)
  --out <dir>                    report folder (default reports/<student>)
  --only <ids> / --skip <ids>    comma-separated objective ids (prerequisites of --only run too)
  --lang ja|en                   language of messages (default from LANG)
  --timeout <s>                  budget for the whole run (default 600, at most 86400)
  --persist-timeout <s>          budget for the pod replacement in data-persists (default 180, at most 3600)
  --self-check                   student mode: hints, and a y/N question before a pod is deleted
  -y, --yes                      answer yes to that question
  -h, --help / -v, --version

LMS
  --lms-user-id <id>             userId of the LTI score (default: the student)
  --post <url>                   POST the scorecard JSON, signed (X-Grader-Signature: sha256=HMAC of
                                 "<X-Grader-Timestamp>.<body>"), retried with backoff on 5xx and network
                                 errors; never in a self-check. Secret: GRADER_WEBHOOK_SECRET or
                                 GRADER_WEBHOOK_SECRET_FILE. Only https:// unless --post-allow-http; a redirect
                                 is a failed delivery (never followed)
  --post-allow-http              allow a plain http:// --post URL (the scorecard then travels unencrypted)

Class (--roster <file>: id, namespace, kubeconfig/context, svm, ontapHost[:port], passwordEnv or passwordFile,
lmsUserId per student; writes reports/<id>/ and reports/class/summary.json, .csv, .md, index.html)
  --parallel <n>                 students graded at once (default 4)
  --ontap-sessions-per-host <n>  students at once per ONTAP host, one SSH session each (default 2)
  --kube-qps <n>                 Kubernetes API requests per second for the whole class (default 100)
  --timeout <s>                  time budget per student; a student still running after it is stopped
  --out <dir>                    reports root (default reports)
  --allow-kubeconfig-exec        let roster kubeconfigs run exec credential plugins and read token files
                                 (refused by default: a roster's kubeconfigs may come from students)

Shards (one class graded on several machines, e.g. an Indexed Job)
  --shard <i>/<n>                grade shard i of n, counted from 0 like JOB_COMPLETION_INDEX (default: from
                                 JOB_COMPLETION_INDEX and JOB_COMPLETIONS when both are set). The ids are sorted
                                 and dealt out in turn: every student in exactly one shard. Reports go to
                                 reports/shard-<i>-of-<n>/ (or --out); its class summary is marked as the shard's
  --merge-class <dir> [<dir>...] the class summary from the shards' folders, written to <out>/class/ (default
                                 reports); refused unless every shard of one run is there, finished, with every
                                 student exactly once (with --roster: that roster's students)

Secrets only from the environment or files: ONTAP_PASSWORD or ONTAP_PASSWORD_FILE, ONTAP_SSH_KEY (key file),
ONTAP_SSH_KEY_PASSPHRASE.

Each option is given once. Reports show what a student's cluster said with control characters made visible.

Exit codes: 0 all passed, 1 some failed or blocked, 2 grader error (for a class: any student's grading, or a
--post delivery, failed), 9 usage error.
Objectives, in lab order: ${wrap(objectiveIds.join(', ') + '.', 110)}`

/** Breaks a list onto lines of at most `width` characters, at its spaces. */
export function wrap(text: string, width: number): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  return [...lines, line].join('\n')
}
