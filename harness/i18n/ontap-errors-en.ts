// The sentences of the ONTAP clients' errors (harness/ontap/: the SSH CLI client, the REST client and what they
// share) in English: this catalogue declares each sentence and its parameters, and ontap-errors-ja.ts is typed
// against it. The clients throw them through their error factory (OntapClientBase.error) or ontapError()
// (harness/ontap/ontap-error.ts), which mask the clients' secrets in both languages. A part of a sentence that
// each language says in its own words is a typed parameter (a code, a flag, a number of milliseconds or bytes),
// never English text; texts ONTAP, ssh2 or TLS returned are quoted as they came.

import { formatBytes } from '../units/bytes.js'
import type { Catalogue } from './catalogue.js'

/** The flags (harness/cli/parse-args.ts) and environment variables the clients' errors name. */
export const ONTAP_FLAGS = {
  hostKey: '--ontap-host-key',
  knownHosts: '--ontap-known-hosts',
  caFile: '--ontap-ca',
  insecure: '--ontap-insecure-accept-host-key',
  password: 'ONTAP_PASSWORD',
  privateKey: 'ONTAP_SSH_KEY',
  passphrase: 'ONTAP_SSH_KEY_PASSPHRASE',
  sshApi: '--ontap-api ssh',
} as const

/** An ONTAP call the run's or the call's signal stopped. */
export type StoppedCall = { kind: 'command'; command: string } | { kind: 'login'; where: string } | { kind: 'request'; path: string }

/** Why ONTAP would not open an SSH channel: it closed the connection first, or it refused, saying `said`. */
export type ChannelRefusal = { kind: 'closed' } | { kind: 'refused'; said: string }

/** What a failed file read said: Node's message (English) and its code (`ENOENT`), which every language quotes. */
export interface FileFailure {
  code?: string
  message: string
}

/** How the login ONTAP refused was made. */
export type LoginBy = 'password' | 'private-key'

/** `12.3`: milliseconds as seconds with one decimal, for messages about time limits. */
export function tenthsOfSeconds(ms: number): number {
  return Math.round(ms / 100) / 10
}

const F = ONTAP_FLAGS
const seconds = (ms: number) => `${tenthsOfSeconds(ms)} s`
const limit = (bytes: number) => formatBytes(bytes, 'limit')

const STOPPED: { [K in StoppedCall['kind']]: (call: Extract<StoppedCall, { kind: K }>) => string } = {
  command: (c) => `ONTAP command \`${c.command}\``,
  login: (c) => `the SSH login to ONTAP at ${c.where}`,
  request: (c) => `ONTAP request GET ${c.path}`,
}

function stopped(call: StoppedCall): string {
  return (STOPPED[call.kind] as (c: StoppedCall) => string)(call)
}

export const ONTAP_ERRORS_EN = {
  // ---- both clients (connection.ts, limits.ts, index.ts)
  'ontap.no-host': (p: { api: 'SSH' | 'REST' }) => `ONTAP ${p.api}: no host given`,
  'ontap.no-user': (p: { api: 'SSH' | 'REST' }) => `ONTAP ${p.api}: no user given`,
  'ontap.api-unknown': (p: { api: string }) => `unknown ONTAP API "${p.api}"; use ssh or rest`,
  'ontap.cancelled': (p: { call: StoppedCall }) => `${stopped(p.call)} was stopped: the grading run was cancelled`,
  'ontap.svm-name-invalid': (p: { svm: string }) => `"${p.svm}" is not a valid SVM name`,
  'ontap.login-refused': (p: { user: string; where: string; by: LoginBy }) =>
    `ONTAP refused the login for user ${p.user} on ${p.where}: ${p.by === 'password' ? `the password (${F.password})` : `the SSH private key (${F.privateKey})`} may be wrong, or the SVM may be stopped (while an SVM is stopped, ONTAP refuses its administrators' logins); check both`,
  'ontap.unreachable': (p: { where: string; over: 'SSH' | 'HTTPS'; code: string }) => `cannot reach ONTAP at ${p.where} over ${p.over} (${p.code}); check the host, the port and the network`,

  // ---- the SSH CLI client (ssh-client.ts)
  'ontap.ssh-no-secret': (p: { user: string }) => `ONTAP SSH: no password or private key for user ${p.user}; set ${F.password}`,
  'ontap.ssh-separator-invalid': () => 'ONTAP SSH: the CLI separator must be 1-8 characters without quotes or spaces',
  'ontap.ssh-fingerprint-invalid': (p: { text: string }) => `"${p.text}" is not an SSH host key fingerprint; expected SHA256:... as printed by ssh-keygen -lf or ssh`,
  'ontap.ssh-known-hosts-unreadable': (p: { file: string; failure: FileFailure }) => `cannot read the known_hosts file ${p.file}: ${p.failure.message}`,
  'ontap.ssh-key-unreadable': (p: { user: string; said: string; passphrase: boolean }) =>
    `the SSH private key for ${p.user} cannot be read: ${p.said}${p.passphrase ? ' (wrong passphrase?)' : ' (is it encrypted and needs a passphrase?)'}`,
  'ontap.ssh-start-failed': (p: { said: string }) => `ONTAP SSH: cannot start the connection: ${p.said}`,
  'ontap.ssh-host-key-changed': (p: { where: string; expected: string[]; seen: string }) =>
    `the SSH host key of ONTAP at ${p.where} has changed: expected ${p.expected.join(' or ')}, saw ${p.seen}; if the change is expected, update ${F.hostKey} or the known_hosts file`,
  'ontap.ssh-host-key-unknown': (p: { where: string; seen: string; fingerprint: string }) =>
    `ONTAP at ${p.where} showed an SSH host key the grader does not know (${p.seen}); if that is your ONTAP, ` +
    `pass ${F.hostKey} ${p.fingerprint} or a known_hosts file (${F.knownHosts}), or ${F.insecure} to accept any key`,
  'ontap.ssh-login-timeout': (p: { where: string; timeoutMs: number }) => `ONTAP at ${p.where} did not complete an SSH login within ${seconds(p.timeoutMs)}; check the host and that SSH is reachable`,
  'ontap.ssh-failed': (p: { where: string; said: string }) => `the SSH connection to ONTAP at ${p.where} failed: ${p.said}`,
  'ontap.ssh-closed-during-login': (p: { where: string }) => `ONTAP at ${p.where} closed the SSH connection during login`,
  'ontap.ssh-closed-during-command': (p: { where: string; command: string }) => `ONTAP at ${p.where} closed the SSH connection while running \`${p.command}\``,
  'ontap.ssh-connection-gone': (p: { where: string }) => `the SSH connection to ONTAP at ${p.where} is closed`,
  'ontap.ssh-exec-refused': (p: { where: string; command: string; said: string }) => `ONTAP at ${p.where} refused to run \`${p.command}\`: ${p.said}`,
  'ontap.ssh-channel-refused': (p: { where: string; command: string; refusal: ChannelRefusal }) =>
    `ONTAP at ${p.where} refused to open an SSH channel for \`${p.command}\` on a new connection: ${p.refusal.kind === 'closed' ? 'the connection was closed before the channel opened' : p.refusal.said}`,
  'ontap.ssh-command-timeout': (p: { where: string; command: string; timeoutMs: number }) =>
    `ONTAP at ${p.where} did not finish \`${p.command}\` within ${seconds(p.timeoutMs)}; the SSH connection was closed`,
  'ontap.ssh-answer-too-large': (p: { command: string; maxBytes: number }) =>
    `ONTAP's answer to \`${p.command}\` is larger than ${limit(p.maxBytes)}; the grader stopped reading it and closed the SSH connection`,
  'ontap.ssh-command-error': (p: { where: string; command: string; said: string }) => `ONTAP at ${p.where} answered \`${p.command}\` with an error: ${p.said}`,
  /** `detail`: what the CLI parsers could not read (CliParseError, in English only). */
  'ontap.ssh-answer-unreadable': (p: { command: string; detail: string }) => `could not read ONTAP's answer to \`${p.command}\`: ${p.detail}`,
  'ontap.ssh-used-after-close': () => 'the ONTAP SSH client was used after close()',
  'ontap.ssh-closed-while-connecting': () => 'the ONTAP SSH client was closed while connecting',

  // ---- the REST client (rest-client.ts)
  'ontap.rest-no-password': (p: { user: string }) => `ONTAP REST: no password for user ${p.user}; set ${F.password}`,
  'ontap.rest-ca-file-unreadable': (p: { file: string; failure: FileFailure }) => `cannot read the ONTAP CA file ${p.file}: ${p.failure.message}`,
  /** `caFile`: the file named, none when the CA came as PEM text. */
  'ontap.rest-ca-certificate-unreadable': (p: { caFile?: string }) => `${p.caFile ?? 'the CA PEM'} holds a certificate that cannot be read`,
  'ontap.rest-ca-no-certificate': (p: { caFile?: string }) => `${p.caFile ?? 'the CA PEM'} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
  'ontap.rest-connect-timeout': (p: { where: string; timeoutMs: number }) => `ONTAP at ${p.where} did not accept an HTTPS connection within ${seconds(p.timeoutMs)}; check the host and the port`,
  /** `reason`: the TLS error code (or the TLS library's message); `caGiven`: the CA file (or `PEM`) the run trusted, none when it trusted the system CAs. */
  'ontap.rest-tls-untrusted': (p: { where: string; reason: string; caGiven?: string }) =>
    `the HTTPS certificate of ONTAP at ${p.where} is not trusted (${p.reason}); ` +
    (p.caGiven !== undefined ? `the CA given (${p.caGiven}) did not sign it` : `pass the cluster's CA or its own certificate with ${F.caFile}, or ${F.insecure} to skip the check`),
  'ontap.rest-failed': (p: { where: string; said: string }) => `the HTTPS request to ONTAP at ${p.where} failed: ${p.said}`,
  'ontap.rest-timeout': (p: { where: string; path: string; timeoutMs: number }) => `ONTAP at ${p.where} did not answer GET ${p.path} within ${seconds(p.timeoutMs)}`,
  'ontap.rest-answer-too-large': (p: { path: string; maxBytes: number }) => `ONTAP's answer to GET ${p.path} is larger than ${limit(p.maxBytes)}; the grader stopped reading it`,
  'ontap.rest-not-json': (p: { path: string }) => `ONTAP's answer to GET ${p.path} is not JSON`,
  'ontap.rest-no-api': (p: { where: string; path: string }) => `ONTAP at ${p.where} has no REST API at ${p.path} (HTTP 404; ONTAP 9.6 or later needed); use ${F.sshApi}`,
  /** `user`: named when ONTAP answered 403 (the user may not read `path`); `said`: ONTAP's own error message. */
  'ontap.rest-status': (p: { where: string; path: string; status: number; user: string; said?: string }) =>
    `ONTAP at ${p.where} answered ${p.status === 403 ? `user ${p.user} may not GET` : 'GET'} ${p.path} with HTTP ${p.status}${p.said ? `: ${p.said}` : ''}`,
  'ontap.rest-volume-incomplete': (p: { path: string; volume: string }) => `ONTAP's answer to GET ${p.path} has no size or state for volume ${p.volume}`,
} satisfies Catalogue

export type OntapErrors = typeof ONTAP_ERRORS_EN
