import { createServer, type AddressInfo } from 'node:net'
import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isGraderError } from '../errors.js'
import { createOntapClient, type OntapClientConfig } from './index.js'
import { newEd25519Key, startTestSshServer, type TestSshServer } from '../test-support/ssh-test-server.js'

const PASSWORD = 'Index-Secret-0c1d2e3f'
const PASSPHRASE = 'Index-Passphrase-9f8e7d'
const KEY = newEd25519Key(PASSPHRASE)
const SECRETS = [PASSWORD, PASSPHRASE, ...KEY.private.split('\n').filter((line) => line.length > 20)]

let server: TestSshServer
let closedPort: number

beforeAll(async () => {
  server = await startTestSshServer({
    user: 'vsadmin',
    password: PASSWORD,
    respond: (command) => (command.includes('hang') ? 'hang' : `Error: invalid value "v1" for "-volume"\n`),
  })
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  closedPort = (probe.address() as AddressInfo).port
  await new Promise((resolve) => probe.close(resolve))
})

afterAll(() => server.stop())

function config(overrides: Partial<OntapClientConfig>): OntapClientConfig {
  return {
    api: 'ssh',
    host: '127.0.0.1',
    port: server.port,
    user: 'vsadmin',
    password: PASSWORD,
    privateKey: KEY.private,
    passphrase: PASSPHRASE,
    hostKey: server.hostKeyFingerprint,
    connectTimeoutMs: 3_000,
    commandTimeoutMs: 300,
    ...overrides,
  }
}

function expectNoSecret(value: unknown): void {
  const text = `${inspect(value, { depth: 10, showHidden: true })}\n${JSON.stringify(value)}`
  for (const secret of SECRETS) expect(text).not.toContain(secret)
}

describe('createOntapClient', () => {
  it('builds an SSH or a REST client from one plain config', async () => {
    const ssh = createOntapClient(config({}))
    const rest = createOntapClient(config({ api: 'rest', port: 8443 }))
    expect(ssh.info).toMatchObject({ api: 'ssh', target: `ssh vsadmin@127.0.0.1:${server.port}` })
    expect(rest.info).toMatchObject({ api: 'rest', target: 'https://127.0.0.1:8443/api' })
    await Promise.all([ssh.close(), rest.close()])
  })

  it('rejects an unknown api and missing credentials with CONFIG errors', () => {
    expect(() => createOntapClient(config({ api: 'telnet' as never }))).toThrow(/unknown ONTAP API "telnet"/)
    expect(() => createOntapClient(config({ password: undefined, privateKey: undefined }))).toThrow(/no password or private key/)
    expect(() => createOntapClient(config({ api: 'rest', password: undefined }))).toThrow(/no password for user vsadmin/)
  })
})

describe('no secret in any error, detail or info', () => {
  const failures: [string, Partial<OntapClientConfig>, (c: ReturnType<typeof createOntapClient>) => Promise<unknown>][] = [
    ['unknown host key', { hostKey: undefined }, (c) => c.getVolume('svm01', 'v1')],
    ['changed host key', { hostKey: `SHA256:${'A'.repeat(43)}` }, (c) => c.getVolume('svm01', 'v1')],
    ['wrong password', { password: `${PASSWORD}-wrong`, privateKey: undefined, passphrase: undefined }, (c) => c.getVolume('svm01', 'v1')],
    ['wrong passphrase', { password: undefined, passphrase: `${PASSPHRASE}-wrong` }, (c) => c.getVolume('svm01', 'v1')],
    ['unreachable ssh', { port: 0 }, (c) => c.getVolume('svm01', 'v1')],
    ['ONTAP refuses the command', {}, (c) => c.getVolume('svm01', 'v1')],
    ['hanging command', {}, (c) => (c as unknown as { runCommand(s: string): Promise<string> }).runCommand('hang')],
    ['unreachable rest', { api: 'rest', port: 0 }, (c) => c.getVolume('svm01', 'v1')],
  ]

  it.each(failures)('%s', async (_name, overrides, act) => {
    const resolved = { ...overrides, port: overrides.port === 0 ? closedPort : overrides.port }
    const client = createOntapClient(config(resolved))
    try {
      const error = await act(client).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(isGraderError(error)).toBe(true)
      expectNoSecret(error)
      expectNoSecret((error as { details?: unknown }).details)
      expectNoSecret(client.info)
    } finally {
      await client.close()
    }
  })
})

it("quotes ONTAP's answer as it is: no value is masked (harness/redact.ts)", async () => {
  const client = createOntapClient(config({}))
  try {
    await expect(client.getVolume('svm01', 'v1')).rejects.toMatchObject({
      code: 'ONTAP_COMMAND',
      message: expect.stringContaining('invalid value "v1" for "-volume"'),
    })
  } finally {
    await client.close()
  }
})
