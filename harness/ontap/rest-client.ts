// OntapClient over the ONTAP REST API (ONTAP 9.6+): HTTPS with Basic auth, one kept-alive connection per client
// (an undici Pool of one connection to the SVM; redirects are never followed).
// Bounds: every request stops at --ontap-timeout, on the run's signal (Ctrl-C, time budget) and on the call's
// signal; a body larger than maxAnswerBytes (default 4 MiB) ends the request with a GraderError naming it.

import { readFile } from 'node:fs/promises'
import { checkServerIdentity, type PeerCertificate } from 'node:tls'
import { X509Certificate } from 'node:crypto'
import { Pool } from 'undici'
import { GraderError } from '../errors.js'
import { CuttableConnector, untilAborted } from '../http/abortable.js'
import { discardBody, readBoundedBody } from '../http/bounded-body.js'
import { findByName, isValidQtreeName, isValidSvmName, isValidVolumeName } from './names.js'
import { describeCause, NETWORK_ERROR_CODES, OntapClientBase, type OntapConnectionOptions } from './connection.js'
import { abortError, DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_ANSWER_BYTES } from './limits.js'
import { releaseOf } from './release.js'
import type { OntapAggregate, OntapAggregateList, OntapAggregateQuery, OntapCallOptions, OntapClient, OntapConnectionInfo, OntapQtree, OntapVolume } from './types.js'

const DEFAULT_PORT = 443
const MAX_PAGES = 20
const VOLUME_FIELDS = 'state,size,aggregates,nas.path,type,comment,is_svm_root'
const QTREE_FIELDS = 'name,volume.name,svm.name,path'
const AGGREGATE_FIELDS = 'block_storage.primary.disk_type,block_storage.storage_type'
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g
const TLS_ERROR = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/
// Whether an aggregate is SSD-backed (see OntapAggregate.ssd): the aggregate-level `storage_type` first, then the
// disk type. `lun`, `vmdisk`/`vm_disk` say nothing about the media underneath: unknown.
const STORAGE_TYPE_SSD: Record<string, boolean> = { ssd: true, hdd: false, hybrid: false }
const DISK_TYPE_SSD: Record<string, boolean> = {
  ssd: true,
  nvme_ssd: true,
  ssd_cap: true,
  ssd_zns: true,
  sas: false,
  sata: false,
  nl_sas: false,
  fc: false,
  scsi: false,
}
/** The REST client takes the connection options both clients share (connection.ts). */
export type RestOntapClientOptions = OntapConnectionOptions

interface OntapErrorBody {
  error?: { message?: string; code?: string; target?: string }
}

interface Response {
  status: number
  body: unknown
}

interface VolumeRecord {
  name?: string
  comment?: string
  is_svm_root?: boolean
  state?: string
  size?: number
  type?: string
  svm?: { name?: string }
  aggregates?: { name?: string }[]
  nas?: { path?: string }
  space?: { size?: number }
}

interface QtreeRecord {
  name?: string
  path?: string
  volume?: { name?: string }
  svm?: { name?: string }
}

interface AggregateRecord {
  name?: string
  block_storage?: { storage_type?: string; primary?: { disk_type?: string } }
}

interface Collection<T> {
  records?: T[]
  _links?: { next?: { href?: string } }
}

export function createRestOntapClient(options: RestOntapClientOptions): OntapClient {
  return new RestClient(options)
}

class RestClient extends OntapClientBase<RestOntapClientOptions> implements OntapClient {
  readonly info: OntapConnectionInfo
  private readonly authorization: string
  private pool?: Promise<{ pool: Pool; connector: CuttableConnector }>

  constructor(options: RestOntapClientOptions) {
    super(options, 'REST', DEFAULT_PORT)
    if (options.password === undefined) {
      throw this.error('CONFIG', 'ontap.rest-no-password', { user: options.user })
    }
    this.authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`
    this.info = {
      api: 'rest',
      target: `https://${this.where()}/api`,
      insecure: options.insecure === true ? true : undefined,
    }
  }

  async getVolume(svm: string, name: string, options: OntapCallOptions = {}): Promise<OntapVolume | undefined> {
    if (!isValidSvmName(svm)) throw this.error('CONFIG', 'ontap.svm-name-invalid', { svm })
    // A name ONTAP cannot have cannot exist, and `*`, `|`, `!` would be query operators.
    if (!isValidVolumeName(name)) return undefined
    const query = `svm.name=${encodeURIComponent(svm)}&name=${encodeURIComponent(name)}&fields=${VOLUME_FIELDS}`
    const path = `/api/storage/volumes?${query}`
    const response = await this.get(path, options.signal)
    if (response.status === 404 && isOntapError(response.body)) return undefined
    this.checkStatus(path, response)
    const records = (response.body as Collection<VolumeRecord>).records ?? []
    const record = findByName(records, name)
    if (!record) return undefined
    const size = record.size ?? record.space?.size
    // Like the CLI's `-`: a volume that is not online may come without a size (see OntapVolume.sizeBytes).
    const sizeBytes = typeof size === 'number' ? size : record.state !== undefined && record.state !== 'online' ? Number.NaN : undefined
    if (sizeBytes === undefined || typeof record.state !== 'string') {
      throw this.error('ONTAP_COMMAND', 'ontap.rest-volume-incomplete', { path, volume: name }, { path })
    }
    return {
      name: record.name ?? name,
      svm: record.svm?.name ?? svm,
      state: record.state.toLowerCase(),
      sizeBytes,
      aggregates: (record.aggregates ?? []).flatMap((a) => (a.name ? [a.name] : [])),
      junctionPath: record.nas?.path || undefined,
      type: record.type?.toLowerCase(),
      comment: record.comment || undefined,
      isSvmRoot: typeof record.is_svm_root === 'boolean' ? record.is_svm_root : undefined,
    }
  }

  async getQtree(svm: string, volume: string, qtree: string, options: OntapCallOptions = {}): Promise<OntapQtree | undefined> {
    if (!isValidSvmName(svm)) throw this.error('CONFIG', 'ontap.svm-name-invalid', { svm })
    if (!isValidVolumeName(volume) || !isValidQtreeName(qtree)) return undefined
    const query = `svm.name=${encodeURIComponent(svm)}&volume.name=${encodeURIComponent(volume)}&name=${encodeURIComponent(qtree)}&fields=${QTREE_FIELDS}`
    const path = `/api/storage/qtrees?${query}`
    const response = await this.get(path, options.signal)
    this.checkStatus(path, response)
    const records = (response.body as Collection<QtreeRecord>).records ?? []
    const record = records.find((r) => r.name === qtree && (r.volume?.name ?? volume) === volume)
    if (!record) return undefined
    return { name: qtree, volume, svm: record.svm?.name ?? svm, path: record.path || undefined }
  }

  listAggregates(options: OntapAggregateQuery = {}): Promise<OntapAggregateList> {
    return this.once('aggregates', () => this.readAggregates(options))
  }

  private async readAggregates(options: OntapAggregateQuery): Promise<OntapAggregateList> {
    const aggregates: OntapAggregate[] = []
    const first = `/api/storage/aggregates?fields=${AGGREGATE_FIELDS}`
    let path: string | undefined = first
    for (let page = 0; path && page < MAX_PAGES; page++) {
      const response = await this.get(path, options.signal)
      // SVM-scoped users (vsadmin) may not be allowed to read aggregates: their media is then unknown.
      if (response.status === 403) return { aggregates: [], refused: true, source: `GET ${first}` }
      this.checkStatus(path, response)
      const body = response.body as Collection<AggregateRecord>
      for (const record of body.records ?? []) {
        if (record.name) aggregates.push(aggregateFromRecord({ ...record, name: record.name }))
      }
      path = body._links?.next?.href
    }
    return { aggregates, refused: false, source: `GET ${first}` }
  }

  clusterVersion(options: OntapCallOptions = {}): Promise<string | undefined> {
    return this.once('version', async () => {
      const path = '/api/cluster?fields=version'
      const response = await this.get(path, options.signal)
      if (response.status === 403) return undefined
      this.checkStatus(path, response)
      const version = (response.body as { version?: { full?: unknown } }).version?.full
      return typeof version === 'string' ? releaseOf(version) : undefined
    })
  }

  async close(): Promise<void> {
    const pool = this.pool
    this.pool = undefined
    const opened = await pool?.catch(() => undefined)
    opened?.connector.cut()
    await opened?.pool.destroy().catch(() => undefined)
  }

  private checkStatus(path: string, response: Response): void {
    const { status, body } = response
    if (status >= 200 && status < 300) return
    const ontapMessage = isOntapError(body) ? body.error?.message : undefined
    if (status === 401) {
      throw this.error('ONTAP_AUTH', 'ontap.login-refused', { user: this.options.user, where: this.where(), by: 'password' }, { path, status })
    }
    if (status === 404 && !isOntapError(body)) {
      throw this.error('ONTAP_COMMAND', 'ontap.rest-no-api', { where: this.where(), path: path.split('?')[0] }, { path, status })
    }
    throw this.error(
      'ONTAP_COMMAND',
      'ontap.rest-status',
      { where: this.where(), path, status, user: this.options.user, said: ontapMessage },
      {
        path,
        status,
        ontapMessage,
        ontapCode: isOntapError(body) ? body.error?.code : undefined,
      },
    )
  }

  private async get(path: string, callSignal?: AbortSignal): Promise<Response> {
    const signal = this.signalFor(callSignal)
    if (signal?.aborted) throw abortError(signal, { kind: 'request', path })
    const { pool } = await this.getPool()
    const maxBytes = this.options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES
    const timeoutMs = this.options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS
    const timeout = AbortSignal.timeout(timeoutMs)
    const tooLarge = () => this.error('ONTAP_COMMAND', 'ontap.rest-answer-too-large', { path, maxBytes }, { path, maxBytes })
    this.usage.commands++
    let status: number
    let text: string
    try {
      const stop = signal ? AbortSignal.any([signal, timeout]) : timeout
      const answer = await untilAborted(
        pool.request({
          path,
          method: 'GET',
          headers: { authorization: this.authorization, accept: 'application/json' },
          signal: stop,
          // The whole request is bounded by `timeout`; undici's own (shorter) timers are not wanted on top.
          headersTimeout: 0,
          bodyTimeout: 0,
        }),
        stop,
        (late) => discardBody(late.body),
      )
      status = answer.statusCode
      try {
        text = (await readBoundedBody(answer, maxBytes, tooLarge)).toString('utf8')
      } finally {
        discardBody(answer.body)
      }
    } catch (error) {
      if (error instanceof GraderError) throw error
      if (signal?.aborted) throw abortError(signal, { kind: 'request', path })
      if (timeout.aborted) throw this.error('ONTAP_TIMEOUT', 'ontap.rest-timeout', { where: this.where(), path, timeoutMs }, { path, timeoutMs })
      throw this.requestError(path, error as Error & { code?: string })
    }
    let body: unknown = undefined
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      if (status === 200) throw this.error('ONTAP_COMMAND', 'ontap.rest-not-json', { path }, { path, body: text.slice(0, 500) })
    }
    return { status, body }
  }

  private getPool(): Promise<{ pool: Pool; connector: CuttableConnector }> {
    this.pool ??= this.createPool().catch((error: unknown) => {
      this.pool = undefined
      throw error
    })
    return this.pool
  }

  private async createPool(): Promise<{ pool: Pool; connector: CuttableConnector }> {
    const pems = await this.trustedPems()
    const pinned = pems.flatMap((pem) => {
      try {
        return [new X509Certificate(pem).raw]
      } catch {
        throw this.error('CONFIG', 'ontap.rest-ca-certificate-unreadable', { caFile: this.options.caFile })
      }
    })
    // A TLS connection is a session (OntapUsage): counted as it is opened.
    const connector = new CuttableConnector(
      {
        ca: pems.length > 0 ? pems : undefined,
        rejectUnauthorized: this.options.insecure !== true,
        timeout: this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        // ONTAP's default certificate is self-signed with the cluster name as CN and no IP address, while graders
        // usually connect by IP. When the user pinned that exact certificate, the chain check already proves it is
        // the cluster, so its name is not checked; any other certificate must name the host as usual.
        checkServerIdentity: (host: string, cert: PeerCertificate) => {
          if (cert.raw && pinned.some((raw) => raw.equals(cert.raw))) return undefined
          return checkServerIdentity(host, cert)
        },
      },
      () => this.usage.sessions++,
    )
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host
    return { pool: new Pool(`https://${host}:${this.port}`, { connections: 1, connect: connector.connect }), connector }
  }

  private async trustedPems(): Promise<string[]> {
    const texts: string[] = []
    if (this.options.caPem !== undefined) texts.push(...(Array.isArray(this.options.caPem) ? this.options.caPem : [this.options.caPem]))
    if (this.options.caFile !== undefined) {
      try {
        texts.push(await readFile(this.options.caFile, 'utf8'))
      } catch (error) {
        throw this.error('CONFIG', 'ontap.rest-ca-file-unreadable', { file: this.options.caFile, failure: describeCause(error) })
      }
    }
    const pems = texts.flatMap((text) => text.match(PEM_CERTIFICATE) ?? [])
    if (texts.length > 0 && pems.length === 0) {
      throw this.error('CONFIG', 'ontap.rest-ca-no-certificate', { caFile: this.options.caFile })
    }
    return pems
  }

  private requestError(path: string, error: Error & { code?: string }): GraderError {
    const cause = describeCause(error)
    const code = error.code ?? ''
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      const timeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
      return this.error('ONTAP_UNREACHABLE', 'ontap.rest-connect-timeout', { where: this.where(), timeoutMs }, { path, timeoutMs, cause })
    }
    if (TLS_ERROR.test(code) || /certificate|ssl|tls/i.test(error.message)) {
      const caGiven = this.options.caFile || this.options.caPem ? (this.options.caFile ?? 'PEM') : undefined
      return this.error('ONTAP_TLS', 'ontap.rest-tls-untrusted', { where: this.where(), reason: code || error.message, caGiven }, { path, cause })
    }
    if (NETWORK_ERROR_CODES.has(code)) {
      return this.error('ONTAP_UNREACHABLE', 'ontap.unreachable', { where: this.where(), over: 'HTTPS', code }, { path, cause })
    }
    return this.error('ONTAP_UNREACHABLE', 'ontap.rest-failed', { where: this.where(), said: error.message }, { path, cause })
  }
}

/**
 * One REST aggregate record → what the grader can tell. `ssd`: `block_storage.storage_type` (the aggregate-level
 * type, the CLI's Type and Trident's ZAPI vocabulary) first, then `primary.disk_type`. `media`: what Trident's REST
 * driver derives: only disk type `ssd` maps (trident-reality.md). A record without `block_storage` (ONTAP drops
 * cluster fields for SVM users) knows nothing.
 */
function aggregateFromRecord(record: AggregateRecord & { name: string }): OntapAggregate {
  const storageType = record.block_storage?.storage_type?.toLowerCase()
  const diskType = record.block_storage?.primary?.disk_type?.toLowerCase()
  const ssd = (storageType !== undefined ? STORAGE_TYPE_SSD[storageType] : undefined) ?? (diskType !== undefined ? DISK_TYPE_SSD[diskType] : undefined)
  const reported = [diskType && `disk_type=${diskType}`, storageType && `storage_type=${storageType}`].filter(Boolean).join(',')
  return { name: record.name, ssd, media: diskType === 'ssd' ? 'ssd' : undefined, reported: reported || 'no block_storage', storageType, diskType }
}

function isOntapError(body: unknown): body is OntapErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as OntapErrorBody).error === 'object'
}
