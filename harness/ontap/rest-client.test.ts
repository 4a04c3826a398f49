import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createHttpsServer, type Server } from 'node:https'
import { createServer as createTcpServer, type AddressInfo } from 'node:net'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { GraderError as GraderErrorClass, type GraderError } from '../errors.js'
import { testCa } from '../test-support/test-pki.js'
import { createRestOntapClient, type RestOntapClientOptions } from './rest-client.js'
import type { OntapClient } from './types.js'
import { expectGraderError } from '../test-support/expect-grader-error.js'

const PASSWORD = 'Rest-Secret-4d9e1b'
const ADMIN_PASSWORD = 'Admin-Secret-77f0aa'
const VOLUME = 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324'

interface Pki {
  caPem: string
  leafKey: string
  leafPem: string
  /** ONTAP's default: self-signed, CN = cluster name, no IP in the certificate. */
  selfKey: string
  selfPem: string
  caFile: string
  selfFile: string
}

let dir: string
let pki: Pki
let caServer: TestHttps
let selfServer: TestHttps
const clients: OntapClient[] = []

interface TestHttps {
  server: Server
  port: number
  tlsConnections: number
  requests: string[]
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ontap-rest-test-'))
  pki = await makePki(dir)
  caServer = await startOntapHttps(pki.leafKey, pki.leafPem)
  selfServer = await startOntapHttps(pki.selfKey, pki.selfPem)
}, 60_000)

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
})

afterAll(async () => {
  for (const s of [caServer, selfServer]) {
    s?.server.closeAllConnections()
    await new Promise((resolve) => s?.server.close(resolve))
  }
  rmSync(dir, { recursive: true, force: true })
})

function client(options: Partial<RestOntapClientOptions> = {}, target: TestHttps = caServer): OntapClient {
  const created = createRestOntapClient({
    host: '127.0.0.1',
    port: target.port,
    user: 'vsadmin',
    password: PASSWORD,
    caFile: pki.caFile,
    connectTimeoutMs: 5_000,
    commandTimeoutMs: 5_000,
    ...options,
  })
  clients.push(created)
  return created
}

async function failure(promise: Promise<unknown>): Promise<GraderError> {
  const error = await expectGraderError(promise)
  expect(inspect(error, { depth: 10 }) + JSON.stringify(error)).not.toContain(PASSWORD)
  expect(inspect(error, { depth: 10 })).not.toContain(Buffer.from(`vsadmin:${PASSWORD}`).toString('base64'))
  return error
}

describe('TLS', () => {
  it('trusts the server through a pinned CA file and reads the volume', async () => {
    const ontap = client()
    await expect(ontap.getVolume('svmXX', VOLUME)).resolves.toEqual({
      name: VOLUME,
      svm: 'svmXX',
      state: 'online',
      sizeBytes: 21474836480,
      aggregates: ['aggr1_01'],
      junctionPath: `/${VOLUME}`,
      type: 'rw',
      comment: undefined,
      isSvmRoot: false,
    })
    expect(ontap.info).toEqual({ api: 'rest', target: `https://127.0.0.1:${caServer.port}/api`, insecure: undefined })
    expect(caServer.requests.at(-1)).toBe(`/api/storage/volumes?svm.name=svmXX&name=${VOLUME}&fields=state,size,aggregates,nas.path,type,comment,is_svm_root`)
  })

  it("trusts ONTAP's own self-signed certificate when pinned, although it does not name the IP", async () => {
    const ontap = client({ caFile: pki.selfFile }, selfServer)
    await expect(ontap.getVolume('svmXX', VOLUME)).resolves.toMatchObject({ state: 'online' })
  })

  it('refuses a certificate from another CA with ONTAP_TLS', async () => {
    const error = await failure(client({ caFile: pki.selfFile }).getVolume('svmXX', VOLUME))
    expect(error.code).toBe('ONTAP_TLS')
    expect(error.message).toMatch(new RegExp(`^the HTTPS certificate of ONTAP at 127.0.0.1:${caServer.port} is not trusted \\(\\w+\\); the CA given \\(.*\\) did not sign it$`))
  })

  it('refuses an unknown CA (no CA given) and says how to fix it', async () => {
    const error = await failure(client({ caFile: undefined }, selfServer).getVolume('svmXX', VOLUME))
    expect(error.code).toBe('ONTAP_TLS')
    expect(error.message).toContain('with --ontap-ca,')
    expect(error.message).toContain('--ontap-insecure-accept-host-key')
  })

  it('skips verification only when told to, and records it', async () => {
    const ontap = client({ caFile: undefined, insecure: true }, selfServer)
    await expect(ontap.getVolume('svmXX', VOLUME)).resolves.toBeDefined()
    expect(ontap.info.insecure).toBe(true)
  })

  it('says when the CA file is missing or holds no certificate', async () => {
    expect((await failure(client({ caFile: join(dir, 'missing.pem') }).getVolume('svmXX', VOLUME))).code).toBe('CONFIG')
    const junk = join(dir, 'junk.pem')
    writeFileSync(junk, 'not a certificate\n')
    const error = await failure(client({ caFile: junk }).getVolume('svmXX', VOLUME))
    expect(error.message).toContain('holds no PEM certificate')
  })
})

describe('answers', () => {
  it('reports 401 as ONTAP_AUTH', async () => {
    const error = await failure(client({ password: 'wrong-password-1' }).getVolume('svmXX', VOLUME))
    expect(error.code).toBe('ONTAP_AUTH')
    expect(error.message).toBe(
      `ONTAP refused the login for user vsadmin on 127.0.0.1:${caServer.port}: the password (ONTAP_PASSWORD) may be wrong, or the SVM may be stopped (while an SVM is stopped, ONTAP refuses its administrators' logins); check both`,
    )
  })

  it('returns undefined when no volume matches, or ONTAP answers 404 with its error body', async () => {
    await expect(client().getVolume('svmXX', 'trident_pvc_missing')).resolves.toBeUndefined()
    await expect(client().getVolume('nosvm', VOLUME)).resolves.toBeUndefined()
  })

  it('reports a 404 without an ONTAP body as "no REST API"', async () => {
    const error = await failure(client().getVolume('norest', VOLUME))
    expect(error.code).toBe('ONTAP_COMMAND')
    expect(error.message).toContain('has no REST API at /api/storage/volumes')
  })

  it("reports other errors with ONTAP's error.message", async () => {
    const error = await failure(client().getVolume('svmXX', 'boom'))
    expect(error.code).toBe('ONTAP_COMMAND')
    expect(error.message).toMatch(/HTTP 500: internal fault$/)
    expect(error.details).toMatchObject({ status: 500, ontapMessage: 'internal fault', ontapCode: '1' })
  })

  it('says refused (media unknown, not an error) when the user may not read aggregates (403)', async () => {
    await expect(client().listAggregates()).resolves.toMatchObject({ aggregates: [], refused: true })
  })

  it('lists aggregates across pages: SSD from storage_type, else disk_type; Trident media only for disk_type ssd', async () => {
    const ontap = client({ user: 'admin', password: ADMIN_PASSWORD })
    const list = await ontap.listAggregates()
    expect(list.refused).toBe(false)
    expect(list.aggregates).toEqual([
      { name: 'aggr1_01', ssd: true, media: 'ssd', reported: 'disk_type=ssd,storage_type=ssd', storageType: 'ssd', diskType: 'ssd' },
      { name: 'aggr2_01', ssd: false, media: undefined, reported: 'disk_type=sas,storage_type=hdd', storageType: 'hdd', diskType: 'sas' },
      { name: 'aggr3_01', ssd: false, media: undefined, reported: 'disk_type=nl_sas', storageType: undefined, diskType: 'nl_sas' },
      // NVMe SSDs are SSD, but Trident's REST driver gives such a pool no media.
      { name: 'aggr4_01', ssd: true, media: undefined, reported: 'disk_type=nvme_ssd', storageType: undefined, diskType: 'nvme_ssd' },
      // What ONTAP shows an SVM user may lack block_storage, or say nothing about the disks: unknown.
      { name: 'aggr5_01', ssd: undefined, media: undefined, reported: 'no block_storage', storageType: undefined, diskType: undefined },
      { name: 'aggr6_01', ssd: undefined, media: undefined, reported: 'disk_type=vm_disk,storage_type=vmdisk', storageType: 'vmdisk', diskType: 'vm_disk' },
    ])
  })

  it('reads a qtree, and undefined when the collection is empty', async () => {
    const ontap = client()
    const flexvol = 'trident_qtree_pool_trident_ABCDEFGHIJ'
    await expect(ontap.getQtree('svmXX', flexvol, 'trident_pvc_q1')).resolves.toEqual({ name: 'trident_pvc_q1', volume: flexvol, svm: 'svmXX', path: `/${flexvol}/trident_pvc_q1` })
    expect(caServer.requests.at(-1)).toBe(`/api/storage/qtrees?svm.name=svmXX&volume.name=${flexvol}&name=trident_pvc_q1&fields=name,volume.name,svm.name,path`)
    await expect(ontap.getQtree('svmXX', flexvol, 'trident_pvc_q2')).resolves.toBeUndefined()
  })

  it('stops a body larger than the cap with ONTAP_COMMAND naming the request', async () => {
    const error = await failure(client({ maxAnswerBytes: 64 * 1024 }).getVolume('svmXX', 'huge'))
    expect(error.code).toBe('ONTAP_COMMAND')
    expect(error.message).toMatch(/^ONTAP's answer to GET \/api\/storage\/volumes\?svm\.name=svmXX&name=huge&fields=\S+ is larger than 65536 bytes; the grader stopped reading it$/)
  })

  it("stops a request at once when the run is cancelled, with the run's reason", async () => {
    const run = new AbortController()
    const ontap = client({ commandTimeoutMs: 30_000, signal: run.signal })
    const started = performance.now()
    const pending = failure(ontap.getVolume('svmXX', 'slow'))
    setTimeout(() => run.abort(new GraderErrorClass('CANCELLED', 'the grading run was stopped (Ctrl-C)')), 150)
    const error = await pending
    expect(error).toMatchObject({ code: 'CANCELLED', message: 'the grading run was stopped (Ctrl-C)' })
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('times out a request that never gets an answer', async () => {
    const error = await failure(client({ commandTimeoutMs: 300 }).getVolume('svmXX', 'slow'))
    expect(error.code).toBe('ONTAP_TIMEOUT')
    expect(error.message).toContain('did not answer GET /api/storage/volumes?')
  })

  it('reports a closed port as ONTAP_UNREACHABLE', async () => {
    const probe = createTcpServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const { port } = probe.address() as AddressInfo
    await new Promise((resolve) => probe.close(resolve))
    const error = await failure(client({ port }).getVolume('svmXX', VOLUME))
    expect(error.code).toBe('ONTAP_UNREACHABLE')
    expect(error.message).toContain('(ECONNREFUSED)')
  })

  it('stops at once when the run is cancelled while the TLS handshake hangs, and close() cuts the connect', async () => {
    const silent = createTcpServer((socket) => socket.resume())
    let open = 0
    silent.on('connection', (socket) => {
      open++
      socket.on('close', () => open--)
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const run = new AbortController()
      const ontap = client({ port: (silent.address() as AddressInfo).port, connectTimeoutMs: 30_000, commandTimeoutMs: 30_000, signal: run.signal })
      const started = performance.now()
      setTimeout(() => run.abort(new GraderErrorClass('CANCELLED', 'the grading run was stopped (Ctrl-C)')), 200)
      expect(await failure(ontap.getVolume('svmXX', VOLUME))).toMatchObject({ code: 'CANCELLED' })
      expect(performance.now() - started).toBeLessThan(2_000)
      expect(open).toBe(1)
      await ontap.close()
      await expect.poll(() => open, { timeout: 2_000 }).toBe(0)
    } finally {
      silent.close()
    }
  })

  it('keeps one HTTPS connection for all requests of a client', async () => {
    const before = caServer.tlsConnections
    const ontap = client()
    await ontap.getVolume('svmXX', VOLUME)
    await ontap.getVolume('svmXX', 'trident_pvc_missing')
    await ontap.listAggregates()
    expect(caServer.tlsConnections - before).toBe(1)
  })
})

async function makePki(directory: string): Promise<Pki> {
  const ca = await testCa(directory, 'grader-test-ca')
  const leaf = await ca.leaf('leaf', 'ontap-test', 'subjectAltName=IP:127.0.0.1,DNS:localhost\n')
  const self = await ca.selfSigned('self', 'cluster1')
  return { caPem: ca.caPem, leafKey: leaf.key, leafPem: leaf.pem, selfKey: self.key, selfPem: self.pem, caFile: ca.caFile, selfFile: self.file }
}

async function startOntapHttps(key: string, cert: string): Promise<TestHttps> {
  const state: TestHttps = { server: undefined as unknown as Server, port: 0, tlsConnections: 0, requests: [] }
  const server = createHttpsServer({ key, cert, keepAlive: true }, (req, res) => {
    state.requests.push(req.url ?? '')
    answerOntap(req, res)
  })
  server.on('secureConnection', () => state.tlsConnections++)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.server = server
  state.port = (server.address() as AddressInfo).port
  return state
}

function answerOntap(req: IncomingMessage, res: ServerResponse): void {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/hal+json' })
    res.end(typeof body === 'string' ? body : JSON.stringify(body))
  }
  const url = new URL(req.url ?? '/', 'https://ontap')
  const auth = req.headers.authorization ?? ''
  const user = { [`Basic ${Buffer.from(`vsadmin:${PASSWORD}`).toString('base64')}`]: 'vsadmin', [`Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`]: 'admin' }[auth]
  if (!user) return send(401, { error: { message: 'User is not authorized.', code: '6691623' } })

  if (url.pathname === '/api/storage/volumes') {
    const svm = url.searchParams.get('svm.name')
    const name = url.searchParams.get('name')
    if (name === 'slow') return
    if (name === 'huge') {
      // A trickle that would never end: the client must stop at its cap.
      res.writeHead(200, { 'content-type': 'application/hal+json' })
      const chunk = Buffer.alloc(16 * 1024, 0x20)
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(chunk)), 5)
      return
    }
    if (svm === 'norest') return send(404, 'Not Found')
    if (svm === 'nosvm') return send(404, { error: { message: "entry doesn't exist", code: '4', target: 'svm.name' } })
    if (name === 'boom') return send(500, { error: { message: 'internal fault', code: '1' } })
    const records =
      name === VOLUME
        ? [
            {
              uuid: '805783f5-7a7c-11e9-bd63-00a0987fafe2',
              name: VOLUME,
              state: 'online',
              size: 21474836480,
              type: 'rw',
              aggregates: [{ name: 'aggr1_01', uuid: 'a1' }],
              svm: { name: 'svmXX', uuid: 's1' },
              nas: { path: `/${VOLUME}` },
              is_svm_root: false,
            },
          ]
        : []
    return send(200, { records, num_records: records.length, _links: { self: { href: req.url } } })
  }
  if (url.pathname === '/api/storage/aggregates') {
    if (user !== 'admin') return send(403, { error: { message: 'not authorized for that command', code: '6' } })
    if (url.searchParams.get('page') === '2') {
      return send(200, {
        records: [
          { name: 'aggr3_01', block_storage: { primary: { disk_type: 'nl_sas' } } },
          { name: 'aggr4_01', block_storage: { primary: { disk_type: 'nvme_ssd' } } },
          { name: 'aggr5_01' },
          { name: 'aggr6_01', block_storage: { storage_type: 'vmdisk', primary: { disk_type: 'vm_disk' } } },
        ],
        num_records: 4,
      })
    }
    return send(200, {
      records: [
        { name: 'aggr1_01', block_storage: { storage_type: 'ssd', primary: { disk_type: 'ssd' } } },
        { name: 'aggr2_01', block_storage: { storage_type: 'hdd', primary: { disk_type: 'sas' } } },
      ],
      num_records: 2,
      _links: { next: { href: '/api/storage/aggregates?fields=block_storage&page=2' } },
    })
  }
  if (url.pathname === '/api/storage/qtrees') {
    const volume = url.searchParams.get('volume.name')
    const records = url.searchParams.get('name') === 'trident_pvc_q1' ? [{ name: 'trident_pvc_q1', path: `/${volume}/trident_pvc_q1`, volume: { name: volume }, svm: { name: 'svmXX' } }] : []
    return send(200, { records, num_records: records.length })
  }
  send(404, { error: { message: 'API not found', code: '3' } })
}
