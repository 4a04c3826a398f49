// waitForPod on the grader's HTTP client: events in, the first accepted pod out; a stale resourceVersion
// restarts from now; it stops on its signal even before the server answers; an endless event line is an error.

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { KubeConfig } from '@kubernetes/client-node'
import { afterEach, describe, expect, it } from 'vitest'
import { KubeHttp } from './kube-http.js'
import { waitForPod } from './kube-watch.js'

let server: http.Server | undefined
const seen: string[] = []

afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((r) => server?.close(r) ?? r(undefined))
  server = undefined
  seen.length = 0
})

async function serve(handler: (url: URL, res: http.ServerResponse) => void): Promise<KubeHttp> {
  server = http.createServer((req, res) => {
    seen.push(req.url ?? '')
    handler(new URL(req.url ?? '/', 'http://x'), res)
  })
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
  const kc = new KubeConfig()
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  })
  return new KubeHttp(kc, undefined, undefined, { maxResponseBytes: 4096 })
}

const pod = (name: string, rv: string, phase: string) => ({ kind: 'Pod', metadata: { name, resourceVersion: rv }, status: { phase } })
const event = (type: string, object: unknown) => JSON.stringify({ type, object }) + '\n'

describe('waitForPod', () => {
  it('returns the first pod the predicate accepts; a 410 restarts the watch from now', async () => {
    const kube = await serve((url, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      if (url.searchParams.get('resourceVersion') === 'stale') return res.end(event('ERROR', { kind: 'Status', code: 410 }))
      res.write(event('ADDED', pod('mysql-a', '11', 'Pending')))
      res.write(event('MODIFIED', pod('mysql-a', '12', 'Running')))
    })
    const found = await waitForPod(kube, { namespace: 'alice', labelSelector: 'app=mysql', resourceVersion: 'stale', signal: AbortSignal.timeout(10_000) }, (p) => p.status?.phase === 'Running')
    expect(found.metadata?.name).toBe('mysql-a')
    expect(seen[0]).toMatch(/^\/api\/v1\/namespaces\/alice\/pods\?watch=1&.*labelSelector=app%3Dmysql&resourceVersion=stale/)
    expect(seen[1]).not.toContain('resourceVersion')
    expect(kube.requests).toBe(0) // watches are not counted as requests
  })

  it('stops on its signal while the server has not even sent headers', async () => {
    const kube = await serve(() => {})
    const started = performance.now()
    const reason = new Error('budget')
    const controller = new AbortController()
    setTimeout(() => controller.abort(reason), 200)
    await expect(waitForPod(kube, { namespace: 'alice', signal: controller.signal }, () => true)).rejects.toBe(reason)
    expect(performance.now() - started).toBeLessThan(1500)
  })

  it('gives up an event line past the cap, and an answer that is not the API', async () => {
    const huge = await serve((_url, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"type":"ADDED","object":{"metadata":{"name":"' + 'x'.repeat(10_000))
    })
    await expect(waitForPod(huge, { namespace: 'alice', signal: AbortSignal.timeout(10_000) }, () => true)).rejects.toMatchObject({
      code: 'KUBE_API',
      message: expect.stringContaining('a watch event of more than 4096 bytes'),
    })
    server?.closeAllConnections()
    server?.close()
    const html = await serve((_url, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<html>login</html>')
    })
    await expect(waitForPod(html, { namespace: 'alice', signal: AbortSignal.timeout(10_000) }, () => true)).rejects.toMatchObject({
      code: 'KUBE_API',
      message: expect.stringContaining('HTTP 200 and text/html'),
    })
  })
})
