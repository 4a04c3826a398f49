// OntapClient over SSH: the ONTAP CLI, one SSH connection per client reused for every command (a class of 40
// students is 40 sessions, not 40 x commands), each command on its own exec channel, one at a time.

import { readFile } from 'node:fs/promises'
import ssh2 from 'ssh2'
import type { Client as SshClient, ConnectConfig } from 'ssh2'
import { GraderError } from '../errors.js'
import { CliParseError } from './cli-parse-error.js'
import { parseCliOutput, type CliOutput } from './cli-output.js'
import { aggregateFromCliRecord, volumeFromCliRecord } from './cli-records.js'
import { decideHostKey, knownHostKeys, normaliseFingerprint, type HostKeyDecision, type HostKeyPolicy } from './host-keys.js'
import { findByName, isValidSvmName, isValidVolumeName } from './names.js'
import { describeCause, SecretRedactor } from './secrets.js'
import type { OntapAggregate, OntapClient, OntapConnectionInfo, OntapVolume } from './types.js'

const { Client, utils } = ssh2

const DEFAULT_PORT = 22
const DEFAULT_CONNECT_TIMEOUT_MS = 15_000
const DEFAULT_COMMAND_TIMEOUT_MS = 30_000
const KEEPALIVE_INTERVAL_MS = 10_000
const CLOSE_WAIT_MS = 2_000
const CUT_CONNECTION_GRACE_MS = 100
const MAX_OUTPUT_IN_DETAILS = 4_000
// Fields for the `ontap-volume` check; ONTAP always adds the key fields `vserver volume` in front.
const VOLUME_FIELDS = 'state,size,aggregate,junction-path,type'
// Media as Trident reads it (facts section 8): `vserver show-aggregates` Type works for SVM-scoped users and is the
// same value Trident's ZAPI path uses; `storage aggregate show` storage-type is the cluster-admin equivalent.
const AGGREGATE_COMMANDS = ['vserver show-aggregates -fields aggregate,type', 'storage aggregate show -fields aggregate,storage-type']
// ONTAP's answers when the user's role may not run a command.
const NOT_PERMITTED = /is not a recognized command|not authorized|insufficient privileges|access denied|permission denied|not permitted/i
const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE'])
// Host key algorithms ssh2 can negotiate, by the key type a known_hosts line names.
const HOST_KEY_ALGORITHMS: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
}
// The switches the grader's CLI offers (harness/cli/usage.ts), named in error messages.
export const SSH_FLAG_HINTS = {
  hostKey: '--ontap-host-key',
  knownHosts: '--ontap-known-hosts',
  insecure: '--ontap-insecure-accept-host-key',
  password: 'ONTAP_PASSWORD',
  privateKey: 'ONTAP_SSH_KEY',
}

export interface SshOntapClientOptions {
  host: string
  port?: number
  user: string
  password?: string
  /** The private key itself (PEM/OpenSSH text), not a path. */
  privateKey?: string | Buffer
  passphrase?: string
  /** Pinned host key fingerprint(s), `SHA256:...` as OpenSSH prints them; several may be comma-separated. */
  hostKey?: string | string[]
  knownHostsFile?: string
  /** Accept whatever host key ONTAP shows (recorded in `info`). */
  insecureAcceptHostKey?: boolean
  connectTimeoutMs?: number
  commandTimeoutMs?: number
  /** Run `show` commands in separator mode (`set -showseparator "<sep>"; ...`) instead of reading the table layout. */
  cliSeparator?: string
}

export interface SshOntapClient extends OntapClient {
  /** Run one CLI command on the shared connection; returns what ONTAP printed (stdout, then stderr). */
  runCommand(command: string): Promise<string>
}

export function createSshOntapClient(options: SshOntapClientOptions): SshOntapClient {
  return new SshCliClient(options)
}

class SshCliClient implements SshOntapClient {
  readonly info: OntapConnectionInfo
  readonly usage = { sessions: 0, commands: 0 }
  private readonly options: SshOntapClientOptions
  private readonly port: number
  private readonly redactor: SecretRedactor
  private readonly fingerprints: string[]
  private connecting?: Promise<SshClient>
  private client?: SshClient
  /** An auth or host key failure: never retried (ONTAP locks accounts after repeated failed logins). */
  private fatal?: GraderError
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false

  constructor(options: SshOntapClientOptions) {
    this.options = options
    this.port = options.port ?? DEFAULT_PORT
    this.redactor = new SecretRedactor([options.password, options.privateKey, options.passphrase])
    if (!options.host) throw new GraderError('CONFIG', 'ONTAP SSH: no host given')
    if (!options.user) throw new GraderError('CONFIG', 'ONTAP SSH: no user given')
    if (options.password === undefined && options.privateKey === undefined) {
      throw new GraderError('CONFIG', `ONTAP SSH: no password or private key for user ${options.user}; set ${SSH_FLAG_HINTS.password}`)
    }
    if (options.cliSeparator !== undefined && !/^[^"\s\\]{1,8}$/.test(options.cliSeparator)) {
      throw new GraderError('CONFIG', 'ONTAP SSH: the CLI separator must be 1-8 characters without quotes or spaces')
    }
    this.fingerprints = parseFingerprints(options.hostKey)
    this.info = {
      api: 'ssh',
      target: `ssh ${options.user}@${formatHostPort(options.host, this.port)}`,
      insecure: options.insecureAcceptHostKey === true ? true : undefined,
    }
  }

  async getVolume(svm: string, name: string): Promise<OntapVolume | undefined> {
    if (!isValidSvmName(svm)) throw new GraderError('CONFIG', `"${svm}" is not a valid SVM name`)
    // A name ONTAP cannot have cannot exist; it is never put into a command line.
    if (!isValidVolumeName(name)) return undefined
    const command = `volume show -vserver ${svm} -volume ${name} -fields ${VOLUME_FIELDS}`
    const output = await this.show(command)
    if (output.kind === 'error') throw this.commandError(command, output.message)
    const volumes = output.records.map((record) => this.readRecord(command, () => volumeFromCliRecord(record, svm)))
    return findByName(volumes, name)
  }

  async listAggregates(): Promise<OntapAggregate[] | undefined> {
    let firstError: GraderError | undefined
    for (const command of AGGREGATE_COMMANDS) {
      const output = await this.show(command)
      if (output.kind === 'records') {
        const byName = new Map(output.records.map((record) => {
          const aggregate = this.readRecord(command, () => aggregateFromCliRecord(record))
          return [aggregate.name, aggregate] as const
        }))
        return [...byName.values()]
      }
      if (!NOT_PERMITTED.test(output.message)) firstError ??= this.commandError(command, output.message)
    }
    // Every way to read aggregates was refused by the user's role: callers fall back to the rubric's list.
    if (firstError) throw firstError
    return undefined
  }

  runCommand(command: string): Promise<string> {
    const run = this.queue.then(() => this.exec(command))
    this.queue = run.catch(() => undefined)
    return run
  }

  async close(): Promise<void> {
    this.closed = true
    const client = this.client
    this.client = undefined
    this.connecting = undefined
    if (!client) return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        client.destroy()
        resolve()
      }, CLOSE_WAIT_MS)
      client.once('close', () => {
        clearTimeout(timer)
        resolve()
      })
      client.end()
    })
  }

  private async show(command: string): Promise<CliOutput> {
    const separator = this.options.cliSeparator
    const line = separator ? `set -showseparator "${separator}"; ${command}` : command
    const text = await this.runCommand(line)
    try {
      return parseCliOutput(text, { separator })
    } catch (error) {
      if (error instanceof CliParseError) throw this.parseError(line, error)
      throw error
    }
  }

  private readRecord<T>(command: string, read: () => T): T {
    try {
      return read()
    } catch (error) {
      if (error instanceof CliParseError) throw this.parseError(command, error)
      throw error
    }
  }

  private async exec(command: string): Promise<string> {
    const client = await this.connect()
    this.usage.commands++
    const timeoutMs = this.options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS
    return new Promise<string>((resolve, reject) => {
      const stdout: Buffer[] = []
      const stderr: Buffer[] = []
      let settled = false
      const finish = (error: GraderError | undefined, text?: string) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        client.removeListener('close', onConnectionClose)
        if (error) reject(error)
        else resolve(text!)
      }
      const onConnectionClose = () =>
        finish(this.error('ONTAP_UNREACHABLE', `ONTAP at ${this.where()} closed the SSH connection while running \`${command}\``, { command }))
      const timer = setTimeout(() => {
        finish(
          this.error('ONTAP_TIMEOUT', `ONTAP at ${this.where()} did not finish \`${command}\` within ${seconds(timeoutMs)}; the SSH connection was closed`, {
            command,
            timeoutMs,
            partialOutput: truncate(Buffer.concat(stdout).toString('utf8')),
          }),
        )
        this.drop(client)
      }, timeoutMs)
      client.once('close', onConnectionClose)
      try {
        client.exec(command, (error, stream) => {
          if (error) {
            finish(this.error('ONTAP_COMMAND', `ONTAP at ${this.where()} refused to run \`${command}\`: ${error.message}`, { command, cause: describeCause(error) }))
            return
          }
          let exited = false
          stream.on('exit', () => (exited = true))
          stream.on('data', (chunk: Buffer) => stdout.push(chunk))
          stream.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
          stream.on('close', () => {
            const out = Buffer.concat(stdout).toString('utf8')
            const err = Buffer.concat(stderr).toString('utf8')
            const done = () => finish(undefined, err.trim() === '' ? out : `${out}\n${err}`)
            // A channel closed without an exit status may be a cut connection: give its `close` a moment to win,
            // so partial output is never read as an answer.
            if (exited) done()
            else setTimeout(done, CUT_CONNECTION_GRACE_MS)
          })
        })
      } catch (error) {
        // ssh2 throws synchronously when the socket is already gone.
        this.drop(client)
        finish(this.error('ONTAP_UNREACHABLE', `the SSH connection to ONTAP at ${this.where()} is closed`, { command, cause: describeCause(error) }))
      }
    })
  }

  private connect(): Promise<SshClient> {
    if (this.closed) return Promise.reject(new GraderError('INTERNAL', 'the ONTAP SSH client was used after close()'))
    if (this.fatal) return Promise.reject(this.fatal)
    if (this.client) return Promise.resolve(this.client)
    this.connecting ??= this.openConnection().then(
      (client) => {
        this.connecting = undefined
        if (this.closed) {
          client.end()
          throw new GraderError('INTERNAL', 'the ONTAP SSH client was closed while connecting')
        }
        this.client = client
        return client
      },
      (error: GraderError) => {
        this.connecting = undefined
        if (error.code === 'ONTAP_AUTH' || error.code === 'ONTAP_HOST_KEY' || error.code === 'CONFIG') this.fatal = error
        throw error
      },
    )
    return this.connecting
  }

  private async openConnection(): Promise<SshClient> {
    const policy = await this.hostKeyPolicy()
    this.checkPrivateKey()
    return new Promise<SshClient>((resolve, reject) => {
      const client = new Client()
      let decision: HostKeyDecision | undefined
      let settled = false
      const fail = (error: GraderError) => {
        if (settled) return
        settled = true
        client.destroy()
        reject(error)
      }
      client.on('ready', () => {
        if (settled) return
        settled = true
        if (decision?.trusted) {
          this.info.hostKey = { fingerprint: decision.fingerprint, keyType: decision.keyType, trustedBy: decision.by }
        }
        resolve(client)
      })
      client.on('error', (error) => fail(this.connectError(error, decision)))
      client.on('close', () => {
        if (this.client === client) this.client = undefined
        fail(this.error('ONTAP_UNREACHABLE', `ONTAP at ${this.where()} closed the SSH connection during login`))
      })
      if (this.options.password !== undefined) {
        client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) =>
          finish(prompts.map(() => this.options.password!)),
        )
      }
      const config: ConnectConfig = {
        host: this.options.host,
        port: this.port,
        username: this.options.user,
        password: this.options.password,
        privateKey: this.options.privateKey,
        passphrase: this.options.passphrase,
        // ONTAP often asks for the password through keyboard-interactive (`(vsadmin@host) Password:`).
        tryKeyboard: this.options.password !== undefined,
        readyTimeout: this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        keepaliveInterval: KEEPALIVE_INTERVAL_MS,
        hostVerifier: (key: Buffer) => {
          decision = decideHostKey(key, policy)
          return decision.trusted
        },
        algorithms: hostKeyAlgorithms(policy),
      }
      try {
        this.usage.sessions++
        client.connect(config)
      } catch (error) {
        fail(this.error('CONFIG', `ONTAP SSH: cannot start the connection: ${describeCause(error).message}`))
      }
    })
  }

  private async hostKeyPolicy(): Promise<HostKeyPolicy> {
    const policy: HostKeyPolicy = { fingerprints: this.fingerprints, insecureAccept: this.options.insecureAcceptHostKey === true }
    const file = this.options.knownHostsFile
    if (file !== undefined) {
      let text: string
      try {
        text = await readFile(file, 'utf8')
      } catch (error) {
        throw new GraderError('CONFIG', `cannot read the known_hosts file ${file}: ${describeCause(error).message}`)
      }
      policy.knownHosts = knownHostKeys(text, this.options.host, this.port)
    }
    return policy
  }

  private checkPrivateKey(): void {
    if (this.options.privateKey === undefined) return
    const parsed = utils.parseKey(this.options.privateKey, this.options.passphrase)
    if (parsed instanceof Error) {
      const hint = this.options.passphrase === undefined ? ' (is it encrypted and needs a passphrase?)' : ' (wrong passphrase?)'
      throw this.error('CONFIG', `the SSH private key for ${this.options.user} cannot be read: ${parsed.message}${hint}`)
    }
  }

  private connectError(error: Error & { level?: string; code?: string }, decision: HostKeyDecision | undefined): GraderError {
    const where = this.where()
    if (decision && !decision.trusted) {
      const seen = `${decision.keyType} ${decision.fingerprint}`
      const details = { host: this.options.host, port: this.port, seenFingerprint: decision.fingerprint, keyType: decision.keyType, expected: decision.expected }
      if (decision.reason === 'changed') {
        return this.error(
          'ONTAP_HOST_KEY',
          `the SSH host key of ONTAP at ${where} has changed: expected ${decision.expected.join(' or ')}, saw ${seen}; ` +
            `if the change is expected, update ${SSH_FLAG_HINTS.hostKey} or the known_hosts file`,
          details,
        )
      }
      return this.error(
        'ONTAP_HOST_KEY',
        `ONTAP at ${where} showed an SSH host key the grader does not know (${seen}); if that is your ONTAP, ` +
          `pass ${SSH_FLAG_HINTS.hostKey} ${decision.fingerprint} or a known_hosts file (${SSH_FLAG_HINTS.knownHosts}), ` +
          `or ${SSH_FLAG_HINTS.insecure} to accept any key`,
        details,
      )
    }
    const cause = describeCause(error)
    if (error.level === 'client-authentication') {
      const what = this.options.password !== undefined ? `check ${SSH_FLAG_HINTS.password}` : `check the SSH private key (${SSH_FLAG_HINTS.privateKey})`
      return this.error('ONTAP_AUTH', `ONTAP refused the login for user ${this.options.user} on ${where}; ${what}`, { cause })
    }
    if (error.level === 'client-timeout') {
      const timeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
      return this.error('ONTAP_UNREACHABLE', `ONTAP at ${where} did not complete an SSH login within ${seconds(timeoutMs)}; check the host and that SSH is reachable`, { cause, timeoutMs })
    }
    if (error.code && NETWORK_ERROR_CODES.has(error.code)) {
      return this.error('ONTAP_UNREACHABLE', `cannot reach ONTAP at ${where} over SSH (${error.code}); check the host, the port and the network`, { cause })
    }
    return this.error('ONTAP_UNREACHABLE', `the SSH connection to ONTAP at ${where} failed: ${error.message}`, { cause })
  }

  private commandError(command: string, ontapMessage: string): GraderError {
    return this.error('ONTAP_COMMAND', `ONTAP at ${this.where()} answered \`${command}\` with an error: ${ontapMessage}`, { command, ontapMessage })
  }

  private parseError(command: string, error: CliParseError): GraderError {
    return this.error('ONTAP_COMMAND', `could not read ONTAP's answer to \`${command}\`: ${error.message}`, {
      command,
      output: truncate(error.output),
    })
  }

  private error(code: GraderError['code'], message: string, details?: Record<string, unknown>): GraderError {
    return new GraderError(code, this.redactor.redact(message), {
      details: details && this.redactor.redactValue({ target: this.info.target, ...details }),
    })
  }

  private drop(client: SshClient): void {
    if (this.client === client) this.client = undefined
    client.end()
    setTimeout(() => client.destroy(), CLOSE_WAIT_MS).unref()
  }

  private where(): string {
    return formatHostPort(this.options.host, this.port)
  }
}

function parseFingerprints(hostKey: string | string[] | undefined): string[] {
  if (hostKey === undefined) return []
  const texts = (Array.isArray(hostKey) ? hostKey : [hostKey]).flatMap((text) => text.split(/[,\s]+/)).filter(Boolean)
  return texts.map((text) => {
    const fingerprint = normaliseFingerprint(text)
    if (!fingerprint) {
      throw new GraderError('CONFIG', `"${text}" is not an SSH host key fingerprint; expected SHA256:... as printed by ssh-keygen -lf or ssh`)
    }
    return fingerprint
  })
}

/** With only known_hosts to go on, ask for the key types it lists, so a server with several keys shows a known one. */
function hostKeyAlgorithms(policy: HostKeyPolicy): ConnectConfig['algorithms'] {
  if ((policy.fingerprints?.length ?? 0) > 0 || policy.insecureAccept) return undefined
  const algorithms = [...new Set((policy.knownHosts ?? []).flatMap((key) => HOST_KEY_ALGORITHMS[key.keyType] ?? []))]
  return algorithms.length > 0 ? { serverHostKey: algorithms as never } : undefined
}

function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}

function truncate(text: string): string {
  return text.length > MAX_OUTPUT_IN_DETAILS ? `${text.slice(0, MAX_OUTPUT_IN_DETAILS)}…` : text
}
