import { writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { createHmac, randomBytes } from 'node:crypto'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSshOntapClient, type SshOntapClient, type SshOntapClientOptions } from './ssh-client.js'
import { newEd25519Key, startTestSshServer, type TestSshServer } from '../test-support/ssh-test-server.js'
import { expectGraderError } from '../test-support/expect-grader-error.js'
import { ontapOutput as golden } from '../test-support/testdata.js'
import { GraderError } from '../errors.js'

const USER = 'vsadmin'
const PASSWORD = 'Netapp-Secret-9a7f3c'
const PASSPHRASE = 'key-passphrase-51c2e8'
const VOLUME = 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324'
const clientKey = newEd25519Key(PASSPHRASE)

function ontapAnswers(command: string): string {
  if (command.includes('hang')) return 'hang'
  if (command.startsWith('volume show') && command.includes(`-volume ${VOLUME} `)) return `\n${golden('vol-show-fields.txt')}`
  if (command.startsWith('volume show')) return golden('vol-show-no-entries.txt')
  if (command === 'vserver show-aggregates -vserver svmXX') return golden('vserver-show-aggregates-manpage.txt')
  if (command.startsWith('volume qtree show') && command.includes('-qtree trident_pvc_e12460a6')) return golden('volume-qtree-show-instance.txt')
  if (command.startsWith('volume qtree show')) return golden('vol-show-no-entries.txt')
  if (command.startsWith('big')) return 'x'.repeat(64 * 1024)
  return golden('error-not-recognized.txt')
}

let server: TestSshServer
let workDir: string
const clients: SshOntapClient[] = []

function client(options: Partial<SshOntapClientOptions> = {}, target: TestSshServer = server): SshOntapClient {
  const created = createSshOntapClient({
    host: target.host,
    port: target.port,
    user: USER,
    password: PASSWORD,
    hostKey: target.hostKeyFingerprint,
    connectTimeoutMs: 5_000,
    commandTimeoutMs: 5_000,
    ...options,
  })
  clients.push(created)
  return created
}

const failure = expectGraderError

function expectNoSecrets(value: unknown): void {
  const text = inspect(value, { depth: 10 }) + JSON.stringify(value)
  for (const secret of [PASSWORD, PASSPHRASE, ...clientKey.private.split('\n').filter((l) => l.length > 20)]) {
    expect(text).not.toContain(secret)
  }
}

beforeAll(async () => {
  server = await startTestSshServer({ user: USER, password: PASSWORD, authorizedKey: clientKey.public, respond: ontapAnswers })
  workDir = mkdtempSync(join(tmpdir(), 'ontap-ssh-test-'))
})

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
})

afterAll(async () => {
  await server.stop()
  rmSync(workDir, { recursive: true, force: true })
})

describe('logins', () => {
  it('logs in with a password and a pinned fingerprint, and reads the volume', async () => {
    const ontap = client()
    await expect(ontap.getVolume('svmXX', VOLUME)).resolves.toEqual({
      name: VOLUME,
      svm: 'svmXX',
      state: 'online',
      sizeBytes: 20 * 1024 ** 3,
      aggregates: ['aggr1_01'],
      junctionPath: `/${VOLUME}`,
      type: undefined,
      comment: undefined,
    })
    expect(ontap.info).toEqual({
      api: 'ssh',
      target: `ssh ${USER}@127.0.0.1:${server.port}`,
      hostKey: { fingerprint: server.hostKeyFingerprint, keyType: 'ssh-ed25519', trustedBy: 'fingerprint' },
      insecure: undefined,
    })
    expect(server.stats.commands.at(-1)).toBe(`volume show -vserver svmXX -volume ${VOLUME} -fields state,size,aggregate,junction-path,type,comment`)
  })

  it('logs in with an encrypted private key and its passphrase', async () => {
    const ontap = client({ password: undefined, privateKey: clientKey.private, passphrase: PASSPHRASE })
    await expect(ontap.getVolume('svmXX', VOLUME)).resolves.toMatchObject({ state: 'online' })
  })

  it('says when the private key cannot be read, without the key or passphrase', async () => {
    const ontap = client({ password: undefined, privateKey: clientKey.private, passphrase: 'wrong-passphrase-xyz' })
    const error = await failure(ontap.getVolume('svmXX', VOLUME))
    expect(error.code).toBe('CONFIG')
    expect(error.message).toMatch(/SSH private key for vsadmin cannot be read.*wrong passphrase/)
    expectNoSecrets(error)
  })

  it('answers keyboard-interactive password prompts (ONTAP\'s "(user@host) Password:")', async () => {
    const kbd = await startTestSshServer({ user: USER, password: PASSWORD, keyboardInteractiveOnly: true, respond: ontapAnswers })
    try {
      const ontap = client({ hostKey: kbd.hostKeyFingerprint }, kbd)
      await expect(ontap.getVolume('svmXX', VOLUME)).resolves.toMatchObject({ name: VOLUME })
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.close()))
      await kbd.stop()
    }
  })

  it('reports a wrong password as ONTAP_AUTH and does not try again', async () => {
    const ontap = client({ password: 'not-the-password-123' })
    const error = await failure(ontap.getVolume('svmXX', VOLUME))
    expect(error.code).toBe('ONTAP_AUTH')
    expect(error.message).toBe(
      `ONTAP refused the login for user vsadmin on 127.0.0.1:${server.port}: the password (ONTAP_PASSWORD) may be wrong, or the SVM may be stopped (while an SVM is stopped, ONTAP refuses its administrators' logins); check both`,
    )
    const attempts = server.stats.authAttempts
    const again = await failure(ontap.listAggregates())
    expect(again.code).toBe('ONTAP_AUTH')
    expect(server.stats.authAttempts).toBe(attempts)
    expectNoSecrets([error, again])
    expect(inspect(error)).not.toContain('not-the-password-123')
  })

  it('reports a closed port as ONTAP_UNREACHABLE', async () => {
    const port = await freePort()
    const ontap = client({ port })
    const error = await failure(ontap.getVolume('svmXX', VOLUME))
    expect(error.code).toBe('ONTAP_UNREACHABLE')
    expect(error.message).toBe(`cannot reach ONTAP at 127.0.0.1:${port} over SSH (ECONNREFUSED); check the host, the port and the network`)
  })

  it('gives up on a server that never completes the handshake (connect timeout)', async () => {
    const silent = createServer((socket) => socket.on('error', () => undefined))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const port = (silent.address() as AddressInfo).port
      const started = Date.now()
      const error = await failure(client({ port, connectTimeoutMs: 300 }).getVolume('svmXX', VOLUME))
      expect(error.code).toBe('ONTAP_UNREACHABLE')
      expect(error.message).toContain('did not complete an SSH login within 0.3 s')
      expect(Date.now() - started).toBeLessThan(3_000)
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.close()))
      silent.close()
    }
  })
})

describe('host keys', () => {
  it('refuses an unknown host key, names its fingerprint, and never sends the password', async () => {
    const attempts = server.stats.authAttempts
    const error = await failure(client({ hostKey: undefined }).getVolume('svmXX', VOLUME))
    expect(error.code).toBe('ONTAP_HOST_KEY')
    expect(error.message).toContain(`(ssh-ed25519 ${server.hostKeyFingerprint})`)
    expect(error.message).toContain(`--ontap-host-key ${server.hostKeyFingerprint}`)
    expect(error.message).toContain('known_hosts')
    expect(error.details).toMatchObject({ seenFingerprint: server.hostKeyFingerprint, expected: [] })
    expect(server.stats.authAttempts).toBe(attempts)
  })

  it('refuses a changed host key, naming expected and seen fingerprints', async () => {
    const other = 'SHA256:' + randomBytes(32).toString('base64').replace(/=+$/, '')
    const error = await failure(client({ hostKey: other }).getVolume('svmXX', VOLUME))
    expect(error.code).toBe('ONTAP_HOST_KEY')
    expect(error.message).toContain(`has changed: expected ${other}, saw ssh-ed25519 ${server.hostKeyFingerprint}`)
  })

  it('accepts any key when told to, and records that in info', async () => {
    const ontap = client({ hostKey: undefined, insecure: true })
    await ontap.getVolume('svmXX', VOLUME)
    expect(ontap.info.insecure).toBe(true)
    expect(ontap.info.hostKey).toEqual({ fingerprint: server.hostKeyFingerprint, keyType: 'ssh-ed25519', trustedBy: 'insecure' })
  })

  it('accepts a fingerprint written without the prefix or with padding', async () => {
    const bare = server.hostKeyFingerprint.slice('SHA256:'.length) + '='
    await expect(client({ hostKey: bare }).getVolume('svmXX', VOLUME)).resolves.toBeDefined()
  })

  it('rejects something that is not a fingerprint before connecting', () => {
    expect(() => client({ hostKey: 'aa:bb:cc' })).toThrow(/not an SSH host key fingerprint/)
  })

  it('trusts a key from a known_hosts file ([host]:port form)', async () => {
    const file = join(workDir, 'known_hosts')
    const { type, base64 } = server.hostPublicKey
    writeFileSync(file, `# comment\nother.example ssh-rsa AAAAB3NzaC1yc2E=\n[127.0.0.1]:${server.port} ${type} ${base64}\n`)
    const ontap = client({ hostKey: undefined, knownHostsFile: file })
    await ontap.getVolume('svmXX', VOLUME)
    expect(ontap.info.hostKey?.trustedBy).toBe('known_hosts')
  })

  it('trusts a hashed known_hosts entry', async () => {
    const file = join(workDir, 'known_hosts_hashed')
    const salt = randomBytes(20)
    const hash = createHmac('sha1', salt).update(`[127.0.0.1]:${server.port}`).digest('base64')
    writeFileSync(file, `|1|${salt.toString('base64')}|${hash} ${server.hostPublicKey.type} ${server.hostPublicKey.base64}\n`)
    const ontap = client({ hostKey: undefined, knownHostsFile: file })
    await ontap.getVolume('svmXX', VOLUME)
    expect(ontap.info.hostKey?.trustedBy).toBe('known_hosts')
  })

  it('reports a known_hosts entry with another key as a changed key', async () => {
    const file = join(workDir, 'known_hosts_other')
    const otherBlob = (await import('ssh2')).default.utils.parseKey(newEd25519Key().public)
    if (otherBlob instanceof Error) throw otherBlob
    writeFileSync(file, `[127.0.0.1]:${server.port} ssh-ed25519 ${otherBlob.getPublicSSH().toString('base64')}\n`)
    const error = await failure(client({ hostKey: undefined, knownHostsFile: file }).getVolume('svmXX', VOLUME))
    expect(error.code).toBe('ONTAP_HOST_KEY')
    expect(error.message).toContain('has changed')
  })

  it('says when the known_hosts file cannot be read', async () => {
    const error = await failure(client({ hostKey: undefined, knownHostsFile: join(workDir, 'missing') }).getVolume('svmXX', VOLUME))
    expect(error.code).toBe('CONFIG')
    expect(error.message).toContain('cannot read the known_hosts file')
  })
})

describe('commands', () => {
  it('uses one SSH connection for every command of a client', async () => {
    const before = { ...server.stats }
    const ontap = client()
    await Promise.all([ontap.getVolume('svmXX', VOLUME), ontap.getVolume('svmXX', 'trident_pvc_missing'), ontap.listAggregates({ svm: 'svmXX' }), ontap.getVolume('svmXX', VOLUME)])
    expect(server.stats.connections - before.connections).toBe(1)
    expect(server.stats.sessions - before.sessions).toBe(4)
  })

  it('returns undefined for "There are no entries matching your query."', async () => {
    await expect(client().getVolume('svmXX', 'trident_pvc_missing')).resolves.toBeUndefined()
  })

  it('never puts a name ONTAP cannot have into a command line', async () => {
    const commands = server.stats.commands.length
    await expect(client().getVolume('svmXX', 'x; volume delete -volume *')).resolves.toBeUndefined()
    await expect(client().getVolume('svm"; rm', VOLUME)).rejects.toMatchObject({ code: 'CONFIG' })
    expect(server.stats.commands.length).toBe(commands)
  })

  it("lists the SVM's aggregates from the default table of vserver show-aggregates (no guessed -fields)", async () => {
    const list = await client().listAggregates({ svm: 'svmXX', include: ['aggr1_01'] })
    expect(list).toMatchObject({ refused: false, source: 'vserver show-aggregates -vserver svmXX' })
    expect(list.aggregates.map((a) => [a.name, a.ssd, a.media])).toEqual([
      ['aggr1_01', true, 'ssd'],
      ['aggr2_01', false, 'hdd'],
      ['aggr3_fp', false, 'hybrid'],
      ['aggr4_vm', undefined, undefined],
    ])
    expect(server.stats.commands.at(-1)).toBe('vserver show-aggregates -vserver svmXX')
  })

  it('reads a qtree (ontap-nas-economy) from the default view, and undefined when there is none', async () => {
    const ontap = client()
    const flexvol = 'trident_qtree_pool_trident_ABCDEFGHIJ'
    await expect(ontap.getQtree('svmXX', flexvol, 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324')).resolves.toMatchObject({
      volume: flexvol,
      name: 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324',
    })
    expect(server.stats.commands.at(-1)).toBe(`volume qtree show -vserver svmXX -volume ${flexvol} -qtree trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324`)
    await expect(ontap.getQtree('svmXX', flexvol, 'trident_pvc_other')).resolves.toBeUndefined()
    await expect(ontap.getQtree('svmXX', flexvol, '-x; vol delete')).resolves.toBeUndefined()
  })

  it('stops an answer larger than the cap with ONTAP_COMMAND naming the command, and reconnects for the next one', async () => {
    const ontap = client({ maxAnswerBytes: 16 * 1024 })
    const error = await failure(ontap.runCommand('big answer'))
    expect(error.code).toBe('ONTAP_COMMAND')
    expect(error.message).toBe("ONTAP's answer to `big answer` is larger than 16384 bytes; the grader stopped reading it and closed the SSH connection")
    await expect(ontap.getVolume('svmXX', VOLUME)).resolves.toMatchObject({ state: 'online' })
  })

  it("stops a hanging command at once when the run is cancelled, with the run's reason", async () => {
    const run = new AbortController()
    const ontap = client({ commandTimeoutMs: 30_000, signal: run.signal })
    await ontap.getVolume('svmXX', VOLUME)
    const started = performance.now()
    const pending = failure(ontap.runCommand('hang forever'))
    setTimeout(() => run.abort(new GraderError('TIMEOUT', 'the grading run reached its time budget of 1 s')), 200)
    const error = await pending
    expect(error.code).toBe('TIMEOUT')
    expect(error.message).toBe('the grading run reached its time budget of 1 s')
    expect(performance.now() - started).toBeLessThan(2_000)
    // Later calls fail at once with the same reason, and send nothing.
    const commands = server.stats.commands.length
    expect((await failure(ontap.getVolume('svmXX', VOLUME))).code).toBe('TIMEOUT')
    expect(server.stats.commands.length).toBe(commands)
  })

  it('stops waiting for a login that never completes when the run is cancelled', async () => {
    const silent = createServer((socket) => socket.on('error', () => undefined))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const run = new AbortController()
      const ontap = client({ port: (silent.address() as AddressInfo).port, connectTimeoutMs: 30_000, signal: run.signal })
      const started = performance.now()
      setTimeout(() => run.abort(new GraderError('CANCELLED', 'the grading run was stopped (Ctrl-C)')), 100)
      expect(await failure(ontap.getVolume('svmXX', VOLUME))).toMatchObject({ code: 'CANCELLED', message: 'the grading run was stopped (Ctrl-C)' })
      expect(performance.now() - started).toBeLessThan(2_000)
    } finally {
      silent.close()
    }
  })

  it("stops on the call's own signal too (CANCELLED when its reason is not a grader error)", async () => {
    const ontap = client({ commandTimeoutMs: 30_000 })
    const call = new AbortController()
    const pending = failure(ontap.runCommand('hang forever', { signal: call.signal }))
    setTimeout(() => call.abort(), 100)
    expect((await pending).code).toBe('CANCELLED')
  })

  it('times out a hanging command, closes the connection, and reconnects for the next one', async () => {
    const ontap = client({ commandTimeoutMs: 300 })
    await ontap.getVolume('svmXX', VOLUME)
    const before = { ...server.stats }
    const error = await failure(ontap.runCommand('hang forever'))
    expect(error.code).toBe('ONTAP_TIMEOUT')
    expect(error.message).toBe(`ONTAP at 127.0.0.1:${server.port} did not finish \`hang forever\` within 0.3 s; the SSH connection was closed`)
    await expect.poll(() => server.stats.disconnects - before.disconnects).toBe(1)
    await expect(ontap.getVolume('svmXX', VOLUME)).resolves.toBeDefined()
    expect(server.stats.connections - before.connections).toBe(1)
  })

  it('runs show commands in separator mode when asked', async () => {
    const separated = await startTestSshServer({
      user: USER,
      password: PASSWORD,
      respond: (command) => (command.startsWith('set -showseparator "|"; volume show') ? golden('vol-show-separator.txt') : 'Error: no'),
    })
    try {
      const ontap = client({ hostKey: separated.hostKeyFingerprint, cliSeparator: '|' }, separated)
      await expect(ontap.getVolume('svmXX', VOLUME)).resolves.toMatchObject({ sizeBytes: 20 * 1024 ** 3, type: 'rw' })
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.close()))
      await separated.stop()
    }
  })
})

describe('aggregates the user may not read', () => {
  let restricted: TestSshServer
  beforeAll(async () => {
    restricted = await startTestSshServer({
      user: USER,
      password: PASSWORD,
      respond: (command) => (command.startsWith('vserver show-aggregates') ? 'Error: "show-aggregates" is not a recognized command\n' : golden('error-insufficient-privileges.txt')),
    })
  })
  afterAll(() => restricted.stop())

  it('says refused (media unknown, not an error) when every aggregate command is refused', async () => {
    const ontap = client({ hostKey: restricted.hostKeyFingerprint }, restricted)
    await expect(ontap.listAggregates({ svm: 'svmXX' })).resolves.toMatchObject({ aggregates: [], refused: true })
  })

  it('falls back to storage aggregate show', async () => {
    const fallback = await startTestSshServer({
      user: USER,
      password: PASSWORD,
      respond: (command) => (command.startsWith('storage aggregate show') ? golden('storage-aggregate-show-fields.txt') : 'Error: "show-aggregates" is not a recognized command\n'),
    })
    try {
      const ontap = client({ hostKey: fallback.hostKeyFingerprint }, fallback)
      const list = await ontap.listAggregates({ svm: 'svmXX', include: ['aggr3_fp'] })
      expect(list.aggregates).toContainEqual({ name: 'aggr3_fp', ssd: false, media: 'hybrid', reported: 'type=hybrid', storageType: 'hybrid' })
      expect(list.refused).toBe(false)
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.close()))
      await fallback.stop()
    }
  })

  it('reports any other ONTAP error on a volume as ONTAP_COMMAND', async () => {
    const ontap = client({ hostKey: restricted.hostKeyFingerprint }, restricted)
    const error = await failure(ontap.getVolume('svmXX', VOLUME))
    expect(error.code).toBe('ONTAP_COMMAND')
    expect(error.message).toContain('Insufficient privileges')
  })
})

describe('one exec channel per SSH connection', () => {
  for (const mode of ['refuse', 'close'] as const) {
    it(`opens a new connection per command when ONTAP ${mode === 'refuse' ? 'refuses a second channel' : 'closes the connection after a command'}`, async () => {
      const single = await startTestSshServer({ user: USER, password: PASSWORD, respond: ontapAnswers, oneChannel: mode })
      try {
        const ontap = client({ hostKey: single.hostKeyFingerprint }, single)
        await expect(ontap.getVolume('svmXX', VOLUME)).resolves.toMatchObject({ state: 'online' })
        await expect(ontap.listAggregates({ svm: 'svmXX' })).resolves.toMatchObject({ refused: false })
        await expect(ontap.getVolume('svmXX', VOLUME)).resolves.toMatchObject({ state: 'online' })
        expect(single.stats.commands).toHaveLength(3)
        expect(single.stats.connections).toBe(3)
        expect(ontap.usage.sessions).toBe(3)
      } finally {
        await Promise.all(clients.splice(0).map((c) => c.close()))
        await single.stop()
      }
    })
  }
})

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}
