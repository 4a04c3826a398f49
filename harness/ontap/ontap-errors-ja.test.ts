// The ONTAP clients' errors in both languages: every sentence of the catalogues renders in Japanese with no
// English words of its own, the clients make their errors only from the catalogues, and a real client error carries
// its Japanese with the client's secrets masked in both languages.

import { readFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { trimStop, type ParamsOf } from '../i18n/catalogue.js'
import { ONTAP_ERRORS_EN, type OntapErrors } from '../i18n/ontap-errors-en.js'
import { expectGraderError } from '../test-support/expect-grader-error.js'
import { startTestSshServer, type TestSshServer } from '../test-support/ssh-test-server.js'
import { ontapError, ontapText, type OntapErrorKey } from './ontap-error.js'
import { createSshOntapClient, type SshOntapClientOptions } from './ssh-client.js'

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/
const WHERE = '192.0.2.10:22'
const COMMAND = 'volume show -vserver svm01 -volume vol1 -fields state'
const PATH = '/api/storage/volumes?svm.name=svm01'

/** Sample parameters of every sentence, each branch a sentence takes at least once. */
const SAMPLES: { [K in OntapErrorKey]: ParamsOf<OntapErrors[K]>[] } = {
  'ontap.no-host': [{ api: 'SSH' }, { api: 'REST' }],
  'ontap.no-user': [{ api: 'SSH' }],
  'ontap.api-unknown': [{ api: 'zapi' }],
  'ontap.cancelled': [{ call: { kind: 'command', command: COMMAND } }, { call: { kind: 'login', where: WHERE } }, { call: { kind: 'request', path: PATH } }],
  'ontap.svm-name-invalid': [{ svm: 'svm;01' }],
  'ontap.login-refused': [
    { user: 'vsadmin', where: WHERE, by: 'password' },
    { user: 'vsadmin', where: WHERE, by: 'private-key' },
  ],
  'ontap.unreachable': [
    { where: WHERE, over: 'SSH', code: 'ECONNREFUSED' },
    { where: WHERE, over: 'HTTPS', code: 'EHOSTUNREACH' },
  ],
  'ontap.ssh-no-secret': [{ user: 'vsadmin' }],
  'ontap.ssh-separator-invalid': [{}],
  'ontap.ssh-fingerprint-invalid': [{ text: 'MD5:12:34' }],
  'ontap.ssh-known-hosts-unreadable': [
    { file: 'known_hosts.txt', failure: { code: 'ENOENT', message: "ENOENT: no such file or directory, open 'known_hosts.txt'" } },
    { file: 'known_hosts.txt', failure: { message: 'Xyzzy happened' } },
  ],
  'ontap.ssh-key-unreadable': [
    { user: 'vsadmin', said: 'Xyzzy decrypt failed', passphrase: true },
    { user: 'vsadmin', said: 'Xyzzy encrypted key', passphrase: false },
  ],
  'ontap.ssh-start-failed': [{ said: 'Xyzzy invalid config' }],
  'ontap.ssh-host-key-changed': [{ where: WHERE, expected: ['SHA256:aaaa', 'SHA256:bbbb'], seen: 'ssh-ed25519 SHA256:cccc' }],
  'ontap.ssh-host-key-unknown': [{ where: WHERE, seen: 'ssh-ed25519 SHA256:cccc', fingerprint: 'SHA256:cccc' }],
  'ontap.ssh-login-timeout': [{ where: WHERE, timeoutMs: 15_000 }],
  'ontap.ssh-failed': [{ where: WHERE, said: 'Xyzzy protocol error.' }],
  'ontap.ssh-closed-during-login': [{ where: WHERE }],
  'ontap.ssh-closed-during-command': [{ where: WHERE, command: COMMAND }],
  'ontap.ssh-connection-gone': [{ where: WHERE }],
  'ontap.ssh-exec-refused': [{ where: WHERE, command: COMMAND, said: 'Xyzzy channel open failure' }],
  'ontap.ssh-channel-refused': [
    { where: WHERE, command: COMMAND, refusal: { kind: 'closed' } },
    { where: WHERE, command: COMMAND, refusal: { kind: 'refused', said: 'Xyzzy channel open failure' } },
  ],
  'ontap.ssh-command-timeout': [{ where: WHERE, command: COMMAND, timeoutMs: 300 }],
  'ontap.ssh-answer-too-large': [
    { command: COMMAND, maxBytes: 4 * 1024 * 1024 },
    { command: COMMAND, maxBytes: 65_536 + 1 },
  ],
  'ontap.ssh-command-error': [{ where: WHERE, command: COMMAND, said: 'Error: "xyzzy" is not a recognized command' }],
  'ontap.ssh-answer-unreadable': [{ command: COMMAND, detail: 'Xyzzy printed nothing' }],
  'ontap.ssh-used-after-close': [{}],
  'ontap.ssh-closed-while-connecting': [{}],
  'ontap.rest-no-password': [{ user: 'vsadmin' }],
  'ontap.rest-ca-file-unreadable': [{ file: 'ontap-ca.pem', failure: { code: 'EACCES', message: "EACCES: permission denied, open 'ontap-ca.pem'" } }],
  'ontap.rest-ca-certificate-unreadable': [{ caFile: 'ontap-ca.pem' }, {}],
  'ontap.rest-ca-no-certificate': [{ caFile: 'ontap-ca.pem' }, {}],
  'ontap.rest-connect-timeout': [{ where: WHERE, timeoutMs: 15_000 }],
  'ontap.rest-tls-untrusted': [
    { where: WHERE, reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    { where: WHERE, reason: 'SELF_SIGNED_CERT_IN_CHAIN', caGiven: 'ontap-ca.pem' },
    { where: WHERE, reason: 'SELF_SIGNED_CERT_IN_CHAIN', caGiven: 'PEM' },
  ],
  'ontap.rest-failed': [{ where: WHERE, said: 'Xyzzy socket hang up' }],
  'ontap.rest-timeout': [{ where: WHERE, path: PATH, timeoutMs: 30_000 }],
  'ontap.rest-answer-too-large': [{ path: PATH, maxBytes: 4 * 1024 * 1024 }],
  'ontap.rest-not-json': [{ path: PATH }],
  'ontap.rest-no-api': [{ where: WHERE, path: '/api/storage/volumes' }],
  'ontap.rest-status': [
    { where: WHERE, path: PATH, status: 403, user: 'vsadmin', said: 'Xyzzy not authorized for that command' },
    { where: WHERE, path: PATH, status: 500, user: 'vsadmin' },
  ],
  'ontap.rest-volume-incomplete': [{ path: PATH, volume: 'vol1' }],
}

/** The words a Japanese sentence may keep: names, commands, flags, environment variables, protocols, formats. */
const KEPT = /--[a-z-]+|ONTAP_[A-Z_]+|\b(ONTAP|SSH|REST|HTTPS?|GET|API|CLI|SVM|CA|PEM|JSON|MiB|SHA256|BEGIN|CERTIFICATE|known_hosts|ssh-keygen|ssh|rest|close|svm\d+)\b|-lf\b/g

/** Every text a parameter holds (also without its final period, as a Japanese sentence quotes it), longest first. */
function quoted(params: unknown): string[] {
  const texts: string[] = []
  const walk = (value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') texts.push(String(value), trimStop(String(value)))
    else if (value && typeof value === 'object') Object.values(value).forEach(walk)
  }
  walk(params)
  return texts.sort((a, b) => b.length - a.length)
}

const cases = (Object.entries(SAMPLES) as [OntapErrorKey, object[]][]).flatMap(([key, samples]) => samples.map((params, index) => ({ name: `${key} #${index + 1}`, key, params })))

describe('the ONTAP catalogues', () => {
  it.each(cases)('$name is said in both languages', ({ key, params }) => {
    const { en, ja } = ontapText(key, params as never)
    expect(en).not.toMatch(JAPANESE)
    expect(ja).toMatch(JAPANESE)
    for (const text of [en, ja]) expect(text).not.toMatch(/\[object|=>|undefined|NaN/)
    // What is left of the Japanese once the parameters and the names it may keep are taken out: no English words.
    let rest = ja
    for (const text of quoted(params)) rest = rest.split(text).join(' ')
    expect(rest.replace(KEPT, ' ')).not.toMatch(/[A-Za-z]{2,}/)
  })

  it('has a sample for every sentence', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(ONTAP_ERRORS_EN).sort())
  })

  it('says times and caps in each language', () => {
    expect(ontapText('ontap.ssh-command-timeout', { where: WHERE, command: 'x', timeoutMs: 300 })).toEqual({
      en: `ONTAP at ${WHERE} did not finish \`x\` within 0.3 s; the SSH connection was closed`,
      ja: `${WHERE} の ONTAP で \`x\` が 0.3 秒以内に終わらなかったため、SSH 接続を閉じました。`,
    })
    expect(ontapText('ontap.rest-answer-too-large', { path: '/api', maxBytes: 1000 }).en).toBe("ONTAP's answer to GET /api is larger than 1000 bytes; the grader stopped reading it")
    expect(ontapText('ontap.rest-answer-too-large', { path: '/api', maxBytes: 1000 }).ja).toContain('1000 バイト')
    expect(ontapText('ontap.rest-answer-too-large', { path: '/api', maxBytes: 4 * 1024 * 1024 }).ja).toContain('4 MiB')
  })

  it('ontapError() carries both sentences; a refused login names the password and a stopped SVM as causes', () => {
    const error = ontapError('ONTAP_AUTH', 'ontap.login-refused', { user: 'vsadmin', where: WHERE, by: 'password' }, { details: { a: 1 } })
    expect(error.name).toBe('GraderError')
    expect(error.code).toBe('ONTAP_AUTH')
    expect(error.message).toBe(
      `ONTAP refused the login for user vsadmin on ${WHERE}: the password (ONTAP_PASSWORD) may be wrong, or the SVM may be stopped (while an SVM is stopped, ONTAP refuses its administrators' logins); check both`,
    )
    expect(error.ja).toBe(
      `${WHERE} の ONTAP がユーザー vsadmin のログインを拒否しました。パスワード（ONTAP_PASSWORD）が誤っているか、SVM が停止している可能性があります（SVM の停止中は、その SVM の管理者はログインできません）。両方を確認してください。`,
    )
    expect(error.details).toEqual({ a: 1 })
  })
})

describe('the ONTAP clients', () => {
  it('make their errors only from the catalogues', () => {
    const files = ['connection.ts', 'ssh-client.ts', 'rest-client.ts', 'limits.ts', 'index.ts']
    const makers = files.filter((file) => /new GraderError\(/.test(readFileSync(join(import.meta.dirname, file), 'utf8')))
    expect(makers).toEqual([])
    expect(readFileSync(join(import.meta.dirname, 'ontap-error.ts'), 'utf8').match(/new GraderError\(/g)).toHaveLength(1)
  })
})

describe('a real client error', () => {
  const USER = 'vsadmin'
  const PASSWORD = 'Ontap-Ja-Secret-4d8e1b'
  let server: TestSshServer

  beforeAll(async () => {
    server = await startTestSshServer({ user: USER, password: PASSWORD, respond: (command) => `Error: command failed: "${command}" is not a recognized command` })
  })

  afterAll(async () => {
    await server.stop()
  })

  async function failWith(options: Partial<SshOntapClientOptions>, call: (c: ReturnType<typeof createSshOntapClient>) => Promise<unknown>) {
    const client = createSshOntapClient({
      host: server.host,
      port: server.port,
      user: USER,
      password: PASSWORD,
      hostKey: server.hostKeyFingerprint,
      connectTimeoutMs: 5_000,
      commandTimeoutMs: 5_000,
      ...options,
    })
    try {
      return await expectGraderError(call(client))
    } finally {
      await client.close()
    }
  }

  it('a closed port: ONTAP_UNREACHABLE in Japanese too', async () => {
    const port = await freePort()
    const error = await failWith({ port }, (c) => c.getVolume('svm01', 'vol1'))
    expect(error.code).toBe('ONTAP_UNREACHABLE')
    expect(error.message).toBe(`cannot reach ONTAP at 127.0.0.1:${port} over SSH (ECONNREFUSED); check the host, the port and the network`)
    expect(error.ja).toBe(`127.0.0.1:${port} の ONTAP に SSH で接続できません（ECONNREFUSED）。ホスト、ポート、ネットワークを確認してください。`)
  })

  it('a wrong password: ONTAP_AUTH in Japanese, no password in either language', async () => {
    const wrong = 'Wrong-Ja-Password-77c1'
    const error = await failWith({ password: wrong }, (c) => c.getVolume('svm01', 'vol1'))
    expect(error.code).toBe('ONTAP_AUTH')
    expect(error.ja).toBe(
      `127.0.0.1:${server.port} の ONTAP がユーザー vsadmin のログインを拒否しました。パスワード（ONTAP_PASSWORD）が誤っているか、SVM が停止している可能性があります（SVM の停止中は、その SVM の管理者はログインできません）。両方を確認してください。`,
    )
    const everything = inspect(error, { depth: 10 }) + JSON.stringify({ ...error, message: error.message, ja: error.ja })
    expect(everything).not.toContain(wrong)
    expect(everything).not.toContain(PASSWORD)
  })

  it('quotes the command and the answer as they are in both languages: no value is ever masked, so nothing is an oracle', async () => {
    // An SVM name that happens to be the password looks exactly like any other name.
    const right = await failWith({}, (c) => c.getVolume(PASSWORD, 'vol1'))
    const wrong = await failWith({}, (c) => c.getVolume(`${PASSWORD}x`, 'vol1'))
    expect(right.code).toBe('ONTAP_COMMAND')
    expect(right.message).toContain(`-vserver ${PASSWORD} -volume vol1`)
    expect(right.ja).toMatch(JAPANESE)
    expect(right.ja).toContain(`-vserver ${PASSWORD} -volume vol1`)
    expect(right.message.replaceAll(PASSWORD, 'G')).toBe(wrong.message.replaceAll(`${PASSWORD}x`, 'G'))
    expect(right.message + right.ja).not.toContain('<redacted>')
  })
})

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as AddressInfo).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}
