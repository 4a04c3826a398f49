// One definition of how the grader reaches an ONTAP SVM, for both clients (the CLI over SSH, the REST API over
// HTTPS): where it is, who the grader is, whom it trusts, how long it waits and how much it reads. And the one way
// both clients turn a failure into a GraderError: a sentence of the catalogues (harness/i18n/ontap-errors-en.ts) in
// English and Japanese, with the secrets masked in both and in its details (harness/redact.ts).

import type { GraderError } from '../errors.js'
import type { ParamsOf } from '../i18n/catalogue.js'
import type { OntapErrors } from '../i18n/ontap-errors-en.js'
import { ontapError, type OntapErrorKey } from './ontap-error.js'
import type { OntapClient, OntapConnectionInfo, OntapUsage } from './types.js'

export interface OntapConnectionOptions {
  host: string
  /** Default 22 for SSH, 443 for REST. */
  port?: number
  user: string
  /** Secrets come from env vars or files, never flags; they never appear in messages or `info`. */
  password?: string
  /** SSH: the private key itself (PEM/OpenSSH text), not a path. */
  privateKey?: string | Buffer
  /** SSH: the private key's passphrase. */
  passphrase?: string
  /** SSH: pinned host key fingerprint(s), `SHA256:...` as OpenSSH prints them; several may be comma-separated. */
  hostKey?: string | string[]
  /** SSH: check the host key against this known_hosts file. */
  knownHostsFile?: string
  /** REST: a PEM file with the CA, or ONTAP's own self-signed certificate, to trust instead of the system CAs. */
  caFile?: string
  /** REST: the same as PEM text (tests, simulators). */
  caPem?: string | string[]
  /** SSH: accept any host key; REST: skip TLS verification. Recorded in `info.insecure`. */
  insecure?: boolean
  /** SSH login, or the HTTPS connection (default 15 s). */
  connectTimeoutMs?: number
  /** One SSH command or one HTTP request (default 30 s). */
  commandTimeoutMs?: number
  /** The run's cancellation (Ctrl-C, time budget): every command or request stops when it aborts. */
  signal?: AbortSignal
  /** Largest answer read from one command or request; default 4 MiB (DEFAULT_MAX_ANSWER_BYTES). */
  maxAnswerBytes?: number
}

/** Socket errors that mean "ONTAP cannot be reached" rather than "ONTAP said no". */
export const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE'])

/**
 * What both clients are built on: their options with the address and port checked, what they used, how ONTAP is
 * named in messages, and their error factory, which masks the client's secrets in every message and detail.
 */
export abstract class OntapClientBase<Options extends OntapConnectionOptions> implements Pick<OntapClient, 'info' | 'usage'> {
  abstract readonly info: OntapConnectionInfo
  readonly usage: OntapUsage = { sessions: 0, commands: 0 }
  protected readonly port: number

  constructor(
    protected readonly options: Options,
    api: 'SSH' | 'REST',
    defaultPort: number,
  ) {
    if (!options.host) throw ontapError('CONFIG', 'ontap.no-host', { api })
    if (!options.user) throw ontapError('CONFIG', 'ontap.no-user', { api })
    this.port = options.port ?? defaultPort
  }

  private readonly reads = new Map<string, Promise<unknown>>()

  /**
   * One read per client (a client serves one student's run): the StorageClass objectives and ontap-volume see the
   * same answer and ONTAP is asked once. A read that failed is asked again next time.
   */
  protected once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let pending = this.reads.get(key) as Promise<T> | undefined
    if (!pending) {
      pending = read()
      this.reads.set(key, pending)
      pending.catch(() => this.reads.delete(key))
    }
    return pending
  }

  /** `host:port` (`[v6]:port`), as messages name ONTAP. */
  protected where(): string {
    return this.options.host.includes(':') ? `[${this.options.host}]:${this.port}` : `${this.options.host}:${this.port}`
  }

  /** The run's signal combined with the call's. */
  protected signalFor(callSignal: AbortSignal | undefined): AbortSignal | undefined {
    const signals = [this.options.signal, callSignal].filter((s): s is AbortSignal => s !== undefined)
    if (signals.length === 0) return undefined
    return signals.length === 1 ? signals[0] : AbortSignal.any(signals)
  }

  /**
   * A GraderError saying the sentence `key` of the catalogues in English and Japanese, whose sentences and details
   * (with `info.target`, how the grader talked to ONTAP) carry no secret.
   */
  protected error<K extends OntapErrorKey>(code: GraderError['code'], key: K, params: ParamsOf<OntapErrors[K]>, details?: Record<string, unknown>): GraderError {
    return ontapError(code, key, params, { details: details && { target: this.info.target, ...details } })
  }
}

/** What an underlying error said, without the error object itself (which may hold sockets, configs, buffers). */
export function describeCause(error: unknown): { name?: string; code?: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return { name: error.name, code: typeof code === 'string' ? code : undefined, message: error.message }
  }
  return { message: String(error) }
}
