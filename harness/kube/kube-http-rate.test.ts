// GRADER_KUBE_QPS: the cap a roster run puts on each child's Kubernetes requests.

import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startRecordedApiServer } from '@trident-lab/recorded-cluster'
import { loadKubeConfig } from './kube-config.js'
import { KUBE_QPS_ENV, KubeHttp, RateLimiter } from './kube-http.js'

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

describe('KubeHttp honours GRADER_KUBE_QPS', () => {
  async function timeRequests(n: number): Promise<{ ms: number; served: number }> {
    const server = await startRecordedApiServer([])
    try {
      const path = join(await mkdtemp(join(tmpdir(), 'kube-qps-')), 'kubeconfig')
      await server.writeKubeconfig(path)
      const http = new KubeHttp(loadKubeConfig({ kubeconfigPath: path }))
      const started = performance.now()
      await Promise.all(Array.from({ length: n }, () => http.version()))
      return { ms: performance.now() - started, served: server.requests.length }
    } finally {
      await server.close()
    }
  }

  it('spaces requests out when set', async () => {
    process.env[KUBE_QPS_ENV] = '10'
    const { ms, served } = await timeRequests(13)
    // A burst of 10, then 3 more at 100 ms each.
    expect(served).toBe(13)
    expect(ms).toBeGreaterThanOrEqual(280)
  })

  it('does not limit when unset or not a positive number', async () => {
    process.env[KUBE_QPS_ENV] = 'fast'
    expect((await timeRequests(30)).ms).toBeLessThan(1500)
  })
})
