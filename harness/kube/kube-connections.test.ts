// Requests to one API server share kept-alive connections (client-node alone would open one, and do a TLS
// handshake, per request); the CA still decides whom the grader trusts, and closing the lab closes them.

import { mkdirSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net, { type AddressInfo, type Socket } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { KubeConfig } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrCreateTls, scratchDir, type TlsMaterial } from '@trident-lab/ontap-sim'
import { isGraderError } from '../errors.js'
import { testCa } from '../test-support/test-pki.js'
import { closeKubeConnections } from './kube-connections.js'
import { KubeHttp } from './kube-http.js'

const access = { verb: 'get', resource: 'version' } as const

describe('kept connections to the API server', () => {
  const scratch = scratchDir('kube-connections-')
  let tls: TlsMaterial
  let other: TlsMaterial
  let server: https.Server
  let url: string
  const connections = new Set<Socket>()
  let handshakes = 0

  beforeAll(async () => {
    tls = await loadOrCreateTls(`${scratch.dir}/a`, '127.0.0.1', ['127.0.0.1'])
    other = await loadOrCreateTls(`${scratch.dir}/b`, '127.0.0.1', ['127.0.0.1'])
    server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ gitVersion: 'v1.34.4' }))
    })
    server.on('secureConnection', (socket: Socket) => {
      handshakes++
      connections.add(socket)
      socket.on('close', () => connections.delete(socket))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  }, 30_000)
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((r) => server.close(r))
    scratch.cleanup()
  })

  const kubeconfig = (ca: TlsMaterial) => {
    const kc = new KubeConfig()
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: url, caData: Buffer.from(ca.caCertPem).toString('base64') }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    })
    return kc
  }

  it('sends every request of a kubeconfig over one connection, and closes it with the lab', async () => {
    handshakes = 0
    const kc = kubeconfig(tls)
    const kube = new KubeHttp(kc)
    const second = new KubeHttp(kc) // the lab's uncancellable client shares the kubeconfig
    for (let i = 0; i < 5; i++) expect(await kube.version()).toEqual({ gitVersion: 'v1.34.4' })
    await Promise.all([kube.get('/version', access).catch(() => undefined), second.version()])
    expect(kube.requests + second.requests).toBe(7)
    expect(handshakes).toBeLessThanOrEqual(2) // two requests at once may need a second connection
    expect(connections.size).toBe(handshakes)
    closeKubeConnections(kc)
    await expect.poll(() => connections.size).toBe(0)
  })

  it("trusts only the kubeconfig's CA: a kubeconfig with another CA gets no connection of the first", async () => {
    const trusted = kubeconfig(tls)
    await new KubeHttp(trusted).version()
    const error = await new KubeHttp(kubeconfig(other)).version().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(isGraderError(error), String(error)).toBe(true)
    expect((error as Error).message).toMatch(/certificate|verify|self.signed|issuer/i)
    closeKubeConnections(trusted)
  })

  it('a run stopped while the TLS handshake hangs: the request ends at once, and closing cuts the connect', async () => {
    // A server that accepts TCP and never speaks TLS: undici would wait for its connect timeout (15 s).
    const silent = net.createServer(() => undefined)
    const open = new Set<Socket>()
    silent.on('connection', (socket) => {
      socket.resume()
      open.add(socket)
      socket.on('close', () => open.delete(socket))
    })
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    try {
      const kc = new KubeConfig()
      kc.loadFromOptions({
        clusters: [{ name: 'c', server: `https://127.0.0.1:${(silent.address() as AddressInfo).port}`, caData: Buffer.from(tls.caCertPem).toString('base64') }],
        users: [{ name: 'u', token: 't' }],
        contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
        currentContext: 'x',
      })
      const run = new AbortController()
      const started = performance.now()
      setTimeout(() => run.abort(Object.assign(new Error('stop'), { name: 'GraderError', code: 'CANCELLED' })), 200)
      expect(await new KubeHttp(kc, run.signal).version().catch((e: unknown) => e)).toMatchObject({ code: 'CANCELLED' })
      expect(performance.now() - started).toBeLessThan(1500)
      expect(open.size).toBe(1)
      closeKubeConnections(kc)
      await expect.poll(() => open.size, { timeout: 2000 }).toBe(0)
    } finally {
      silent.close()
    }
  })

  it("takes the kubeconfig's tls-server-name and client certificate: the server sees the grader's certificate, and the name checked is the one given", async () => {
    // A server certificate for a name only (no IP), and a server that asks for a client certificate from the same CA.
    const pki = await namedPki(`${scratch.dir}/named`)
    const seen: string[] = []
    const strict = https.createServer({ cert: pki.serverPem, key: pki.serverKey, ca: pki.caPem, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      seen.push(String((req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? ''))
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ gitVersion: 'v1.34.4' }))
    })
    await new Promise<void>((r) => strict.listen(0, '127.0.0.1', r))
    try {
      const server = `https://127.0.0.1:${(strict.address() as AddressInfo).port}`
      const kubeconfig = (tlsServerName?: string) => {
        const kc = new KubeConfig()
        kc.loadFromOptions({
          clusters: [{ name: 'c', server, caData: Buffer.from(pki.caPem).toString('base64'), tlsServerName }],
          users: [{ name: 'u', certData: Buffer.from(pki.clientPem).toString('base64'), keyData: Buffer.from(pki.clientKey).toString('base64') }],
          contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
          currentContext: 'x',
        })
        return kc
      }
      const withName = kubeconfig('kube.example')
      expect(await new KubeHttp(withName).version()).toEqual({ gitVersion: 'v1.34.4' })
      expect(seen).toEqual(['grader'])
      closeKubeConnections(withName)
      const byIp = kubeconfig()
      const error = await new KubeHttp(byIp).version().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(isGraderError(error), String(error)).toBe(true)
      expect((error as Error).message).toContain('TLS verification failed (ERR_TLS_CERT_ALTNAME_INVALID)')
      closeKubeConnections(byIp)
    } finally {
      strict.closeAllConnections()
      strict.close()
    }
  })

  it("goes through the kubeconfig's proxy-url (an HTTP CONNECT proxy), TLS still checked against the kubeconfig's CA", async () => {
    const tunnels: string[] = []
    const proxy = http.createServer((_req, res) => res.writeHead(405).end())
    proxy.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => {
      tunnels.push(req.url ?? '')
      const [host, port] = (req.url ?? '').split(':')
      const upstream = net.connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(client)
        client.pipe(upstream)
      })
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
    })
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r))
    try {
      const kc = new KubeConfig()
      kc.loadFromOptions({
        clusters: [{ name: 'c', server: url, caData: Buffer.from(tls.caCertPem).toString('base64'), proxyUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` }],
        users: [{ name: 'u', token: 't' }],
        contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
        currentContext: 'x',
      })
      expect(await new KubeHttp(kc).version()).toEqual({ gitVersion: 'v1.34.4' })
      expect(tunnels).toEqual([url.replace('https://', '')])
      closeKubeConnections(kc)
    } finally {
      proxy.closeAllConnections()
      proxy.close()
    }
  })
})

/** A CA, a server certificate for kube.example only, and a client certificate (CN grader), with openssl. */
async function namedPki(dir: string): Promise<{ caPem: string; serverPem: string; serverKey: string; clientPem: string; clientKey: string }> {
  mkdirSync(dir, { recursive: true })
  const ca = await testCa(dir, 'kube-test-ca')
  const server = await ca.leaf('server', 'kube.example', 'subjectAltName=DNS:kube.example\nextendedKeyUsage=serverAuth\n')
  const client = await ca.leaf('client', 'grader', 'extendedKeyUsage=clientAuth\n')
  return { caPem: ca.caPem, serverPem: server.pem, serverKey: server.key, clientPem: client.pem, clientKey: client.key }
}
