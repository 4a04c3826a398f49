// The words of --help and of the README's flag tables, in English: this catalogue declares each entry and its
// parameters, and help-ja.ts is typed against it. What each option does and its default are keyed by the option's
// name in the parser's list (FLAG_OPTIONS, harness/cli/parse-args.ts), so an option without a description does not
// compile. harness/cli/usage-text.ts renders the help, harness/cli/flag-table.ts the README's tables.

import type { FlagName } from '../cli/parse-args.js'
import type { Catalogue, Entry } from './catalogue.js'

/** What each option does. */
export const FLAG_MEANINGS_EN = {
  student: "the student's namespace (required; a DNS-1123 label)",
  kubeconfig: 'the kubeconfig to use',
  context: 'the kubeconfig context',
  'ontap-host': "the student's SVM management LIF; without it ontap-volume is skipped, saying why",
  'ontap-port': 'the SSH or HTTPS port of ONTAP, 1 to 65535',
  'ontap-user': 'the ONTAP user',
  svm: "the student's SVM (letters, digits, _, . and -; e.g. svm01), needed with --ontap-host; also checked against the backend",
  'ontap-api': 'how to ask ONTAP',
  'ontap-host-key': "pin the SVM's SSH host key fingerprint",
  'ontap-known-hosts': 'or check the SSH host key against a known_hosts file',
  'ontap-ca': "the CA (a PEM file) for the certificate of ONTAP's REST API",
  'ontap-insecure-accept-host-key': 'accept an unknown SSH host key or an unverified TLS certificate (recorded on the card)',
  'ontap-timeout': 'limit for connecting to ONTAP and for each command, at most 600',
  rubric: 'the rubric YAML: points, prerequisites, hints, parameters',
  config: 'a config file of these settings (precedence: flags, environment, config file, defaults)',
  out: 'the report folder (one the grader may write in, never a file); for a class, the reports root',
  only: 'grade only these objectives (comma-separated ids); their prerequisites are graded too',
  skip: 'leave these objectives out (comma-separated ids)',
  lang: 'the language of every console line (usage errors and --help too), message, hint and report',
  timeout: 'budget for the whole run, at most 86400; for a class, per student (a student still running then is stopped)',
  'persist-timeout': 'budget for the pod replacement in data-persists, at most 3600',
  'self-check': 'student mode: hints, and a y/N question before a pod is deleted',
  yes: 'answer yes to that question',
  help: 'print the help',
  version: "print the grader's name and version",
  'lms-user-id': 'the userId of the LTI score',
  post:
    'POST the scorecard JSON to this https:// URL, signed (X-Grader-Signature: sha256=HMAC of "<X-Grader-Timestamp>.<body>", ' +
    'the secret from GRADER_WEBHOOK_SECRET or GRADER_WEBHOOK_SECRET_FILE), retried with backoff on 5xx and network errors; ' +
    'a redirect is a failed delivery (never followed); never in a self-check',
  'post-allow-http': 'allow a plain http:// --post URL (the scorecard then travels unencrypted: a trusted network only)',
  roster:
    'grade every student of a YAML or CSV roster (id, namespace, kubeconfig/context, svm, ontapHost[:port], passwordEnv or passwordFile, lmsUserId); ' +
    'writes reports/<id>/ and reports/class/ (summary.json, .csv, .md, index.html); not with --student',
  parallel: 'students graded at once, side by side in this process, each with only their own password and time budget',
  'ontap-sessions-per-host': 'students at once per ONTAP host, one SSH session each',
  'kube-qps': 'Kubernetes API requests per second for the whole class',
  'allow-kubeconfig-exec':
    "let the roster's kubeconfigs run exec credential plugins and read token files (refused by default, exit 9: a roster's kubeconfigs may come from students; " +
    'or allowExecPlugins: true in a YAML roster)',
  shard:
    'grade shard i of n, counted from 0 like JOB_COMPLETION_INDEX: the ids sorted and dealt out in turn, every student in exactly one shard; ' +
    "reports in reports/shard-<i>-of-<n>/ (or --out), the class summary marked as the shard's",
  'merge-class':
    "the class summary from the shards' folders, written to <out>/class/; refused (exit 9) unless every shard of one run is there, finished, " +
    "with every student exactly once (with --roster: that roster's students)",
} satisfies Record<FlagName, Entry>

/** An option's default, where it has one (an option without a value is off unless given). */
export const FLAG_DEFAULTS_EN = {
  kubeconfig: 'KUBECONFIG, then ~/.kube/config, or in-cluster',
  context: 'the current one',
  'ontap-port': '22 (ssh) / 443 (rest)',
  'ontap-user': 'vsadmin',
  'ontap-api': 'ssh, as in the lab',
  'ontap-timeout': '20',
  rubric: 'built in',
  config: './grader.config.yaml if present',
  out: 'reports/<student>; for a class, reports',
  only: 'all',
  lang: 'from LANG',
  timeout: '600',
  'persist-timeout': '180',
  'lms-user-id': 'the student',
  parallel: '4',
  'ontap-sessions-per-host': '2',
  'kube-qps': '100',
  shard: 'JOB_COMPLETION_INDEX / JOB_COMPLETIONS when both are set',
} satisfies Partial<Record<FlagName, Entry>>

/** The rest of the help and of the README's tables. */
export const HELP_EN = {
  usage: 'Usage:',
  options: '[options]',
  intro:
    'Grades the Level 2 lab (Trident, StorageClasses, PVC, persistence, ONTAP volume) for one student namespace and writes ' +
    'reports/<student>/scorecard.json, junit.xml, scorecard.md, scorecard.html, results.json (Gradescope) and lti-score.json (LTI 1.3 AGS score).',
  'group.target': 'Target',
  'group.run': 'Run',
  'group.lms': 'LMS',
  'group.class': 'Class (a roster of students graded in one process)',
  'group.shards': 'Shards (one class graded on several machines, e.g. an Indexed Job)',
  withDefault: (p: { meaning: string; value: string }) => `${p.meaning} [default: ${p.value}]`,
  secrets: 'Secrets only from the environment or files: ONTAP_PASSWORD or ONTAP_PASSWORD_FILE, ONTAP_SSH_KEY (a key file), ONTAP_SSH_KEY_PASSPHRASE.',
  once: "Each option is given once. Reports show what a student's cluster said with control characters made visible.",
  exitCodes: "Exit codes: 0 all passed, 1 some failed or blocked, 2 grader error (for a class: any student's grading, or a --post delivery, failed), 9 usage error.",
  objectives: (p: { ids: readonly string[] }) => `Objectives, in lab order: ${p.ids.join(', ')}.`,
  examples: 'Examples',
  'example.self-check': 'a student checks their own work before submitting, in Japanese',
  'example.instructor': "an instructor grades one student and their SVM (the SVM user's password in ONTAP_PASSWORD)",
  'example.class': 'an instructor grades a class, eight students at a time',
  'table.flag': 'flag',
  'table.env': 'env',
  'table.config': 'config file',
  'table.default': 'default',
  'table.meaning': 'meaning',
} satisfies Catalogue

export type FlagMeanings = typeof FLAG_MEANINGS_EN
export type FlagDefaults = typeof FLAG_DEFAULTS_EN
export type HelpWords = typeof HELP_EN
