// OntapClient over SSH: the ONTAP CLI, one SSH connection per client reused for every command (a class of 40
// students is 40 sessions, not 40 x commands), each command on its own exec channel, one at a time.
// Whether ONTAP's SSH server allows a second exec channel on one connection is unverified: when it refuses one
// (or closes the connection after a command), the client opens a new connection for the next command and keeps
// doing so for the rest of the run.
//
// Bounds: every command stops at --ontap-timeout, on the run's signal (Ctrl-C, time budget) and on the call's
// signal; an answer larger than maxAnswerBytes (default 4 MiB; ONTAP's answers to the grader's commands are a
// few KiB) ends the command with a GraderError naming it, and the connection is dropped.

import { readFile } from 'node:fs/promises'
import ssh2 from 'ssh2'
import type { Client as SshClient, ConnectConfig } from 'ssh2'
import type { GraderError } from '../errors.js'
import type { ChannelRefusal } from '../i18n/ontap-errors-en.js'
import { CliParseError } from './cli-parse-error.js'
import { parseCliOutput, type CliOutput } from './cli-output.js'
import { decideHostKey, knownHostKeys, normaliseFingerprint, type HostKeyDecision, type HostKeyPolicy } from './host-keys.js'
import { findByName, isValidQtreeName, isValidSvmName, isValidVolumeName } from './names.js'
import { abortError, DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_ANSWER_BYTES } from './limits.js'
import { describeCause, NETWORK_ERROR_CODES, OntapClientBase, type OntapConnectionOptions } from './connection.js'
import { ontapError } from './ontap-error.js'
import { aggregateFromCliRecord, qtreeFromCliRecord, volumeFromCliRecord } from './cli-records.js'
import { releaseOf } from './release.js'
import type { OntapAggregate, OntapAggregateList, OntapAggregateQuery, OntapCallOptions, OntapClient, OntapConnectionInfo, OntapQtree, OntapVolume } from './types.js'

const { Client, utils } = ssh2

const DEFAULT_PORT = 22
const KEEPALIVE_INTERVAL_MS = 10_000
const CLOSE_WAIT_MS = 2_000
const CUT_CONNECTION_GRACE_MS = 100
const MAX_OUTPUT_IN_DETAILS = 4_000
// Fields for the `ontap-volume` check; ONTAP always adds the key fields `vserver volume` in front.
const VOLUME_FIELDS = 'state,size,aggregate,junction-path,type,comment'
// Aggregate media (the Type column is the value Trident's ZAPI path reads): `vserver show-aggregates` is open to
// SVM admins and lists the SVM's assigned aggregates. Its man page documents no `-fields` names beyond -vserver
// and -aggregate, so its default table (Vserver, Aggregate, State, Available Size, Type, SnapLock-Type) is read.
// `storage aggregate show` is a cluster-admin command, tried only for an aggregate the SVM's list lacks.
const SVM_AGGREGATES_COMMAND = 'vserver show-aggregates'
const CLUSTER_AGGREGATES_COMMAND = 'storage aggregate show -fields aggregate,storage-type'
// ONTAP's answers when the user's role may not run a command.
const NOT_PERMITTED = /is not a recognized command|not authorized|insufficient privileges|access denied|permission denied|not permitted/i
// Host key algorithms ssh2 can negotiate, by the key type a known_hosts line names.
const HOST_KEY_ALGORITHMS: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
}
export interface SshOntapClientOptions extends OntapConnectionOptions {
  /** Run `show` commands in separator mode (`set -showseparator "<sep>"; ...`) instead of reading the table layout. */
  cliSeparator?: string
}

export interface SshOntapClient extends OntapClient {
  /** Run one CLI command on the shared connection; returns what ONTAP printed (stdout, then stderr). */
  runCommand(command: string, options?: OntapCallOptions): Promise<string>
}

/** ONTAP would not open an exec channel on a connection that already ran a command (or closed it after one). */
class ChannelRefused extends Error {
  override name = 'ChannelRefused'

  constructor(readonly refusal: ChannelRefusal) {
    super(refusal.kind === 'closed' ? 'the connection was closed before the channel opened' : refusal.said)
  }
}

interface Connection {
  client: SshClient
  /** Commands finished on this connection. */
  commands: number
}

export function createSshOntapClient(options: SshOntapClientOptions): SshOntapClient {
  return new SshCliClient(options)
}

class SshCliClient extends OntapClientBase<SshOntapClientOptions> implements SshOntapClient {
  readonly info: OntapConnectionInfo
  private readonly fingerprints: string[]
  private connecting?: Promise<Connection>
  private connection?: Connection
  /** Set once ONTAP refused a second exec channel on one connection: every command then gets its own connection. */
  private oneChannelPerConnection = false
  /** An auth or host key failure: never retried (ONTAP locks accounts after repeated failed logins). */
  private fatal?: GraderError
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false

  constructor(options: SshOntapClientOptions) {
    super(options, 'SSH', DEFAULT_PORT)
    if (options.password === undefined && options.privateKey === undefined) {
      throw this.error('CONFIG', 'ontap.ssh-no-secret', { user: options.user })
    }
    if (options.cliSeparator !== undefined && !/^[^"\s\\]{1,8}$/.test(options.cliSeparator)) {
      throw this.error('CONFIG', 'ontap.ssh-separator-invalid', {})
    }
    this.fingerprints = parseFingerprints(options.hostKey)
    this.info = {
      api: 'ssh',
      target: `ssh ${options.user}@${this.where()}`,
      insecure: options.insecure === true ? true : undefined,
    }
  }

  async getVolume(svm: string, name: string, options: OntapCallOptions = {}): Promise<OntapVolume | undefined> {
    if (!isValidSvmName(svm)) throw this.error('CONFIG', 'ontap.svm-name-invalid', { svm })
    // A name ONTAP cannot have cannot exist; it is never put into a command line.
    if (!isValidVolumeName(name)) return undefined
    const command = `volume show -vserver ${svm} -volume ${name} -fields ${VOLUME_FIELDS}`
    const output = await this.show(command, options)
    if (output.kind === 'error') throw this.commandError(command, output.message)
    const volumes = output.records.map((record) => this.readRecord(command, () => volumeFromCliRecord(record, svm)))
    return findByName(volumes, name)
  }

  async getQtree(svm: string, volume: string, qtree: string, options: OntapCallOptions = {}): Promise<OntapQtree | undefined> {
    if (!isValidSvmName(svm)) throw this.error('CONFIG', 'ontap.svm-name-invalid', { svm })
    if (!isValidVolumeName(volume) || !isValidQtreeName(qtree)) return undefined
    // The default view (a table, or the instance view for a full key): no `-fields` names are assumed.
    const command = `volume qtree show -vserver ${svm} -volume ${volume} -qtree ${qtree}`
    const output = await this.show(command, options)
    if (output.kind === 'error') throw this.commandError(command, output.message)
    const qtrees = output.records.map((record) => this.readRecord(command, () => qtreeFromCliRecord(record, svm)))
    return qtrees.find((q) => q.volume === volume && q.name === qtree)
  }

  async listAggregates(options: OntapAggregateQuery = {}): Promise<OntapAggregateList> {
    const svm = options.svm
    if (svm !== undefined && !isValidSvmName(svm)) throw this.error('CONFIG', 'ontap.svm-name-invalid', { svm })
    const svmCommand = svm ? `${SVM_AGGREGATES_COMMAND} -vserver ${svm}` : SVM_AGGREGATES_COMMAND
    const listed = await this.readAggregates(svmCommand, options)
    const missing = (options.include ?? []).filter((name) => !listed?.some((a) => a.name === name))
    if (listed && missing.length === 0) return { aggregates: listed, refused: false, source: svmCommand }
    // An aggregate the SVM's list lacks (or no SVM list at all): a cluster admin can still read it.
    const cluster = await this.readAggregates(CLUSTER_AGGREGATES_COMMAND, options, true)
    if (!listed && !cluster) return { aggregates: [], refused: true, source: `${svmCommand}; ${CLUSTER_AGGREGATES_COMMAND}` }
    const byName = new Map<string, OntapAggregate>()
    for (const aggregate of [...(listed ?? []), ...(cluster ?? [])]) if (!byName.get(aggregate.name)?.reported) byName.set(aggregate.name, aggregate)
    const source = `${listed ? svmCommand : `${svmCommand} (refused)`}; ${CLUSTER_AGGREGATES_COMMAND}${cluster ? '' : ' (refused)'}`
    return { aggregates: [...byName.values()], refused: false, source }
  }

  clusterVersion(options: OntapCallOptions = {}): Promise<string | undefined> {
    return this.once('version', async () => {
      const text = await this.runCommand('version', options)
      return /^\s*Error:/m.test(text) ? undefined : releaseOf(text.trim())
    })
  }

  runCommand(command: string, options: OntapCallOptions = {}): Promise<string> {
    const run = this.queue.then(() => this.exec(command, options.signal))
    this.queue = run.catch(() => undefined)
    return run
  }

  warmUp(): void {
    this.connectShared().catch(() => undefined)
  }

  async close(): Promise<void> {
    this.closed = true
    const client = this.connection?.client
    this.connection = undefined
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

  /**
   * Aggregates one command lists (duplicates by SVM merged), or undefined when the user's role refuses it. A
   * best-effort command (the cluster-wide fallback) gives undefined on any ONTAP error: its media stays unknown.
   */
  private readAggregates(command: string, options: OntapCallOptions, bestEffort = false): Promise<OntapAggregate[] | undefined> {
    return this.once(`aggregates ${bestEffort} ${command}`, () => this.readAggregatesNow(command, options, bestEffort))
  }

  private async readAggregatesNow(command: string, options: OntapCallOptions, bestEffort: boolean): Promise<OntapAggregate[] | undefined> {
    const output = await this.show(command, options)
    if (output.kind === 'error') {
      if (bestEffort || NOT_PERMITTED.test(output.message)) return undefined
      throw this.commandError(command, output.message)
    }
    const byName = new Map<string, OntapAggregate>()
    for (const record of output.records) {
      const aggregate = this.readRecord(command, () => aggregateFromCliRecord(record))
      byName.set(aggregate.name, aggregate)
    }
    return [...byName.values()]
  }

  private async show(command: string, options: OntapCallOptions = {}): Promise<CliOutput> {
    const separator = this.options.cliSeparator
    const line = separator ? `set -showseparator "${separator}"; ${command}` : command
    const text = await this.runCommand(line, options)
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

  private async exec(command: string, callSignal?: AbortSignal): Promise<string> {
    const signal = this.signalFor(callSignal)
    if (signal?.aborted) throw abortError(signal, { kind: 'command', command })
    let connection = await this.connect(signal)
    if (this.oneChannelPerConnection && connection.commands > 0) {
      this.drop(connection.client)
      connection = await this.connect(signal)
    }
    try {
      return await this.execOn(connection, command, signal)
    } catch (error) {
      if (!(error instanceof ChannelRefused)) throw error
      // ONTAP allowed one exec channel on that connection: from now on, one connection per command.
      this.oneChannelPerConnection = true
      this.drop(connection.client)
      const fresh = await this.connect(signal)
      try {
        return await this.execOn(fresh, command, signal)
      } catch (again) {
        if (again instanceof ChannelRefused) {
          throw this.error('ONTAP_COMMAND', 'ontap.ssh-channel-refused', { where: this.where(), command, refusal: again.refusal }, { command })
        }
        throw again
      }
    }
  }

  private execOn(connection: Connection, command: string, signal: AbortSignal | undefined): Promise<string> {
    const { client } = connection
    const timeoutMs = this.options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS
    const maxBytes = this.options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES
    // A channel refused, or a connection closed before the channel opened, on a connection that already ran a
    // command: ONTAP allows one channel per connection; the caller retries on a new connection.
    const reused = connection.commands > 0
    return new Promise<string>((resolve, reject) => {
      const stdout: Buffer[] = []
      const stderr: Buffer[] = []
      let received = 0
      let channelOpen = false
      let settled = false
      const finish = (error: Error | undefined, text?: string) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        client.removeListener('close', onConnectionClose)
        if (error) reject(error)
        else {
          connection.commands++
          resolve(text!)
        }
      }
      const onConnectionClose = () => {
        if (reused && !channelOpen) return finish(new ChannelRefused({ kind: 'closed' }))
        finish(this.error('ONTAP_UNREACHABLE', 'ontap.ssh-closed-during-command', { where: this.where(), command }, { command }))
      }
      const onAbort = () => {
        finish(abortError(signal!, { kind: 'command', command }))
        // The command may still run on ONTAP; closing the connection is the only way to stop waiting for it.
        this.drop(client)
      }
      const onData = (chunk: Buffer, into: Buffer[]) => {
        if (settled) return
        received += chunk.length
        if (received > maxBytes) {
          finish(this.error('ONTAP_COMMAND', 'ontap.ssh-answer-too-large', { command, maxBytes }, { command, maxBytes }))
          this.drop(client)
          return
        }
        into.push(chunk)
      }
      const timer = setTimeout(() => {
        finish(
          this.error(
            'ONTAP_TIMEOUT',
            'ontap.ssh-command-timeout',
            { where: this.where(), command, timeoutMs },
            {
              command,
              timeoutMs,
              partialOutput: truncate(Buffer.concat(stdout).toString('utf8')),
            },
          ),
        )
        this.drop(client)
      }, timeoutMs)
      signal?.addEventListener('abort', onAbort, { once: true })
      client.once('close', onConnectionClose)
      try {
        client.exec(command, (error, stream) => {
          if (error) {
            if (reused) return finish(new ChannelRefused({ kind: 'refused', said: error.message }))
            finish(this.error('ONTAP_COMMAND', 'ontap.ssh-exec-refused', { where: this.where(), command, said: error.message }, { command, cause: describeCause(error) }))
            return
          }
          channelOpen = true
          // A command is counted once ONTAP runs it (a refused channel is not a command).
          this.usage.commands++
          if (settled) {
            stream.close()
            return
          }
          let exited = false
          stream.on('exit', () => (exited = true))
          stream.on('data', (chunk: Buffer) => onData(chunk, stdout))
          stream.stderr.on('data', (chunk: Buffer) => onData(chunk, stderr))
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
        if (reused) return finish(new ChannelRefused({ kind: 'refused', said: describeCause(error).message }))
        finish(this.error('ONTAP_UNREACHABLE', 'ontap.ssh-connection-gone', { where: this.where() }, { command, cause: describeCause(error) }))
      }
    })
  }

  private async connect(signal?: AbortSignal): Promise<Connection> {
    if (!signal) return this.connectShared()
    // Stop waiting for a login that hangs when the run is stopped; the half-open connection is dropped.
    let onAbort: (() => void) | undefined
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        reject(abortError(signal, { kind: 'login', where: this.where() }))
        void this.connecting?.then(
          (c) => this.drop(c.client),
          () => undefined,
        )
      }
      if (signal.aborted) onAbort()
      else signal.addEventListener('abort', onAbort, { once: true })
    })
    try {
      return await Promise.race([this.connectShared(), aborted])
    } finally {
      signal.removeEventListener('abort', onAbort!)
    }
  }

  private connectShared(): Promise<Connection> {
    if (this.closed) return Promise.reject(this.error('INTERNAL', 'ontap.ssh-used-after-close', {}))
    if (this.fatal) return Promise.reject(this.fatal)
    if (this.connection) return Promise.resolve(this.connection)
    this.connecting ??= this.openConnection().then(
      (client) => {
        this.connecting = undefined
        if (this.closed) {
          client.end()
          throw this.error('INTERNAL', 'ontap.ssh-closed-while-connecting', {})
        }
        this.connection = { client, commands: 0 }
        return this.connection
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
      // ssh2 writes each SSH packet on its own: with Nagle's algorithm on, a request that follows another one waits
      // for the server's delayed ACK (40 ms on Linux), twice per command (channel open, then exec).
      client.on('connect', () => client.setNoDelay(true))
      client.on('error', (error) => fail(this.connectError(error, decision)))
      client.on('close', () => {
        if (this.connection?.client === client) this.connection = undefined
        fail(this.error('ONTAP_UNREACHABLE', 'ontap.ssh-closed-during-login', { where: this.where() }))
      })
      if (this.options.password !== undefined) {
        client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => this.options.password!)))
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
        fail(this.error('CONFIG', 'ontap.ssh-start-failed', { said: describeCause(error).message }))
      }
    })
  }

  private async hostKeyPolicy(): Promise<HostKeyPolicy> {
    const policy: HostKeyPolicy = { fingerprints: this.fingerprints, insecureAccept: this.options.insecure === true }
    const file = this.options.knownHostsFile
    if (file !== undefined) {
      let text: string
      try {
        text = await readFile(file, 'utf8')
      } catch (error) {
        throw this.error('CONFIG', 'ontap.ssh-known-hosts-unreadable', { file, failure: describeCause(error) })
      }
      policy.knownHosts = knownHostKeys(text, this.options.host, this.port)
    }
    return policy
  }

  private checkPrivateKey(): void {
    if (this.options.privateKey === undefined) return
    const parsed = utils.parseKey(this.options.privateKey, this.options.passphrase)
    if (parsed instanceof Error) {
      throw this.error('CONFIG', 'ontap.ssh-key-unreadable', { user: this.options.user, said: parsed.message, passphrase: this.options.passphrase !== undefined })
    }
  }

  private connectError(error: Error & { level?: string; code?: string }, decision: HostKeyDecision | undefined): GraderError {
    const where = this.where()
    if (decision && !decision.trusted) {
      const seen = `${decision.keyType} ${decision.fingerprint}`
      const details = { host: this.options.host, port: this.port, seenFingerprint: decision.fingerprint, keyType: decision.keyType, expected: decision.expected }
      if (decision.reason === 'changed') {
        return this.error('ONTAP_HOST_KEY', 'ontap.ssh-host-key-changed', { where, expected: decision.expected, seen }, details)
      }
      return this.error('ONTAP_HOST_KEY', 'ontap.ssh-host-key-unknown', { where, seen, fingerprint: decision.fingerprint }, details)
    }
    const cause = describeCause(error)
    if (error.level === 'client-authentication') {
      const by = this.options.password !== undefined ? 'password' : 'private-key'
      return this.error('ONTAP_AUTH', 'ontap.login-refused', { user: this.options.user, where, by }, { cause })
    }
    if (error.level === 'client-timeout') {
      const timeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
      return this.error('ONTAP_UNREACHABLE', 'ontap.ssh-login-timeout', { where, timeoutMs }, { cause, timeoutMs })
    }
    if (error.code && NETWORK_ERROR_CODES.has(error.code)) {
      return this.error('ONTAP_UNREACHABLE', 'ontap.unreachable', { where, over: 'SSH', code: error.code }, { cause })
    }
    return this.error('ONTAP_UNREACHABLE', 'ontap.ssh-failed', { where, said: error.message }, { cause })
  }

  private commandError(command: string, ontapMessage: string): GraderError {
    return this.error('ONTAP_COMMAND', 'ontap.ssh-command-error', { where: this.where(), command, said: ontapMessage }, { command, ontapMessage })
  }

  private parseError(command: string, error: CliParseError): GraderError {
    return this.error(
      'ONTAP_COMMAND',
      'ontap.ssh-answer-unreadable',
      { command, detail: error.message },
      {
        command,
        output: truncate(error.output),
      },
    )
  }

  private drop(client: SshClient): void {
    if (this.connection?.client === client) this.connection = undefined
    client.end()
    setTimeout(() => client.destroy(), CLOSE_WAIT_MS).unref()
  }
}

function parseFingerprints(hostKey: string | string[] | undefined): string[] {
  if (hostKey === undefined) return []
  const texts = (Array.isArray(hostKey) ? hostKey : [hostKey]).flatMap((text) => text.split(/[,\s]+/)).filter(Boolean)
  return texts.map((text) => {
    const fingerprint = normaliseFingerprint(text)
    if (!fingerprint) {
      throw ontapError('CONFIG', 'ontap.ssh-fingerprint-invalid', { text })
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

function truncate(text: string): string {
  return text.length > MAX_OUTPUT_IN_DETAILS ? `${text.slice(0, MAX_OUTPUT_IN_DETAILS)}…` : text
}
