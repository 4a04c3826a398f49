// What KubeHttp accepts as an answer: bounded in time and size, the API's JSON only, the server named without
// credentials. (The hostile-cluster suite proves the same through the real CLI; these pin the edges.)

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { KubeConfig } from '@kubernetes/client-node'
import { afterEach, describe, expect, it } from 'vitest'
import { isGraderError } from '../errors.js'
import { KubeHttp } from './kube-http.js'

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void
let server: http.Server | undefined

afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((r) => server?.close(r) ?? r(undefined))
  server = undefined
})

async function serve(handler: Handler): Promise<string> {
  server = http.createServer(handler)
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function client(url: string, limits = {}, signal?: AbortSignal): KubeHttp {
  const kc = new KubeConfig()
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: url, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  })
  return new KubeHttp(kc, signal, undefined, limits)
}

async function graderError(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(isGraderError(error), String(error)).toBe(true)
  return error as { code: string; message: string }
}

const access = { verb: 'list', resource: 'storageclasses' } as const
const json = (res: http.ServerResponse, status: number, body: unknown, type = 'application/json') => {
  res.writeHead(status, { 'Content-Type': type })
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

describe('KubeHttp answers', () => {
  it('refuses a body past the cap, whether announced by Content-Length or streamed', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/announced') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '2000' })
        return res.end('x'.repeat(2000))
      }
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"items":[')
      res.end('"x",'.repeat(500) + '"x"]}')
    })
    const kube = client(url, { maxResponseBytes: 1000 })
    for (const path of ['/announced', '/streamed']) {
      const e = await graderError(kube.list(path, access))
      expect(e.code).toBe('KUBE_API')
      expect(e.message).toBe(`The Kubernetes API server ${url} sent more than 1000 bytes for GET ${path}; the grader reads at most 1000 bytes of one answer.`)
    }
  })

  it('ends a request at its own deadline even while bytes keep coming', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      const tick = setInterval(() => res.write(' '), 100)
      res.on('close', () => clearInterval(tick))
    })
    const started = performance.now()
    const e = await graderError(client(url, { requestDeadlineMs: 800 }).list('/slow', access))
    expect(performance.now() - started).toBeLessThan(2000)
    expect(e).toMatchObject({ code: 'KUBE_UNREACHABLE', message: expect.stringContaining('(no complete answer within 0.8 s)') })
  })

  it("throws the run's abort reason at once when the signal aborts mid-request", async () => {
    const url = await serve(() => {})
    const controller = new AbortController()
    const pending = client(url, {}, controller.signal).list('/hang', access)
    setTimeout(() => controller.abort(Object.assign(new Error('stop'), { name: 'GraderError', code: 'CANCELLED' })), 100)
    expect(await pending.catch((e: unknown) => e)).toMatchObject({ code: 'CANCELLED' })
  })

  it('takes a 404 as "not there" only as JSON, empty or plain text; HTML is not the API', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/json') return json(res, 404, { kind: 'Status', code: 404 })
      if (req.url === '/plain') return json(res, 404, '404 page not found\n', 'text/plain; charset=utf-8')
      if (req.url === '/empty') return json(res, 404, '', 'text/plain')
      return json(res, 404, '<html>Not Found</html>', 'text/html')
    })
    const kube = client(url)
    for (const path of ['/json', '/plain', '/empty']) expect(await kube.get(path, { verb: 'get', resource: 'x' }), path).toBeUndefined()
    const e = await graderError(kube.get('/html', { verb: 'get', resource: 'x' }))
    expect(e.message).toContain(`answered GET /html with HTTP 404 and text/html, not the Kubernetes API's JSON`)
  })

  it('reads a 2xx only as JSON of the expected shape', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/text') return json(res, 200, 'ok', 'text/plain')
      if (req.url === '/broken') return json(res, 200, '{"items": [')
      if (req.url === '/array') return json(res, 200, [])
      if (req.url === '/null-items') return json(res, 200, { kind: 'List', items: null, metadata: { resourceVersion: '7' } })
      return json(res, 200, { kind: 'X', metadata: {} })
    })
    const kube = client(url)
    expect((await graderError(kube.list('/text', access))).message).toContain('with HTTP 200 and text/plain')
    expect((await graderError(kube.list('/broken', access))).message).toContain('with HTTP 200 and a body that is not JSON')
    expect((await graderError(kube.list('/array', access))).message).toContain('with JSON that is not an object')
    expect(await kube.listWithVersion('/null-items', access)).toEqual({ items: [], resourceVersion: '7' })
    expect((await graderError(kube.list('/object', access))).message).toContain('with a list without an `items` array')
  })

  it("keeps the server's version printable and short", async () => {
    const url = await serve((_req, res) => json(res, 200, { gitVersion: 'v1.34.4\u001b[2J' + 'x'.repeat(500) }))
    const version = await client(url).version()
    expect(version?.gitVersion).toBe('v1.34.4?[2J' + 'x'.repeat(53))
  })

  it('names the server without user:password@ and refuses to send a path that is not plain', async () => {
    const url = await serve((_req, res) => json(res, 500, { kind: 'Status', message: 'etcd\u001b[31m down\nPASS' }))
    const kube = client(url.replace('http://', 'http://admin:hunter2@'))
    expect(kube.server).toBe(url)
    const e = await graderError(kube.list('/broken', access))
    expect(e.message).toBe('The Kubernetes API answered 500 to list storageclasses cluster-wide: etcd [31m down PASS')
    expect((await graderError(kube.get('/api/v1/persistentvolumes/../namespaces/kube-system/secrets/x', { verb: 'get', resource: 'x' }))).code).toBe('INTERNAL')
  })
})
