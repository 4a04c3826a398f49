// The cap a run puts on its Kubernetes requests (a roster's --kube-qps): a token bucket, shared by the clients of
// that run only (KubeTarget.rateLimit), never by another run in the same process, never read from the environment.

import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startRecordedApiServer } from '@trident-lab/recorded-cluster'
import { loadKubeConfig } from './kube-config.js'
import { endKubeRateLimit, KUBE_QPS_ENV, KubeHttp, newKubeRateLimit, RateLimiter, type KubeRateLimit } from './kube-http.js'

afterEach(() => {
  delete process.env[KUBE_QPS_ENV]
})

describe('RateLimiter', () => {
  it('lets a burst through at once, then one request per 1/qps seconds, in order', async () => {
    const limiter = new RateLimiter(20, 2)
    const started = performance.now()
    const order: number[] = []
    await Promise.all([0, 1, 2, 3, 4, 5].map((i) => limiter.take().then(() => order.push(i))))
    const elapsed = performance.now() - started
    // 2 at once, 4 more at 50 ms each: about 200 ms.
    expect(elapsed).toBeGreaterThanOrEqual(180)
    expect(elapsed).toBeLessThan(2000)
    expect(order).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('refills while idle, up to the burst', async () => {
    // One token per 400 ms: without the refill the second take would wait about 400 ms.
    const limiter = new RateLimiter(2.5, 1)
    await limiter.take()
    await new Promise((r) => setTimeout(r, 450))
    const started = performance.now()
    await limiter.take()
    expect(performance.now() - started).toBeLessThan(200)
  })
})

describe("a run's cap on Kubernetes requests belongs to that run", () => {
  let server: Awaited<ReturnType<typeof startRecordedApiServer>>
  let kubeconfig: string
  beforeAll(async () => {
    server = await startRecordedApiServer([])
    kubeconfig = join(await mkdtemp(join(tmpdir(), 'kube-qps-')), 'kubeconfig')
    await server.writeKubeconfig(kubeconfig)
  })
  afterAll(() => server.close())

  /** A client of a run: its kubeconfig loaded as the run loads it (with the run's cap, if any). */
  const client = (rateLimit?: KubeRateLimit) => new KubeHttp(loadKubeConfig({ kubeconfigPath: kubeconfig, rateLimit }))
  const timed = async (work: Promise<unknown>) => {
    const started = performance.now()
    await work
    return performance.now() - started
  }
  const versions = (http: KubeHttp, n: number) => Promise.all(Array.from({ length: n }, () => http.version()))

  it('spaces out the requests of the clients that carry it, whichever kubeconfig they loaded', async () => {
    const limit = newKubeRateLimit(10)
    try {
      // Two students of one class (two kubeconfigs loaded), one bucket: a burst of 10, then 4 more at 100 ms each.
      expect(await timed(Promise.all([versions(client(limit), 7), versions(client(limit), 7)]))).toBeGreaterThanOrEqual(380)
    } finally {
      endKubeRateLimit(limit)
    }
  })

  it('is never taken by a client of another run, or of a run without a cap, while it is exhausted', async () => {
    const slow = newKubeRateLimit(2)
    const other = newKubeRateLimit(1000)
    try {
      const throttled = versions(client(slow), 6) // 2 at once, then 4 more at 500 ms each: about 2 s
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(await timed(versions(client(), 20))).toBeLessThan(1000)
      expect(await timed(versions(client(other), 20))).toBeLessThan(1000)
      expect(await timed(throttled)).toBeGreaterThanOrEqual(1400)
    } finally {
      endKubeRateLimit(slow)
      endKubeRateLimit(other)
    }
  })

  it('is not read from the environment: the library touches no process-wide state', async () => {
    process.env[KUBE_QPS_ENV] = '1'
    expect(await timed(versions(client(), 5))).toBeLessThan(1000)
  })

  it("an explicit limiter is the client's own", async () => {
    const http = new KubeHttp(loadKubeConfig({ kubeconfigPath: kubeconfig }), undefined, undefined, { rateLimiter: new RateLimiter(5, 1) })
    // 1 at once, then 2 more at 200 ms each.
    expect(await timed(versions(http, 3))).toBeGreaterThanOrEqual(380)
  })
})
