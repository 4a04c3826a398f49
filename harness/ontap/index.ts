// The grader's way into ONTAP: one client per run, over the ONTAP CLI (SSH) or the ONTAP REST API.

import { GraderError } from '../errors.js'
import { createRestOntapClient } from './rest-client.js'
import { createSshOntapClient } from './ssh-client.js'
import type { OntapClient } from './types.js'

export interface OntapClientConfig {
  api: 'ssh' | 'rest'
  host: string
  /** Default 22 for ssh, 443 for rest. */
  port?: number
  user: string
  /** Secrets come from env vars or files, never flags; they never appear in messages or `info`. */
  password?: string
  /** SSH private key text (not a path). */
  privateKey?: string | Buffer
  passphrase?: string
  /** SSH: pinned host key fingerprint(s), `SHA256:...`, comma-separated for several. */
  hostKey?: string
  knownHostsFile?: string
  /** REST: a PEM file with the CA (or the cluster's own self-signed certificate) to trust. */
  caFile?: string
  /** REST: the same as PEM text (for tests and simulators). */
  caPem?: string
  /** SSH: accept any host key; REST: skip TLS verification. Recorded in `info.insecure`. */
  insecure?: boolean
  connectTimeoutMs?: number
  /** Per SSH command or per HTTP request. */
  commandTimeoutMs?: number
  /** The run's cancellation (Ctrl-C, time budget): every command or request stops when it aborts. */
  signal?: AbortSignal
  /** Largest answer read from one command or request; default 4 MiB (DEFAULT_MAX_ANSWER_BYTES). */
  maxAnswerBytes?: number
}

export function createOntapClient(config: OntapClientConfig): OntapClient {
  switch (config.api) {
    case 'ssh':
      return createSshOntapClient({
        host: config.host,
        port: config.port,
        user: config.user,
        password: config.password,
        privateKey: config.privateKey,
        passphrase: config.passphrase,
        hostKey: config.hostKey,
        knownHostsFile: config.knownHostsFile,
        insecureAcceptHostKey: config.insecure,
        connectTimeoutMs: config.connectTimeoutMs,
        commandTimeoutMs: config.commandTimeoutMs,
        signal: config.signal,
        maxOutputBytes: config.maxAnswerBytes,
      })
    case 'rest':
      return createRestOntapClient({
        host: config.host,
        port: config.port,
        user: config.user,
        password: config.password,
        caFile: config.caFile,
        caPem: config.caPem,
        insecureSkipTlsVerify: config.insecure,
        connectTimeoutMs: config.connectTimeoutMs,
        requestTimeoutMs: config.commandTimeoutMs,
        signal: config.signal,
        maxBodyBytes: config.maxAnswerBytes,
      })
    default:
      throw new GraderError('CONFIG', `unknown ONTAP API "${String((config as { api?: unknown }).api)}"; use ssh or rest`)
  }
}

export { createSshOntapClient, type SshOntapClient, type SshOntapClientOptions } from './ssh-client.js'
export { createRestOntapClient, type RestOntapClientOptions } from './rest-client.js'
export { parseCliOutput, type CliOutput } from './cli-output.js'
export { parseOntapSize, formatBytes } from './units.js'
export { sshFingerprint } from './host-keys.js'
export { DEFAULT_MAX_ANSWER_BYTES } from './limits.js'
export type {
  OntapAggregate,
  OntapAggregateList,
  OntapAggregateQuery,
  OntapCallOptions,
  OntapClient,
  OntapConnectionInfo,
  OntapMedia,
  OntapQtree,
  OntapVolume,
} from './types.js'
