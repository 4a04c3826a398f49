// The sentences of usage and configuration errors of one student's run (exit 9), and of the grader's errors about
// the run and the cluster (the kubeconfig, the API server, the budget, exec, the Lease), in English: this catalogue declares each sentence
// and its parameters, and usage-errors-ja.ts is typed against it. Code throws them through usageError(key, params)
// or runError(code, key, params) (usage-errors.ts). Each says what is wrong, where, and what to do. Values are put
// in as given: the CLI neutralises the whole line before it reaches a terminal.

import { nameIn, type Catalogue, type Named } from './catalogue.js'

/** What a PEM file named for the grader must hold. */
export type PemKind = 'certificate' | 'private-key'

const PEM: Record<PemKind, string> = {
  certificate: 'a PEM certificate (-----BEGIN CERTIFICATE-----)',
  'private-key': 'a PEM or OpenSSH private key (-----BEGIN ... PRIVATE KEY-----)',
}

const en = (name: Named) => nameIn(name, 'en')

/** What a server that is not the Kubernetes API answered with. */
export type KubeAnswer = { kind: 'not-version' | 'not-object' | 'no-kind' | 'no-items' | 'item-no-metadata' | 'bad-event' | 'not-json' | 'no-type' } | { kind: 'media'; type: string }

function answer(a: KubeAnswer): string {
  switch (a.kind) {
    case 'not-version':
      return 'JSON that is not a version'
    case 'not-object':
      return 'JSON that is not an object'
    case 'no-items':
      return 'a list without an `items` array'
    case 'item-no-metadata':
      return 'a list item without `metadata`'
    case 'bad-event':
      return "a watch event that is not JSON of the API's shape"
    case 'no-kind':
      return 'an object without `kind` and `metadata`'
    case 'not-json':
      return 'a body that is not JSON'
    case 'media':
      return a.type
    case 'no-type':
      return 'no content type'
  }
}

/** Who holds the grading Lease of a namespace. */
export type LeaseHolder = { kind: 'just-taken' } | { kind: 'run'; run: string; until: string } | { kind: 'replacing'; run: string }

function holder(h: LeaseHolder): string {
  switch (h.kind) {
    case 'just-taken':
      return 'another grading run (it took the lease a moment ago)'
    case 'run':
      return `run ${h.run} (until ${h.until})`
    case 'replacing':
      return `run ${h.run}, which is replacing a pod right now`
  }
}

export const USAGE_ERRORS_EN = {
  // ---- flags (cli/parse-args.ts)
  'flag.secret-ontap': (p: { flag: string }) => `${p.flag} is not accepted: secrets never go on the command line; set ONTAP_PASSWORD (or ONTAP_PASSWORD_FILE) and ONTAP_SSH_KEY in the environment.`,
  'flag.secret-webhook': (p: { flag: string }) => `${p.flag} is not accepted: secrets never go on the command line; set GRADER_WEBHOOK_SECRET (or GRADER_WEBHOOK_SECRET_FILE) in the environment.`,
  'flag.unexpected': (p: { value: string }) => `Unexpected argument "${p.value}"; every option is a flag such as --student=<namespace>.`,
  'flag.twice': (p: { flag: string }) => `--${p.flag} was given more than once; give each option once.`,
  'flag.unknown': (p: { flag: string }) => `Unknown option ${p.flag}; see --help for the options.`,
  'flag.needs-value': (p: { flag: string }) => `Option ${p.flag} needs a value (or takes none); see --help.`,
  'flag.invalid': (p: { detail: string }) => `The options cannot be read: ${p.detail}; see --help.`,
  'flag.class-only': (p: { flag: string }) => `--${p.flag} applies to a class: use it with --roster <file>.`,
  'post.allow-http-alone': () => '--post-allow-http applies to --post: give the webhook URL too.',
  'specs.harness-only': () => 'Specs run only through the harness: npm test -- --student=<namespace>.',

  // ---- settings (config/grader-config.ts)
  'student.missing': () => "Missing --student: name the student's namespace, e.g. npm test -- --student=alice.",
  'student.invalid': (p: { student: string }) => `--student "${p.student}" is not a valid namespace name: use lower-case letters, digits and "-", at most 63 characters.`,
  'lang.invalid': (p: { value: string }) => `--lang must be ja or en, not "${p.value}".`,
  'number.not-positive': (p: { flag: string; value: string }) => `${p.flag} must be a positive number, not "${p.value}".`,
  'number.too-big': (p: { flag: string; max: number; value: string }) => `${p.flag} must be at most ${p.max}, not "${p.value}".`,
  'ids.unknown': (p: { flag: string; id: string; known: string[] }) => `${p.flag} names "${p.id}", which is not an objective; known: ${p.known.join(', ')}.`,
  'ontap.host-missing': () => '--svm / --ontap-user were given without --ontap-host: name the SVM management address too.',
  'ontap.svm-missing': () => "--ontap-host needs --svm: name the student's SVM (e.g. svm01).",
  'ontap.svm-invalid': (p: { svm: string }) => `--svm "${p.svm}" is not an SVM name: use letters, digits, "_", "." and "-" (e.g. svm01).`,
  'ontap.api-invalid': (p: { api: string }) => `--ontap-api must be ssh or rest, not "${p.api}".`,
  'ontap.no-credentials': () => 'No ONTAP credentials: set ONTAP_PASSWORD (or ONTAP_PASSWORD_FILE) or ONTAP_SSH_KEY for the SVM user.',
  'ontap.rest-needs-password': () => '--ontap-api rest needs a password: set ONTAP_PASSWORD or ONTAP_PASSWORD_FILE.',
  'ontap.host-key-invalid': (p: { value: string }) => `--ontap-host-key "${p.value}" is not an OpenSSH SHA256 fingerprint (SHA256: followed by 43 base64 characters).`,
  'ontap.secret-unreadable': (p: { code: string }) => `An ONTAP secret file cannot be read (${p.code}); check ONTAP_PASSWORD_FILE and ONTAP_SSH_KEY.`,
  'config.missing': (p: { path: string }) => `Cannot use the config file ${p.path}: it does not exist.`,
  'config.bad-yaml': (p: { path: string; detail: string }) => `Cannot use the config file ${p.path}: it is not valid YAML (${p.detail}).`,
  'config.not-mapping': (p: { path: string }) => `Config file ${p.path}: the top level must be a mapping of settings.`,
  'config.unknown-key': (p: { path: string; key: string; allowed: string[] }) => `Config file ${p.path}: unknown key \`${p.key}\` (allowed: ${p.allowed.join(', ')}).`,
  'config.ontap-not-mapping': (p: { path: string }) => `Config file ${p.path}: \`ontap\` must be a mapping.`,
  'config.secret-key': (p: { path: string; key: string }) => `Config file ${p.path}: \`${p.key}\` looks like a secret; secrets go in ONTAP_PASSWORD or a file named by ontap.passwordFile.`,
  'config.not-string': (p: { path: string; key: string }) => `Config file ${p.path}: \`${p.key}\` must be a string.`,
  'config.not-boolean': (p: { path: string; key: string }) => `Config file ${p.path}: \`${p.key}\` must be true or false.`,

  // ---- files, folders, ports, the kubeconfig (config/input-checks.ts, kube/credential-commands.ts)
  'port.invalid': (p: { flag: string; value: string }) => `${p.flag} must be a port number from 1 to 65535, not "${p.value}".`,
  'file.folder': (p: { what: Named; shown: string }) => `${en(p.what)} names ${p.shown}, which is a folder, not a file.`,
  'file.not-regular': (p: { what: Named; shown: string }) => `${en(p.what)} names ${p.shown}, which is not a regular file.`,
  'file.missing': (p: { what: Named; shown: string }) => `${en(p.what)} names ${p.shown}, which does not exist.`,
  'file.unreadable': (p: { what: Named; shown: string; code: string }) => `${en(p.what)} names ${p.shown}, which cannot be read (${p.code}).`,
  'file.too-big': (p: { what: Named; shown: string; limit: string; pem?: PemKind }) =>
    `${en(p.what)} names ${p.shown}, which is larger than ${p.limit} and cannot be ${p.pem ? PEM[p.pem] : 'what it should be'}.`,
  'file.not-pem': (p: { what: Named; shown: string; pem: PemKind }) => `${en(p.what)} names ${p.shown}, which is not ${PEM[p.pem]}.`,
  'out.is-file': (p: { flag: string; shown: string }) => `${p.flag} names ${p.shown}, which is a file: name a folder for the reports.`,
  'out.under-file': (p: { flag: string; shown: string; dir: string }) => `${p.flag} names ${p.shown}, which cannot be made: ${p.dir} is a file, not a folder.`,
  'out.not-writable': (p: { flag: string; shown: string; dir: string }) => `${p.flag} names ${p.shown}, but ${p.dir} is not writable: name a folder the grader may write in.`,
  'kube.server-invalid': (p: { server: string }) => `The kubeconfig's server "${p.server}" is not an https:// URL of an API server; fix the cluster's server in the kubeconfig.`,
  'kube.cmd-path': (p: { where: Named; command: string; user: string; provider: string }) =>
    `${en(p.where)} asks the grader to run ${p.command} for user ${p.user} (the ${p.provider} auth-provider's cmd-path), which kubectl no longer runs and neither does the grader; use the provider's exec credential plugin instead.`,
  'kube.exec-refused': (p: { where: Named; command: string; user: string }) =>
    `${en(p.where)} asks the grader to run the credential plugin ${p.command} for user ${p.user}; a kubeconfig named in a roster runs no command unless the roster says allowExecPlugins: true or the run is given --allow-kubeconfig-exec.`,
  'kube.token-file': (p: { where: Named; path: string; user: string }) =>
    `${en(p.where)} has the grader read the token file ${p.path} for user ${p.user} and send it to its server; a kubeconfig named in a roster reads no token file unless the roster says allowExecPlugins: true or the run is given --allow-kubeconfig-exec.`,

  // ---- before grading: the kubeconfig, the API server, the budget (kube/kube-config.ts, kube/kube-http.ts, run-control.ts)
  /** A kubeconfig file as the sentences of a refusal name it (a Named the kube.* sentences quote as `where`). */
  'named.kubeconfig': (p: { path: string }) => `The kubeconfig ${p.path}`,
  'kubeconfig.none': () => 'No kubeconfig was found (no --kubeconfig, no KUBECONFIG, no ~/.kube/config); pass --kubeconfig <file>.',
  'kubeconfig.missing': (p: { path: string }) => `The kubeconfig ${p.path} does not exist; check --kubeconfig or KUBECONFIG.`,
  'kubeconfig.unreadable': (p: { path: string; detail: string }) => `The kubeconfig ${p.path} cannot be read (${p.detail}); check the file.`,
  'kubeconfig.no-context': (p: { path: string; context: string; known: string }) => `Context "${p.context}" is not in the kubeconfig ${p.path} (contexts: ${p.known}); check --context.`,
  'kubeconfig.no-cluster': (p: { path: string }) => `The kubeconfig ${p.path} has no current context with a cluster; pass --context.`,
  'kubeconfig.no-user': (p: { path: string; context: string; user: string }) =>
    `Context "${p.context}" of the kubeconfig ${p.path} names user "${p.user}", which the kubeconfig does not have (kubectl refuses it too); fix the context or add the user.`,
  'kubeconfig.bad-pem': (p: { path: string; field: string }) =>
    `The ${p.field} of the kubeconfig ${p.path} is not a base64-encoded PEM ${p.field === 'client-key-data' ? 'key' : 'certificate'} (kubectl refuses it too); fix the kubeconfig.`,
  'kube.unreachable': (p: { server: string; why: string }) => `The Kubernetes API server ${p.server} cannot be reached (${p.why}); check that the cluster is up and the kubeconfig points at it.`,
  'kube.unauthorized': (p: { server: string }) => `The Kubernetes API server ${p.server} rejected the grader's credentials (HTTP 401); refresh the kubeconfig's token or certificate.`,
  'kube.forbidden': (p: { verb: string; resource: string; namespace?: string }) =>
    `The grader's Kubernetes identity may not ${p.verb} ${p.resource}${p.namespace ? ` in namespace ${p.namespace}` : ' cluster-wide'} (HTTP 403); grant the grader's RBAC from the README.`,
  'run.timeout': (p: { seconds: number }) => `The run's time budget of ${p.seconds} s ran out; raise --timeout or check what the run was waiting for.`,
  'run.cancelled': () => 'The grading run was cancelled.',
  'run.not-run': () => 'the objective did not run',
  'run.not-started': (p: { detail: string }) => `The grader failed to run the objectives: ${p.detail}`,
  'kube.not-api': (p: { server: string; method: string; path: string; status?: number; what: KubeAnswer }) =>
    p.status === undefined
      ? `The server ${p.server} answered ${p.method} ${p.path} with ${answer(p.what)}, not the Kubernetes API's answer; check that the kubeconfig points at the cluster's API server.`
      : `The server ${p.server} answered ${p.method} ${p.path} with HTTP ${p.status} and ${answer(p.what)}, not the Kubernetes API's JSON (a proxy or a login page?); check that the kubeconfig points at the cluster's API server.`,
  'kube.too-large': (p: { server: string; method: string; path: string; limit: string; watch: boolean }) =>
    p.watch
      ? `The Kubernetes API server ${p.server} sent a watch event of more than ${p.limit} for ${p.method} ${p.path}; the grader reads at most ${p.limit} of one event.`
      : `The Kubernetes API server ${p.server} sent more than ${p.limit} for ${p.method} ${p.path}; the grader reads at most ${p.limit} of one answer.`,
  'kube.answered': (p: { status: number; verb: string; resource: string; namespace?: string; message: string }) =>
    `The Kubernetes API answered ${p.status} to ${p.verb} ${p.resource}${p.namespace ? ` in namespace ${p.namespace}` : ' cluster-wide'}: ${p.message}`,
  'kube.credentials': (p: { server: string; detail: string }) => `The kubeconfig's credentials for ${p.server} cannot be used (${p.detail}); check the kubeconfig.`,
  'kube.tls': (p: { server: string; detail: string }) => `The kubeconfig's TLS settings for ${p.server} cannot be used (${p.detail}); check the kubeconfig.`,
  'kube.server-not-url': (p: { server: string }) => `The kubeconfig's server address ${p.server} is not a URL; check the kubeconfig.`,
  'kube.server-scheme': (p: { scheme: string }) => `The kubeconfig's server address uses ${p.scheme}, not https:; check the kubeconfig.`,
  'kube.proxy': (p: { scheme: string }) => `The kubeconfig's proxy-url uses ${p.scheme}, a proxy the grader cannot use (http, https, socks5); check the kubeconfig.`,
  'kube.rate': (p: { value: number }) => `A Kubernetes request rate must be a positive number, not ${p.value}.`,
  'kube.exec-too-much': (p: { pod: string; limit: string }) => `exec in pod ${p.pod} printed more than ${p.limit}; the grader reads no more than that.`,
  'kube.exec-timeout': (p: { pod: string; seconds: number }) => `exec in pod ${p.pod} did not finish within ${p.seconds} s.`,
  'kube.exec-forbidden': (p: { namespace: string }) =>
    `The grader's Kubernetes identity may not use pods/exec (get and create) in namespace ${p.namespace} (HTTP 403); grant the grader's RBAC from the README.`,
  'kube.exec-unauthorized': () => "The Kubernetes API server rejected the grader's credentials for exec (HTTP 401).",
  'kube.exec-failed': (p: { pod: string; detail: string }) => `exec in pod ${p.pod} failed: ${p.detail}`,
  'kube.bad-namespace': (p: { namespace: string }) => `${p.namespace} is not a valid namespace name.`,
  'kube.bad-container': (p: { pod: string; container: string }) => `The cluster named pod ${p.pod} / container ${p.container}, which is not a valid Kubernetes name; the grader does not use it.`,
  'kube.bad-pod': (p: { pod: string }) => `The cluster named pod ${p.pod}, which is not a valid Kubernetes name; the grader does not delete it.`,
  'kube.bad-selector': (p: { selector: string }) => `The label selector ${p.selector} read from the cluster is not valid; the grader does not watch with it.`,
  'lease.held': (p: { namespace: string; by: LeaseHolder }) => `Namespace ${p.namespace} is being graded by ${holder(p.by)}; wait for that run to finish before grading again.`,
  'run.no-result': () => 'the objective ended without a result',

  // ---- the rubric (rubric/rubric.ts)
  'rubric.unreadable': (p: { file: string }) => `Cannot read the rubric file ${p.file}; check the path given to --rubric.`,
  'rubric.bad-yaml': (p: { file: string; detail: string }) => `The rubric file ${p.file} is not valid YAML (${p.detail}); fix it or drop --rubric.`,
  'rubric.not-mapping': (p: { file: string }) => `Rubric ${p.file}: the top level must be a mapping with \`objectives\` and \`parameters\`.`,
  'rubric.unknown-key': (p: { file: string; key: string; allowed: string[] }) => `Rubric ${p.file}: unknown key \`${p.key}\` (allowed: ${p.allowed.join(', ')}).`,
  'rubric.version': (p: { file: string }) => `Rubric ${p.file}: \`version\` must be 1.`,
  'rubric.objectives-not-mapping': (p: { file: string }) => `Rubric ${p.file}: \`objectives\` must be a mapping from objective id to settings.`,
  'rubric.unknown-objective': (p: { file: string; id: string; known: string[] }) => `Rubric ${p.file}: \`${p.id}\` is not an objective id (known: ${p.known.join(', ')}).`,
  'rubric.settings-not-mapping': (p: { file: string; id: string }) => `Rubric ${p.file}: settings of \`${p.id}\` must be a mapping.`,
  'rubric.renamed-setting': (p: { file: string; id: string }) => `Rubric ${p.file}: \`${p.id}.requiresNotFailed\` is now \`requiresMountable\` (only a volume that cannot be mounted blocks).`,
  'rubric.unknown-setting': (p: { file: string; id: string; key: string; allowed: string[] }) => `Rubric ${p.file}: \`${p.id}.${p.key}\` is not a setting (allowed: ${p.allowed.join(', ')}).`,
  'rubric.points-negative': (p: { file: string; id: string }) => `Rubric ${p.file}: \`${p.id}.points\` must be a number >= 0.`,
  'rubric.points-precision': (p: { file: string; id: string; points: number }) => `Rubric ${p.file}: \`${p.id}.points\` must be at most 1000 with at most two decimals, not ${p.points}.`,
  'rubric.not-boolean': (p: { file: string; key: string }) => `Rubric ${p.file}: \`${p.key}\` must be true or false.`,
  'rubric.hint': (p: { file: string; id: string }) => `Rubric ${p.file}: \`${p.id}.hint\` must have \`en\` and \`ja\` strings.`,
  'rubric.order': (p: { file: string; id: string; dep: string }) => `Rubric ${p.file}: \`${p.id}\` cannot require \`${p.dep}\`, which runs after it.`,
  'rubric.not-objective': (p: { file: string; key: string; id: string }) => `Rubric ${p.file}: \`${p.key}\` names \`${p.id}\`, which is not an objective id.`,
  'rubric.not-list': (p: { file: string; key: string }) => `Rubric ${p.file}: \`${p.key}\` must be a list of strings.`,
  'rubric.parameters-not-mapping': (p: { file: string }) => `Rubric ${p.file}: \`parameters\` must be a mapping.`,
  'rubric.unknown-parameter': (p: { file: string; key: string; allowed: string[] }) => `Rubric ${p.file}: \`parameters.${p.key}\` is not a parameter (allowed: ${p.allowed.join(', ')}).`,
  'rubric.data-path': (p: { file: string }) => `Rubric ${p.file}: \`parameters.dataPath\` must be an absolute path such as /var/lib/mysql.`,
  'rubric.selector': (p: { file: string }) => `Rubric ${p.file}: \`parameters.databaseSelector\` must look like \`app=wordpress,tier=mysql\`.`,
  'rubric.pvc': (p: { file: string }) => `Rubric ${p.file}: \`parameters.databasePvc\` must be a PVC name.`,
  'rubric.aggregate-both': (p: { file: string; aggregates: string[] }) =>
    `Rubric ${p.file}: aggregate ${p.aggregates.join(', ')} is in both \`parameters.ssdAggregates\` and \`parameters.hddAggregates\`.`,
  'rubric.unknown-media': (p: { file: string }) => `Rubric ${p.file}: \`parameters.unknownAggregateMedia\` must be \`pass\` or \`error\`.`,
  'rubric.persist-positive': (p: { file: string }) => `Rubric ${p.file}: \`parameters.persistTimeoutSeconds\` must be a number > 0.`,
  'rubric.persist-max': (p: { file: string; max: number }) => `Rubric ${p.file}: \`parameters.persistTimeoutSeconds\` must be at most ${p.max}.`,

  // ---- --post (lms/webhook-target.ts)
  'post.bad-url': () => '--post needs an https:// URL.',
  'post.bad-scheme': (p: { scheme: string }) => `--post needs an https:// URL, not ${p.scheme}.`,
  'post.plain-http': () => '--post names a plain http:// URL; use https://, or add --post-allow-http if the receiver is on a trusted network.',
  'post.secret-file-missing': (p: { env: string; file: string }) => `${p.env} names ${p.file}, which does not exist.`,
  'post.no-secret': (p: { env: string; fileEnv: string }) => `--post needs a signing secret: set ${p.env} (or ${p.fileEnv}) in the environment.`,
  'post.short-secret': (p: { min: number }) => `The webhook secret is shorter than ${p.min} characters; use a long random one (e.g. openssl rand -hex 32).`,
} satisfies Catalogue

export type UsageErrors = typeof USAGE_ERRORS_EN
