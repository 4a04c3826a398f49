// The grader's Kubernetes requests: plain REST over the kubeconfig's credentials, with one place that
// turns HTTP and network failures into grader errors, and a count of requests for the benchmark.
// GRADER_KUBE_QPS (requests per second, set by a roster run for each child) caps this process's requests.

import http from 'node:http'
import https from 'node:https'
import type { KubeConfig } from '@kubernetes/client-node'
import { GraderError } from '../errors.js'

const REQUEST_TIMEOUT_MS = 15_000
export const KUBE_QPS_ENV = 'GRADER_KUBE_QPS'

/** What a request does, in RBAC words, so a 403 can say exactly what the grader lacks. */
export interface Access {
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'delete' | 'patch'
  resource: string
  namespace?: string
}

export class KubeHttp {
  /** Requests sent, shared by clients of one run (see KubeLab.uncancellable). */
  readonly counter: { requests: number }
  readonly server: string

  /** `signal`: abort in-flight requests when the run is cancelled; its reason is what they throw. */
  constructor(
    readonly kc: KubeConfig,
    private readonly signal?: AbortSignal,
    counter: { requests: number } = { requests: 0 },
  ) {
    this.counter = counter
    this.server = kc.getCurrentCluster()!.server.replace(/\/+$/, '')
  }

  get requests(): number {
    return this.counter.requests
  }

  /** GET that answers undefined for 404. */
  async get<T>(path: string, access: Access): Promise<T | undefined> {
    const res = await this.request('GET', path, access)
    if (res.status === 404) return undefined
    return res.body as T
  }

  /** GET of a list; a missing API (404, e.g. Trident CRDs not installed) is an empty list. */
  async list<T>(path: string, access: Access): Promise<T[]> {
    const list = await this.get<{ items?: T[] }>(path, access)
    return list?.items ?? []
  }

  async send<T>(method: 'POST' | 'PUT' | 'DELETE' | 'PATCH', path: string, body: unknown, access: Access): Promise<{ status: number; body: T }> {
    const res = await this.request(method, path, access, body)
    return res as { status: number; body: T }
  }

  private async request(method: string, path: string, access: Access, body?: unknown): Promise<{ status: number; body: unknown }> {
    const url = new URL(this.server + path)
    const options: https.RequestOptions = {
      method,
      hostname: url.hostname,
      port: url.port || undefined,
      path: url.pathname + url.search,
      headers: { Accept: 'application/json' },
      timeout: REQUEST_TIMEOUT_MS,
    }
    try {
      await this.kc.applyToHTTPSOptions(options)
    } catch (error) {
      throw new GraderError('CONFIG', `The kubeconfig's credentials for ${this.server} cannot be used (${String((error as Error).message).split('\n')[0]}); check the kubeconfig.`)
    }
    const payload = body === undefined ? undefined : JSON.stringify(body)
    if (payload !== undefined) {
      options.headers = {
        ...options.headers,
        'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
        'Content-Length': Buffer.byteLength(payload),
      }
    }
    await processRateLimiter()?.take()
    this.signal?.throwIfAborted()
    this.counter.requests++
    const transport = url.protocol === 'http:' ? http : https
    const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = transport.request(options, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (c: Buffer) => chunks.push(c))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
        response.on('error', reject)
      })
      const onAbort = () => req.destroy(this.signal!.reason as Error)
      this.signal?.addEventListener('abort', onAbort, { once: true })
      req.on('close', () => this.signal?.removeEventListener('abort', onAbort))
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })))
      req.on('error', reject)
      if (payload !== undefined) req.write(payload)
      req.end()
    }).catch((error: NodeJS.ErrnoException) => {
      if (this.signal?.aborted && error === this.signal.reason) throw error
      throw unreachable(this.server, error)
    })
    const parsed = parseJson(res.text)
    if (res.status >= 200 && res.status < 300) return { status: res.status, body: parsed }
    // 404: not there; 409: a precondition or create raced (the caller decides).
    if (res.status === 404 || res.status === 409) return { status: res.status, body: parsed }
    throw httpError(res.status, parsed, access, this.server)
  }
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
function processRateLimiter(): RateLimiter | undefined {
  const qps = process.env[KUBE_QPS_ENV]
  if (!limiter || limiter.qps !== qps) {
    const n = Number(qps)
    limiter = { qps, limiter: qps && Number.isFinite(n) && n > 0 ? new RateLimiter(n) : undefined }
  }
  return limiter.limiter
}

function unreachable(server: string, error: NodeJS.ErrnoException): GraderError {
  const code = error.code ?? ''
  const why =
    code === 'ECONNREFUSED' ? 'connection refused' :
    code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'host name not found' :
    code === 'ETIMEDOUT' ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` :
    code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ? `TLS verification failed (${code})` :
    code || error.message
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
  const message = typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : `HTTP ${status}`
  return new GraderError('KUBE_API', `The Kubernetes API answered ${status} to ${access.verb} ${access.resource}${where}: ${message}`, { details: { status } })
}

function parseJson(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
