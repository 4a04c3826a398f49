// The grader's Kubernetes requests: plain REST over the kubeconfig's credentials, with one place that
// turns HTTP and network failures into grader errors, and a count of requests for the benchmark.
// GRADER_KUBE_QPS (requests per second, set by a roster run for each child) caps this process's requests.
//
// The cluster answering is the student's, so every answer is bounded and checked (DESIGN.md, "Trust"):
// - time: each request ends within REQUEST_DEADLINE_MS from the first byte sent (connect, TLS handshake and a
//   body however slowly it trickles), and at once when the run's signal aborts (time budget, Ctrl-C);
// - size: a body is read as a stream and given up past MAX_RESPONSE_BYTES (16 MiB: the largest list a lab
//   namespace needs is well under 1 MiB; Kubernetes itself caps one object at about 1.5 MiB in etcd);
// - kind: an answer that is not the Kubernetes API's JSON (an HTML login page, a proxy, JSON of another shape)
//   is a grader error naming the server and the path, never an empty list;
// - paths: only plain paths are sent (see kube-names.ts); the server is named without any `user:password@`.

import http from 'node:http'
import https from 'node:https'
import type { KubeConfig } from '@kubernetes/client-node'
import { GraderError } from '../errors.js'
import { keepAlive } from './kube-connections.js'
import { isPlainApiPath } from './kube-names.js'

/** No byte for this long: the connection is dead. */
const IDLE_TIMEOUT_MS = 15_000
/** One request, from the first byte sent to the last byte read, whatever the server does. */
export const REQUEST_DEADLINE_MS = 30_000
/** The most the grader reads of one answer. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024
export const KUBE_QPS_ENV = 'GRADER_KUBE_QPS'

/** What a request does, in RBAC words, so a 403 can say exactly what the grader lacks. */
export interface Access {
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'delete' | 'patch'
  resource: string
  namespace?: string
}

export interface KubeHttpLimits {
  maxResponseBytes?: number
  requestDeadlineMs?: number
}

/** A list as the API serves it: items plus the list's resourceVersion (to start a watch from). */
export interface KubeList<T> {
  items: T[]
  resourceVersion?: string
}

interface Answer {
  status: number
  body: unknown
}

export class KubeHttp {
  /** Requests sent, shared by clients of one run (see KubeLab.uncancellable). */
  readonly counter: { requests: number }
  /** The API server as it may be shown: no `user:password@`, no trailing slash. */
  readonly server: string
  private readonly base: URL
  private readonly maxBytes: number
  private readonly deadlineMs: number

  /** `signal`: abort in-flight requests when the run is cancelled; its reason is what they throw. */
  constructor(
    readonly kc: KubeConfig,
    private readonly signal?: AbortSignal,
    counter: { requests: number } = { requests: 0 },
    limits: KubeHttpLimits = {},
  ) {
    this.counter = counter
    this.base = serverUrl(kc.getCurrentCluster()!.server)
    this.server = this.base.href.replace(/\/+$/, '')
    this.maxBytes = limits.maxResponseBytes ?? MAX_RESPONSE_BYTES
    this.deadlineMs = limits.requestDeadlineMs ?? REQUEST_DEADLINE_MS
  }

  get requests(): number {
    return this.counter.requests
  }

  /** GET of one object (kind and metadata checked); undefined for 404. */
  async get<T>(path: string, access: Access): Promise<T | undefined> {
    const res = await this.request('GET', path, access)
    if (res.status === 404) return undefined
    return this.expectObject(res.body, path) as T
  }

  /** GET of /version. */
  async version(): Promise<{ gitVersion?: string } | undefined> {
    const path = '/version'
    const res = await this.request('GET', path, { verb: 'get', resource: 'version' })
    if (res.status === 404) return undefined
    const body = res.body
    if (!isRecord(body) || (body.gitVersion !== undefined && typeof body.gitVersion !== 'string')) throw this.notApi(path, 'JSON that is not a version')
    // It lands on the card and the console: printable and short (real ones look like v1.34.4+k3s1).
    return { gitVersion: body.gitVersion === undefined ? undefined : String(body.gitVersion).replace(/[^\x20-\x7e]/g, '?').slice(0, 64) }
  }

  /** GET of a list; a missing API (404, e.g. Trident CRDs not installed) is an empty list. */
  async list<T>(path: string, access: Access): Promise<T[]> {
    return (await this.listWithVersion<T>(path, access)).items
  }

  /** GET of a list with its resourceVersion; 404 is an empty list. */
  async listWithVersion<T>(path: string, access: Access): Promise<KubeList<T>> {
    const res = await this.request('GET', path, access)
    if (res.status === 404) return { items: [] }
    const body = res.body
    if (!isRecord(body)) throw this.notApi(path, 'JSON that is not an object')
    // Go writes an empty slice as null in some lists; anything else that is not an array is not a list.
    if (body.items !== null && !Array.isArray(body.items)) throw this.notApi(path, 'a list without an `items` array')
    const items = (body.items ?? []) as unknown[]
    for (const item of items) {
      if (!isRecord(item) || !isRecord(item.metadata)) throw this.notApi(path, 'a list item without `metadata`')
    }
    const meta = isRecord(body.metadata) ? body.metadata : {}
    return { items: items as T[], resourceVersion: typeof meta.resourceVersion === 'string' ? meta.resourceVersion : undefined }
  }

  async send<T>(method: 'POST' | 'PUT' | 'DELETE' | 'PATCH', path: string, body: unknown, access: Access): Promise<{ status: number; body: T }> {
    const res = await this.request(method, path, access, body)
    return res as { status: number; body: T }
  }

  private expectObject(body: unknown, path: string): Record<string, unknown> {
    if (!isRecord(body)) throw this.notApi(path, 'JSON that is not an object')
    if (typeof body.kind !== 'string' || !isRecord(body.metadata)) throw this.notApi(path, 'an object without `kind` and `metadata`')
    return body
  }

  private notApi(path: string, what: string): GraderError {
    return new GraderError('KUBE_API', `The server ${this.server} answered GET ${path} with ${what}, not the Kubernetes API's answer; check that the kubeconfig points at the cluster's API server.`)
  }

  /**
   * Everything before the first byte is sent: the path checked, credentials (an exec plugin may run), the rate
   * limiter; all inside `deadline` and the run's signal.
   */
  private async prepare(method: string, path: string, stop: AbortSignal, deadline: AbortSignal, body?: unknown): Promise<{ options: https.RequestOptions; payload?: string; transport: typeof http | typeof https }> {
    if (!isPlainApiPath(path)) {
      // Names are checked before they get here (kube-names.ts): this is a bug, and nothing is sent.
      throw new GraderError('INTERNAL', `The grader refused to send ${method} to a path that is not a plain API path (${JSON.stringify(path).slice(0, 120)}).`)
    }
    this.signal?.throwIfAborted()
    const url = new URL(this.base.href.replace(/\/+$/, '') + path)
    const options: https.RequestOptions = {
      method,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || undefined,
      path: url.pathname + url.search,
      headers: { Accept: 'application/json' },
      timeout: IDLE_TIMEOUT_MS,
    }
    try {
      await untilAborted(this.kc.applyToHTTPSOptions(options), stop)
    } catch (error) {
      if (stop.aborted && error === stop.reason && !deadline.aborted) throw error
      if (deadline.aborted) throw unreachable(this.server, Object.assign(new Error('deadline'), { code: 'EDEADLINE' }), this.deadlineMs)
      throw new GraderError('CONFIG', `The kubeconfig's credentials for ${this.server} cannot be used (${withoutUrlCredentials(String((error as Error).message).split('\n')[0])}); check the kubeconfig.`)
    }
    if (url.protocol === 'https:') keepAlive(this.kc, options)
    const payload = body === undefined ? undefined : JSON.stringify(body)
    if (payload !== undefined) {
      options.headers = {
        ...options.headers,
        'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
        'Content-Length': Buffer.byteLength(payload),
      }
    }
    await untilAborted(processRateLimiter()?.take() ?? Promise.resolve(), stop).catch((error: unknown) => {
      if (stop.aborted && error === stop.reason && !deadline.aborted) throw error
      throw unreachable(this.server, Object.assign(new Error('deadline'), { code: 'EDEADLINE' }), this.deadlineMs)
    })
    return { options, payload, transport: url.protocol === 'http:' ? http : https }
  }

  /**
   * A watch (GET with `watch=1` in `path`'s query): calls `onEvent` for each event line until the server ends the
   * stream (resolves) or `signal` or the run's signal aborts (rejects with its reason). The answer's headers must
   * come within the request deadline; each event line is capped like an answer. Not counted as a request.
   */
  async watch(path: string, access: Access, signal: AbortSignal, onEvent: (type: string, object: unknown) => void): Promise<void> {
    const deadline = AbortSignal.timeout(this.deadlineMs)
    const run = this.signal ? AbortSignal.any([this.signal, signal]) : signal
    const { options, transport } = await this.prepare('GET', path, AbortSignal.any([run, deadline]), deadline)
    options.timeout = 0 // a watch may be quiet for minutes; `signal` ends it
    const tooLarge = new GraderError('KUBE_API', `The Kubernetes API server ${this.server} sent a watch event of more than ${mib(this.maxBytes)} for GET ${path}; the grader reads at most ${mib(this.maxBytes)} of one event.`)
    return new Promise<void>((resolve, reject) => {
      let settled = false
      const settle = (error?: unknown) => {
        if (settled) return
        settled = true
        clearTimeout(headers)
        run.removeEventListener('abort', onAbort)
        if (error === undefined) resolve()
        else reject(error)
      }
      const req = transport.request(options, (response) => {
        clearTimeout(headers)
        const status = response.statusCode ?? 0
        const mediaType = String(response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
        if (status !== 200 || mediaType !== 'application/json') {
          response.resume()
          const error = status === 200 ? this.notApi(path, `HTTP 200 and ${mediaType.replace(/[^a-z0-9/.+-]/g, '').slice(0, 60) || 'no content type'}`) : httpError(status, undefined, access, this.server)
          req.destroy()
          return settle(error)
        }
        let pending: Buffer = Buffer.alloc(0)
        response.on('data', (chunk: Buffer) => {
          pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
          let newline: number
          while ((newline = pending.indexOf(10)) !== -1) {
            const line = pending.subarray(0, newline).toString('utf8').trim()
            pending = pending.subarray(newline + 1)
            if (line === '') continue
            const event = parseOrUndefined(line)
            if (!isRecord(event) || typeof event.type !== 'string') {
              req.destroy()
              return settle(this.notApi(path, 'a watch event that is not JSON of the API\'s shape'))
            }
            onEvent(event.type, event.object)
            if (settled) return
          }
          if (pending.length > this.maxBytes) {
            req.destroy()
            settle(tooLarge)
          }
        })
        response.on('end', () => settle())
        response.on('error', (error) => settle(unreachable(this.server, error as NodeJS.ErrnoException, this.deadlineMs)))
      })
      const headers = setTimeout(() => req.destroy(Object.assign(new Error('deadline'), { code: 'EDEADLINE' })), this.deadlineMs)
      const onAbort = () => {
        req.destroy()
        settle(run.reason)
      }
      run.addEventListener('abort', onAbort, { once: true })
      req.on('error', (error: NodeJS.ErrnoException) => settle(unreachable(this.server, error, this.deadlineMs)))
      req.end()
      if (run.aborted) onAbort()
    })
  }

  private async request(method: string, path: string, access: Access, body?: unknown): Promise<Answer> {
    // The request's own deadline starts now: credentials (an exec plugin), the rate limiter, connect, TLS and body.
    const deadline = AbortSignal.timeout(this.deadlineMs)
    const stop = this.signal ? AbortSignal.any([this.signal, deadline]) : deadline
    const { options, payload, transport } = await this.prepare(method, path, stop, deadline, body)
    this.counter.requests++
    const tooLarge = new GraderError(
      'KUBE_API',
      `The Kubernetes API server ${this.server} sent more than ${mib(this.maxBytes)} for ${method} ${path}; the grader reads at most ${mib(this.maxBytes)} of one answer.`,
    )
    const res = await new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
      const req = transport.request(options, (response) => {
        const declared = Number(response.headers['content-length'])
        if (Number.isFinite(declared) && declared > this.maxBytes) return req.destroy(tooLarge)
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (c: Buffer) => {
          size += c.length
          if (size > this.maxBytes) return req.destroy(tooLarge)
          chunks.push(c)
        })
        // A body that arrived whole before it was counted still ends: never as a truncated answer.
        response.on('end', () => size > this.maxBytes ? reject(tooLarge) : resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }))
        response.on('error', reject)
      })
      const onStop = () => req.destroy(this.signal?.aborted ? (this.signal.reason as Error) : Object.assign(new Error('deadline'), { code: 'EDEADLINE' }))
      stop.addEventListener('abort', onStop, { once: true })
      req.on('close', () => stop.removeEventListener('abort', onStop))
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })))
      req.on('error', reject)
      if (payload !== undefined) req.write(payload)
      req.end()
    }).catch((error: NodeJS.ErrnoException) => {
      if (this.signal?.aborted && error === this.signal.reason) throw error
      if (error === tooLarge) throw error
      throw unreachable(this.server, error, this.deadlineMs)
    })
    const parsed = this.parse(method, path, res.status, res.type, res.text)
    if (res.status >= 200 && res.status < 300) return { status: res.status, body: parsed }
    // 404: not there; 409: a precondition or create raced (the caller decides).
    if (res.status === 404 || res.status === 409) return { status: res.status, body: parsed }
    throw httpError(res.status, parsed, access, this.server)
  }

  /**
   * The body as JSON. A 2xx, 404 or 409 must be the API's JSON, except that a 404 may be empty or the plain-text
   * "404 page not found" an API server's mux writes for a path it does not serve. HTML is never the API (a proxy or a
   * login page). Other statuses speak for themselves (401, 403, 5xx); their body is read only if it is JSON.
   */
  private parse(method: string, path: string, status: number, type: string, text: string): unknown {
    const mediaType = type.split(';')[0].trim().toLowerCase()
    const isJson = mediaType === 'application/json' || mediaType.endsWith('+json')
    const answer = status >= 200 && status < 300 || status === 404 || status === 409
    if (!answer) return isJson ? parseOrUndefined(text) : undefined
    if (status === 404 && (text === '' || (mediaType === 'text/plain' && text.length < 200))) return undefined
    const notApi = (what: string) =>
      new GraderError('KUBE_API', `The server ${this.server} answered ${method} ${path} with HTTP ${status} and ${what}, not the Kubernetes API's JSON (a proxy or a login page?); check that the kubeconfig points at the cluster's API server.`)
    if (!isJson) throw notApi(mediaType.replace(/[^a-z0-9/.+-]/g, '').slice(0, 60) || 'no content type')
    const parsed = parseOrUndefined(text)
    if (parsed === undefined) throw notApi('a body that is not JSON')
    return parsed
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** The kubeconfig's server address without `user:password@` (it would reach cards and logs) or a fragment. */
export function serverUrl(server: string): URL {
  let url: URL
  try {
    url = new URL(server)
  } catch {
    throw new GraderError('CONFIG', `The kubeconfig's server address ${JSON.stringify(withoutUrlCredentials(server)).slice(0, 120)} is not a URL; check the kubeconfig.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GraderError('CONFIG', `The kubeconfig's server address uses ${JSON.stringify(url.protocol).slice(0, 40)}, not https:; check the kubeconfig.`)
  }
  url.username = ''
  url.password = ''
  url.hash = ''
  url.search = ''
  return url
}

/** `scheme://user:password@host` -> `scheme://host` in free text (errors from libraries that print URLs). */
export function withoutUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, '$1')
}

/** Resolves or rejects as `work` does, or rejects with the abort reason as soon as `signal` aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${bytes} bytes`
}

/**
 * A token bucket: at most `perSecond` requests per second on average, `burst` at once. Callers are served in
 * the order they asked. A roster run splits its global cap between its children through GRADER_KUBE_QPS.
 */
export class RateLimiter {
  private tokens: number
  private last: number
  private queue: Promise<void> = Promise.resolve()

  constructor(
    readonly perSecond: number,
    readonly burst = Math.max(1, Math.ceil(perSecond)),
  ) {
    this.tokens = burst
    this.last = performance.now()
  }

  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      this.refill()
      if (this.tokens < 1) {
        await new Promise((resolve) => setTimeout(resolve, ((1 - this.tokens) / this.perSecond) * 1000))
        this.refill()
      }
      this.tokens -= 1
    })
    this.queue = turn
    return turn
  }

  private refill(): void {
    const now = performance.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond)
    this.last = now
  }
}

let limiter: { qps: string | undefined; limiter?: RateLimiter } | undefined

/** One limiter per process, from GRADER_KUBE_QPS (unset, empty or not a positive number: no limit). */
/** The class's cap on Kubernetes requests per second, for every request of this process (a roster run's). */
let classQps: number | undefined

export function limitKubeRequests(qps: number | undefined): void {
  classQps = qps
}

function processRateLimiter(): RateLimiter | undefined {
  const qps = classQps !== undefined ? String(classQps) : process.env[KUBE_QPS_ENV]
  if (!limiter || limiter.qps !== qps) {
    const n = Number(qps)
    limiter = { qps, limiter: qps && Number.isFinite(n) && n > 0 ? new RateLimiter(n) : undefined }
  }
  return limiter.limiter
}

function unreachable(server: string, error: NodeJS.ErrnoException, deadlineMs: number): GraderError {
  const code = error.code ?? ''
  const why =
    code === 'ECONNREFUSED' ? 'connection refused' :
    code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'host name not found' :
    code === 'ETIMEDOUT' ? `no answer within ${IDLE_TIMEOUT_MS / 1000} s` :
    code === 'EDEADLINE' ? `no complete answer within ${deadlineMs / 1000} s` :
    code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ? `TLS verification failed (${code})` :
    code || withoutUrlCredentials(String(error.message)).replace(/[^\x20-\x7e]/g, '?').slice(0, 120)
  return new GraderError('KUBE_UNREACHABLE', `The Kubernetes API server ${server} cannot be reached (${why}); check that the cluster is up and the kubeconfig points at it.`)
}

export function httpError(status: number, body: unknown, access: Access, server: string): GraderError {
  const where = access.namespace ? ` in namespace ${access.namespace}` : ' cluster-wide'
  if (status === 401) {
    return new GraderError('KUBE_UNAUTHORIZED', `The Kubernetes API server ${server} rejected the grader's credentials (HTTP 401); refresh the kubeconfig's token or certificate.`)
  }
  if (status === 403) {
    return new GraderError('KUBE_FORBIDDEN', `The grader's Kubernetes identity may not ${access.verb} ${access.resource}${where} (HTTP 403); grant the grader's RBAC from the README.`, {
      details: { verb: access.verb, resource: access.resource, namespace: access.namespace },
    })
  }
  const text = typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : undefined
  // The server's own words, on one line and short: they come from a server the student may control.
  const message = text === undefined ? `HTTP ${status}` : text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, ' ').slice(0, 300)
  return new GraderError('KUBE_API', `The Kubernetes API answered ${status} to ${access.verb} ${access.resource}${where}: ${message}`, { details: { status } })
}
