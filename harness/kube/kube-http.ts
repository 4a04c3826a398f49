// The grader's Kubernetes requests: plain REST over the kubeconfig's credentials (undici, one kept-alive
// dispatcher per kubeconfig: kube-connections.ts), with one place that turns HTTP and network failures into grader
// errors, and a count of requests for the benchmark. A run's cap on requests per second (a roster's --kube-qps)
// travels in its KubeTarget (KubeRateLimit): only the clients of that run share its bucket.
//
// The cluster answering is the student's, so every answer is bounded and checked (DESIGN.md, "Trust"):
// - time: each request ends within REQUEST_DEADLINE_MS from the first byte sent (connect, TLS handshake and a
//   body however slowly it trickles), and at once when the run's signal aborts (time budget, Ctrl-C);
// - size: a body is read as a stream and given up past MAX_RESPONSE_BYTES (16 MiB: the largest list a lab
//   namespace needs is well under 1 MiB; Kubernetes itself caps one object at about 1.5 MiB in etcd);
// - kind: an answer that is not the Kubernetes API's JSON (an HTML login page, a proxy, JSON of another shape)
//   is a grader error naming the server and the path, never an empty list;
// - paths: only plain paths are sent (see kube-names.ts); the server is named without any `user:password@`;
// - redirects: never followed (undici's request() follows none): a 3xx is an answer that is not the API's.

import { randomUUID } from 'node:crypto'
import type { Dispatcher } from 'undici'
import type { KubeConfig } from '@kubernetes/client-node'
import { GraderError } from '../errors.js'
import { runError } from '../i18n/usage-errors.js'
import type { KubeAnswer } from '../i18n/usage-errors-en.js'
import { untilAborted } from '../http/abortable.js'
import { discardBody, headerText, readBoundedBody } from '../http/bounded-body.js'
import { stripUrlCredentials } from '../scorecard/safe-text.js'
import { formatBytes } from '../units/bytes.js'
import { kubeDispatcher, type KubeTls } from './kube-connections.js'
import { isPlainApiPath } from './kube-names.js'

/** No byte for this long: the connection is dead. */
const IDLE_TIMEOUT_MS = 15_000
/** One request, from the first byte sent to the last byte read, whatever the server does. */
const REQUEST_DEADLINE_MS = 30_000
/** The most the grader reads of one answer. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024
/** A roster run keeps this out of its students' environments (student-job.ts); the grader itself never reads it. */
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
  /** This client's cap on requests per second; default: the run's (KubeRateLimit of its kubeconfig), if any. */
  rateLimiter?: RateLimiter
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

/** A request ready to go: everything checked, credentials applied, its turn taken. */
interface Prepared {
  dispatcher: Dispatcher
  options: Dispatcher.RequestOptions
}

export class KubeHttp {
  /** Requests sent, shared by clients of one run (see KubeLab.uncancellable). */
  readonly counter: { requests: number }
  /** The API server as it may be shown: no `user:password@`, no trailing slash. */
  readonly server: string
  private readonly base: URL
  private readonly maxBytes: number
  private readonly deadlineMs: number
  private readonly limiter?: RateLimiter

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
    const runLimit = rateLimitOf(kc)
    this.limiter = limits.rateLimiter ?? (runLimit && rateLimiterFor(runLimit))
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
    if (!isRecord(body) || (body.gitVersion !== undefined && typeof body.gitVersion !== 'string')) throw this.notApi(path, { kind: 'not-version' })
    // It lands on the card and the console: printable and short (real ones look like v1.34.4+k3s1).
    return {
      gitVersion:
        body.gitVersion === undefined
          ? undefined
          : String(body.gitVersion)
              .replace(/[^\x20-\x7e]/g, '?')
              .slice(0, 64),
    }
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
    if (!isRecord(body)) throw this.notApi(path, { kind: 'not-object' })
    // Go writes an empty slice as null in some lists; anything else that is not an array is not a list.
    if (body.items !== null && !Array.isArray(body.items)) throw this.notApi(path, { kind: 'no-items' })
    const items = (body.items ?? []) as unknown[]
    for (const item of items) {
      if (!isRecord(item) || !isRecord(item.metadata)) throw this.notApi(path, { kind: 'item-no-metadata' })
    }
    const meta = isRecord(body.metadata) ? body.metadata : {}
    return { items: items as T[], resourceVersion: typeof meta.resourceVersion === 'string' ? meta.resourceVersion : undefined }
  }

  async send<T>(method: 'POST' | 'PUT' | 'DELETE' | 'PATCH', path: string, body: unknown, access: Access): Promise<{ status: number; body: T }> {
    const res = await this.request(method, path, access, body)
    return res as { status: number; body: T }
  }

  private expectObject(body: unknown, path: string): Record<string, unknown> {
    if (!isRecord(body)) throw this.notApi(path, { kind: 'not-object' })
    if (typeof body.kind !== 'string' || !isRecord(body.metadata)) throw this.notApi(path, { kind: 'no-kind' })
    return body
  }

  private notApi(path: string, what: KubeAnswer, status?: number): GraderError {
    return runError('KUBE_API', 'kube.not-api', { server: this.server, method: 'GET', path, status, what })
  }

  /**
   * Everything before the first byte is sent: the path checked, credentials (an exec plugin may run), the rate
   * limiter; all inside `deadline` and the run's signal.
   */
  private async prepare(method: string, path: string, stop: AbortSignal, deadline: AbortSignal, body?: unknown): Promise<Prepared> {
    if (!isPlainApiPath(path)) {
      // Names are checked before they get here (kube-names.ts): this is a bug, and nothing is sent.
      throw new GraderError('INTERNAL', `The grader refused to send ${method} to a path that is not a plain API path (${JSON.stringify(path).slice(0, 120)}).`)
    }
    this.signal?.throwIfAborted()
    // client-node puts the kubeconfig's TLS settings and credentials (token, exec plugin, basic auth) on these
    // options, and a one-off agent the grader does not use: kube-connections.ts keeps one dispatcher per kubeconfig.
    const applied: KubeTls & { headers: Record<string, unknown>; auth?: string; agent?: { destroy?(): void } } = { headers: {} }
    try {
      await untilAborted(this.kc.applyToHTTPSOptions(applied as never), stop)
    } catch (error) {
      if (stop.aborted && error === stop.reason && !deadline.aborted) throw error
      if (deadline.aborted) throw unreachable(this.server, Object.assign(new Error('deadline'), { code: 'EDEADLINE' }), this.deadlineMs)
      throw runError('CONFIG', 'kube.credentials', { server: this.server, detail: stripUrlCredentials(String((error as Error).message).split('\n')[0]) })
    }
    applied.agent?.destroy?.()
    const headers: Record<string, string> = { accept: 'application/json' }
    for (const [name, value] of Object.entries(applied.headers)) if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
    if (applied.auth && headers.authorization === undefined) headers.authorization = `Basic ${Buffer.from(applied.auth).toString('base64')}`
    const payload = body === undefined ? undefined : JSON.stringify(body)
    if (payload !== undefined) headers['content-type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json'
    let dispatcher: Dispatcher
    try {
      dispatcher = kubeDispatcher(this.kc, applied)
    } catch (error) {
      if (error instanceof GraderError) throw error
      throw runError('CONFIG', 'kube.tls', { server: this.server, detail: stripUrlCredentials(String((error as Error).message).split('\n')[0]) })
    }
    await untilAborted(this.limiter?.take() ?? Promise.resolve(), stop).catch((error: unknown) => {
      if (stop.aborted && error === stop.reason && !deadline.aborted) throw error
      throw unreachable(this.server, Object.assign(new Error('deadline'), { code: 'EDEADLINE' }), this.deadlineMs)
    })
    const options: Dispatcher.RequestOptions = {
      origin: this.base.origin,
      path: this.base.pathname.replace(/\/+$/, '') + path,
      method: method as Dispatcher.HttpMethod,
      headers,
      body: payload,
      headersTimeout: IDLE_TIMEOUT_MS,
      bodyTimeout: IDLE_TIMEOUT_MS,
    }
    return { dispatcher, options }
  }

  /**
   * A watch (GET with `watch=1` in `path`'s query): calls `onEvent` for each event line until the server ends the
   * stream (resolves) or `signal` or the run's signal aborts (rejects with its reason). The answer's headers must
   * come within the request deadline; each event line is capped like an answer. Not counted as a request.
   */
  async watch(path: string, access: Access, signal: AbortSignal, onEvent: (type: string, object: unknown) => void): Promise<void> {
    const deadline = AbortSignal.timeout(this.deadlineMs)
    const run = this.signal ? AbortSignal.any([this.signal, signal]) : signal
    const { dispatcher, options } = await this.prepare('GET', path, AbortSignal.any([run, deadline]), deadline)
    const tooLarge = runError('KUBE_API', 'kube.too-large', { server: this.server, method: 'GET', path, limit: formatBytes(this.maxBytes, 'limit'), watch: true })
    // The run's signal ends the watch at any time; the deadline only until the answer's headers have come.
    const stop = new AbortController()
    const onRun = () => stop.abort(run.reason)
    run.addEventListener('abort', onRun, { once: true })
    if (run.aborted) onRun()
    const headersDue = setTimeout(() => stop.abort(Object.assign(new Error('deadline'), { code: 'EDEADLINE' })), this.deadlineMs)
    let answer: Dispatcher.ResponseData | undefined
    try {
      // A watch may be quiet for minutes: no body timeout; `signal` ends it.
      answer = await untilAborted(dispatcher.request({ ...options, signal: stop.signal, headersTimeout: this.deadlineMs, bodyTimeout: 0 }), stop.signal, (late) => discardBody(late.body))
      clearTimeout(headersDue)
      const status = answer.statusCode
      const mediaType = headerText(answer.headers, 'content-type').split(';')[0].trim().toLowerCase()
      if (status !== 200 || mediaType !== 'application/json') {
        throw status === 200 ? this.notApi(path, mediaAnswer(mediaType), 200) : httpError(status, undefined, access, this.server)
      }
      let pending: Buffer = Buffer.alloc(0)
      for await (const chunk of answer.body) {
        pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer])
        let newline: number
        while ((newline = pending.indexOf(10)) !== -1) {
          const line = pending.subarray(0, newline).toString('utf8').trim()
          pending = pending.subarray(newline + 1)
          if (line === '') continue
          const event = parseOrUndefined(line)
          if (!isRecord(event) || typeof event.type !== 'string') throw this.notApi(path, { kind: 'bad-event' })
          onEvent(event.type, event.object)
          if (run.aborted) throw run.reason
        }
        if (pending.length > this.maxBytes) throw tooLarge
      }
    } catch (error) {
      if (run.aborted) throw run.reason
      if (error instanceof GraderError) throw error
      throw unreachable(this.server, error as NodeJS.ErrnoException, this.deadlineMs)
    } finally {
      clearTimeout(headersDue)
      run.removeEventListener('abort', onRun)
      if (answer) discardBody(answer.body)
    }
  }

  private async request(method: string, path: string, access: Access, body?: unknown): Promise<Answer> {
    // The request's own deadline starts now: credentials (an exec plugin), the rate limiter, connect, TLS and body.
    const deadline = AbortSignal.timeout(this.deadlineMs)
    const stop = this.signal ? AbortSignal.any([this.signal, deadline]) : deadline
    const { dispatcher, options } = await this.prepare(method, path, stop, deadline, body)
    this.counter.requests++
    const tooLarge = runError('KUBE_API', 'kube.too-large', { server: this.server, method, path, limit: formatBytes(this.maxBytes, 'limit'), watch: false })
    let res: { status: number; type: string; text: string }
    try {
      const answer = await untilAborted(dispatcher.request({ ...options, signal: stop }), stop, (late) => discardBody(late.body))
      const text = (await readBoundedBody(answer, this.maxBytes, () => tooLarge)).toString('utf8')
      res = { status: answer.statusCode, type: headerText(answer.headers, 'content-type'), text }
    } catch (error) {
      if (error === tooLarge) throw error
      if (this.signal?.aborted && !deadline.aborted) throw this.signal.reason
      if (deadline.aborted) throw unreachable(this.server, Object.assign(new Error('deadline'), { code: 'EDEADLINE' }), this.deadlineMs)
      throw unreachable(this.server, error as NodeJS.ErrnoException, this.deadlineMs)
    }
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
    const answer = (status >= 200 && status < 300) || status === 404 || status === 409
    if (!answer) return isJson ? parseOrUndefined(text) : undefined
    if (status === 404 && (text === '' || (mediaType === 'text/plain' && text.length < 200))) return undefined
    const notApi = (what: KubeAnswer) => runError('KUBE_API', 'kube.not-api', { server: this.server, method, path, status, what })
    if (!isJson) throw notApi(mediaAnswer(mediaType))
    const parsed = parseOrUndefined(text)
    if (parsed === undefined) throw notApi({ kind: 'not-json' })
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
    throw runError('CONFIG', 'kube.server-not-url', { server: JSON.stringify(stripUrlCredentials(server)).slice(0, 120) })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw runError('CONFIG', 'kube.server-scheme', { scheme: JSON.stringify(url.protocol).slice(0, 40) })
  }
  url.username = ''
  url.password = ''
  url.hash = ''
  url.search = ''
  return url
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * A token bucket: at most `perSecond` requests per second on average, `burst` at once. Callers are served in
 * the order they asked. A run's bucket travels in its KubeTarget (newKubeRateLimit): only that run's clients share it.
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

/**
 * A run's cap on Kubernetes requests, as plain data: it travels in the run's KubeTarget (through structuredClone to
 * the specs) and loadKubeConfig() ties it to the kubeconfigs it loads. Every client whose kubeconfig carries the same
 * `bucket` takes from one RateLimiter; a client of another run, or of none, never does.
 */
export interface KubeRateLimit {
  perSecond: number
  bucket: string
}

/** A new cap for one run (a roster's --kube-qps): its own bucket, shared by that run's clients only. */
export function newKubeRateLimit(perSecond: number): KubeRateLimit {
  if (!Number.isFinite(perSecond) || perSecond <= 0) throw runError('CONFIG', 'kube.rate', { value: perSecond })
  return { perSecond, bucket: randomUUID() }
}

// The buckets of the runs going on, by id. On globalThis: the specs may run on their own copy of the harness
// modules (vitest's module runner), and a run's preflights and checks take from the same bucket.
const BUCKETS = Symbol.for('trident-lab-grader.kube-rate-buckets')
function buckets(): Map<string, RateLimiter> {
  const global = globalThis as { [BUCKETS]?: Map<string, RateLimiter> }
  return (global[BUCKETS] ??= new Map())
}

/** The run's RateLimiter for this cap (made on first use). */
function rateLimiterFor(limit: KubeRateLimit): RateLimiter {
  let limiter = buckets().get(limit.bucket)
  if (!limiter || limiter.perSecond !== limit.perSecond) {
    limiter = new RateLimiter(limit.perSecond)
    buckets().set(limit.bucket, limiter)
  }
  return limiter
}

/** The run is over: its bucket is dropped (a client still holding it keeps its own reference). */
export function endKubeRateLimit(limit: KubeRateLimit): void {
  buckets().delete(limit.bucket)
}

const kubeconfigLimits = new WeakMap<KubeConfig, KubeRateLimit>()

/** Ties a run's cap to a kubeconfig it loaded (loadKubeConfig): every KubeHttp of that kubeconfig honours it. */
export function limitRequestsOf(kc: KubeConfig, limit: KubeRateLimit | undefined): void {
  if (limit) kubeconfigLimits.set(kc, limit)
  else kubeconfigLimits.delete(kc)
}

function rateLimitOf(kc: KubeConfig): KubeRateLimit | undefined {
  return kubeconfigLimits.get(kc)
}

function unreachable(server: string, error: NodeJS.ErrnoException, deadlineMs: number): GraderError {
  const code = error.code ?? ''
  const why =
    code === 'ECONNREFUSED'
      ? 'connection refused'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'host name not found'
        : code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT'
          ? `no answer within ${IDLE_TIMEOUT_MS / 1000} s`
          : code === 'UND_ERR_SOCKET'
            ? 'the connection was closed'
            : code === 'EDEADLINE'
              ? `no complete answer within ${deadlineMs / 1000} s`
              : code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT'
                ? `TLS verification failed (${code})`
                : code ||
                  stripUrlCredentials(String(error.message))
                    .replace(/[^\x20-\x7e]/g, '?')
                    .slice(0, 120)
  return runError('KUBE_UNREACHABLE', 'kube.unreachable', { server, why })
}

function httpError(status: number, body: unknown, access: Access, server: string): GraderError {
  if (status === 401) {
    return runError('KUBE_UNAUTHORIZED', 'kube.unauthorized', { server })
  }
  if (status === 403) {
    return runError(
      'KUBE_FORBIDDEN',
      'kube.forbidden',
      { verb: access.verb, resource: access.resource, namespace: access.namespace },
      {
        details: { verb: access.verb, resource: access.resource, namespace: access.namespace },
      },
    )
  }
  const text = typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : undefined
  // The server's own words, on one line and short: they come from a server the student may control.
  const message = text === undefined ? `HTTP ${status}` : text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, ' ').slice(0, 300)
  return runError('KUBE_API', 'kube.answered', { status, verb: access.verb, resource: access.resource, namespace: access.namespace, message }, { details: { status } })
}

/** A media type that is not JSON, as a refusal names it (printable and short). */
function mediaAnswer(mediaType: string): KubeAnswer {
  const type = mediaType.replace(/[^a-z0-9/.+-]/g, '').slice(0, 60)
  return type ? { kind: 'media', type } : { kind: 'no-type' }
}
