// Every kind of bad input: one clear sentence, the right exit code, no stack trace, no secret.

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { find, loadCase, startRecordedApiServer } from '@trident-lab/recorded-cluster'
import { scorecardErrors } from '../../harness/scorecard/validate-scorecard.js'
import { labPoints } from '../../harness/test-support/sample-cards.js'
import { OBJECTIVES } from '../registry.js'
import { baseEnv, gradeRecorded, graderArgs, ROOT } from './grade-recorded.js'

async function cli(args: string[], env: Record<string, string> = {}) {
  const r = await execa(process.execPath, graderArgs(args), {
    cwd: ROOT,
    reject: false,
    stdin: 'ignore',
    extendEnv: false,
    env: { ...baseEnv(), ...env },
  })
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }
}

function oneSentence(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /) // no stack trace
  expect(stderr).toMatch(/^error: [^\n]+\.$/m)
}

async function tmpFile(name: string, text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'bad-input-')), name)
  await writeFile(path, text)
  return path
}

describe('usage errors exit 9', () => {
  it.each([
    [[], 'Missing --student'],
    [['--student=Alice_1'], '--student "Alice_1" is not a valid namespace name'],
    [['--student=alice', '--only=pvc-bond'], '--only names "pvc-bond", which is not an objective'],
    [['--student=alice', '--frobnicate'], 'Unknown option --frobnicate'],
    [['--student=alice', '--lang=fr'], '--lang must be ja or en'],
    [['--student=alice', '--ontap-host=10.0.0.1'], '--ontap-host needs --svm'],
    [['--student=alice', '--ontap-host=10.0.0.1', '--svm=svm01'], 'No ONTAP credentials'],
    [['--student=alice', '--timeout=soon'], '--timeout must be a positive number'],
  ])('%j', async (args, sentence) => {
    const r = await cli(args as string[])
    expect(r.exitCode).toBe(9)
    expect(r.stderr).toContain(sentence)
    oneSentence(r.stderr)
  })

  it('refuses a password given as a flag and does not echo it', async () => {
    const r = await cli(['--student=alice', '--ontap-password=Hunter2-secret'])
    expect(r.exitCode).toBe(9)
    expect(r.stderr).toContain('secrets never go on the command line')
    expect(r.stderr + r.stdout).not.toContain('Hunter2-secret')
  })

  it('names a malformed rubric file and what is wrong in it', async () => {
    const notYaml = await tmpFile('rubric.yaml', 'objectives: [unclosed\n')
    const r1 = await cli(['--student=alice', `--rubric=${notYaml}`, '--kubeconfig=/dev/null'])
    expect(r1.exitCode).toBe(9)
    expect(r1.stderr).toContain('is not valid YAML')
    const badPoints = await tmpFile('rubric.yaml', 'objectives:\n  pvc-bound: {points: lots}\n')
    const r2 = await cli(['--student=alice', `--rubric=${badPoints}`])
    expect(r2.stderr).toContain('`pvc-bound.points` must be a number >= 0')
    oneSentence(r2.stderr)
  })

  it('names a malformed config file, and refuses a password kept in it', async () => {
    const bad = await tmpFile('grader.config.yaml', 'student: alice\nontap:\n  password: netapp123\n')
    const r = await cli([`--config=${bad}`])
    expect(r.exitCode).toBe(9)
    expect(r.stderr).toContain('`ontap.password` looks like a secret')
    expect(r.stderr).not.toContain('netapp123')
  })

  it('reports a kubeconfig that does not exist and a context that is not in it', async () => {
    const r1 = await cli(['--student=alice', '--kubeconfig=/nonexistent/kubeconfig'])
    expect(r1.exitCode).toBe(9)
    expect(r1.stderr).toContain('The kubeconfig /nonexistent/kubeconfig does not exist')
    const kubeconfig = await tmpFile(
      'kubeconfig',
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: lab, context: {cluster: c, user: u}}]\ncurrent-context: lab\n',
    )
    const r2 = await cli(['--student=alice', `--kubeconfig=${kubeconfig}`, '--context=student-07'])
    expect(r2.exitCode).toBe(9)
    expect(r2.stderr).toContain('Context "student-07" is not in the kubeconfig')
    expect(r2.stderr).toContain('(contexts: lab)')
    oneSentence(r2.stderr)
  })

  it('refuses what kubectl refuses in a kubeconfig: a context naming a user it does not have, certificate data that is not PEM', async () => {
    const config = (cluster: string, user: string) =>
      tmpFile(
        'kubeconfig',
        `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"${cluster}}}]\nusers: [{name: u, user: {${user}}}]\ncontexts: [{name: lab, context: {cluster: c, user: ${user ? 'u' : 'nobody'}}}]\ncurrent-context: lab\n`,
      )
    const noUser = await cli(['--student=alice', `--kubeconfig=${await config('', '')}`])
    expect(noUser.exitCode).toBe(9)
    expect(noUser.stderr).toContain('Context "lab" of the kubeconfig')
    expect(noUser.stderr).toContain('names user "nobody", which the kubeconfig does not have')
    oneSentence(noUser.stderr)
    const notPem = Buffer.from('hello, not a certificate').toString('base64')
    const badCa = await cli(['--student=alice', `--kubeconfig=${await config(`, certificate-authority-data: ${notPem}`, 'token: t')}`, '--lang=ja'])
    expect(badCa.exitCode).toBe(9)
    expect(badCa.stderr).toContain('certificate-authority-data は、base64 でエンコードされた PEM の証明書ではありません')
    const badKey = await cli(['--student=alice', `--kubeconfig=${await config('', `client-certificate-data: ${notPem}, client-key-data: ${notPem}`)}`])
    expect(badKey.exitCode).toBe(9)
    expect(badKey.stderr).toContain('The client-certificate-data of the kubeconfig')
  })
})

describe('usage errors in Japanese: the same exit code, one Japanese sentence', () => {
  const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/
  function oneJapaneseSentence(stderr: string): void {
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(stderr).toMatch(/^エラー: [^\n]+。$/m)
    for (const line of stderr.split('\n').filter(Boolean)) expect(line).toMatch(japanese)
  }

  it.each([
    [['--lang=ja'], '--student がありません'],
    [['--lang', 'ja', '--student=Alice_1'], '--student "Alice_1" は namespace 名として使えません'],
    [['--student=alice', '--only=pvc-bond', '--lang=ja'], '--only の "pvc-bond" は課題の ID ではありません'],
    [['--student=alice', '--ontap-host=10.0.0.1', '--lang=ja'], '--ontap-host には --svm が必要です'],
    [['--student=alice', '--timeout=soon', '--lang=ja'], '--timeout には正の数を指定してください'],
    [['--student=alice', '--kubeconfig=no-such-file', '--lang=ja'], 'kubeconfig'],
  ])('%j', async (args, sentence) => {
    const r = await cli(args as string[])
    expect(r.exitCode).toBe(9)
    expect(r.stderr).toContain(sentence)
    oneJapaneseSentence(r.stderr)
  })

  it('an unknown option: the sentence and the first line of the Japanese usage', async () => {
    const r = await cli(['--student=alice', '--frobnicate', '--lang=ja'])
    expect(r.exitCode).toBe(9)
    expect(r.stderr).toContain('--frobnicate というオプションはありません')
    expect(r.stderr).toMatch(/^使い方: npm test -- --student=<namespace>/m)
    oneJapaneseSentence(r.stderr)
  })

  it('takes the language from GRADER_LANG or the locale when --lang is not given, and says a bad --lang in the locale', async () => {
    expect((await cli(['--student=alice', '--timeout=soon'], { GRADER_LANG: 'ja' })).stderr).toContain('--timeout には正の数')
    expect((await cli(['--student=alice', '--timeout=soon'], { LANG: 'ja_JP.UTF-8' })).stderr).toContain('--timeout には正の数')
    const bad = await cli(['--student=alice', '--lang=fr'], { LANG: 'ja_JP.UTF-8' })
    expect(bad.exitCode).toBe(9)
    expect(bad.stderr).toContain('--lang には ja か en を指定してください（"fr" は使えません）')
    expect((await cli(['--student=alice', '--timeout=soon', '--lang=en'], { LANG: 'ja_JP.UTF-8' })).stderr).toContain('--timeout must be a positive number')
  })

  it('prints --help in Japanese', async () => {
    const help = await cli(['--help', '--lang=ja'])
    expect(help.exitCode).toBe(0)
    expect(help.stdout).toMatch(/^使い方: npm test -- --student=<namespace>/)
    expect(help.stdout).toContain('終了コード: 0 すべて合格')
    expect((await cli(['--help'], { LANG: 'ja_JP.UTF-8' })).stdout).toMatch(/^使い方: /)
  })
})

const KUBECONFIG = (server: string) =>
  `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${server}"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: lab, context: {cluster: c, user: u}}]\ncurrent-context: lab\n`
const ONTAP = ['--ontap-host=10.0.0.1', '--svm=svm01']

describe('usage errors are caught before grading (issue 12 item 9): exit 9, one sentence', () => {
  it('refuses an --out that is a file, or that cannot be made under a file', { timeout: 60_000 }, async () => {
    const file = await tmpFile('report.txt', 'not a folder')
    const r1 = await cli(['--student=alice', `--out=${file}`])
    expect(r1.exitCode).toBe(9)
    expect(r1.stderr).toContain(`--out names ${file}, which is a file: name a folder for the reports.`)
    oneSentence(r1.stderr)
    const r2 = await cli(['--student=alice', `--out=${file}/alice`])
    expect(r2.exitCode).toBe(9)
    expect(r2.stderr).toContain(`which cannot be made: ${file} is a file, not a folder.`)
    oneSentence(r2.stderr)
  })

  it.each([['ftp://10.0.0.1:6443'], ['not a url'], ['https://10.0.0.1:6443/?x=1']])('refuses a kubeconfig whose server is %j', async (server) => {
    const kubeconfig = await tmpFile('kubeconfig', KUBECONFIG(server))
    const r = await cli(['--student=alice', `--kubeconfig=${kubeconfig}`])
    expect(r.exitCode).toBe(9)
    expect(r.stderr).toMatch(/^error: The kubeconfig's server .*(https|URL)[^\n]*\.$/m)
    oneSentence(r.stderr)
  })

  it('never shows credentials of a kubeconfig server URL, even in its usage error', async () => {
    const kubeconfig = await tmpFile('kubeconfig', KUBECONFIG('ftp://admin:S3cret-kube-pw@10.0.0.1'))
    const r = await cli(['--student=alice', `--kubeconfig=${kubeconfig}`])
    expect(r.exitCode).toBe(9)
    expect(r.stderr + r.stdout).not.toContain('S3cret-kube-pw')
  })

  it.each([
    [['--ontap-port=70000', ...ONTAP], '--ontap-port must be a port number from 1 to 65535, not "70000".'],
    [['--ontap-port=22.5', ...ONTAP], '--ontap-port must be a port number from 1 to 65535, not "22.5".'],
    [['--ontap-host=10.0.0.1', '--svm=svm01;system node halt'], '--svm "svm01;system node halt" is not an SVM name'],
    [['--ontap-host=10.0.0.1', '--svm=-svm01'], '--svm "-svm01" is not an SVM name'],
    [['--timeout=2200000'], '--timeout must be at most 86400, not "2200000".'],
    [['--persist-timeout=3601'], '--persist-timeout must be at most 3600, not "3601".'],
    [['--ontap-timeout=601', ...ONTAP], '--ontap-timeout must be at most 600, not "601".'],
    [['--timeout=60', '--timeout=600'], '--timeout was given more than once; give each option once.'],
    [['--only=pvc-bound', '--skip=ontap-volume', '--only=app-uses-pvc'], '--only was given more than once; give each option once.'],
    [['--self-check', '--self-check'], '--self-check was given more than once; give each option once.'],
    [['--post=http://lms.example/hook'], '--post names a plain http:// URL; use https://, or add --post-allow-http if the receiver is on a trusted network.'],
    [['--post-allow-http'], '--post-allow-http applies to --post: give the webhook URL too.'],
  ])('%j', async (args, sentence) => {
    const r = await cli(['--student=alice', ...(args as string[])], { ONTAP_PASSWORD: 'Lab-Passw0rd-7', GRADER_WEBHOOK_SECRET: 'whsec-0123456789abcdef' })
    expect(r.exitCode).toBe(9)
    expect(r.stderr).toContain(sentence)
    oneSentence(r.stderr)
  })

  it('refuses a CA or key file that is not PEM, and a password file or key that is a folder', { timeout: 120_000 }, async () => {
    const notPem = await tmpFile('ca.txt', 'hello, I am not a certificate\n')
    const folder = await mkdtemp(join(tmpdir(), 'bad-input-folder-'))
    const cases: Array<[string[], Record<string, string>, string]> = [
      [[...ONTAP, '--ontap-api=rest', `--ontap-ca=${notPem}`], { ONTAP_PASSWORD: 'Lab-Passw0rd-7' }, `--ontap-ca names ${notPem}, which is not a PEM certificate (-----BEGIN CERTIFICATE-----).`],
      [ONTAP, { ONTAP_SSH_KEY: notPem }, `ONTAP_SSH_KEY names ${notPem}, which is not a PEM or OpenSSH private key (-----BEGIN ... PRIVATE KEY-----).`],
      [ONTAP, { ONTAP_PASSWORD_FILE: folder }, `ONTAP_PASSWORD_FILE names ${folder}, which is a folder, not a file.`],
      [ONTAP, { ONTAP_SSH_KEY: folder }, `ONTAP_SSH_KEY names ${folder}, which is a folder, not a file.`],
    ]
    for (const [args, env, sentence] of cases) {
      const r = await cli(['--student=alice', ...args], env)
      expect(r.exitCode, sentence).toBe(9)
      expect(r.stderr).toContain(sentence)
      oneSentence(r.stderr)
    }
  })

  it('refuses rubric points that would overflow or print as 10.299999999999999, and a pod wait no timer can hold', { timeout: 120_000 }, async () => {
    for (const [yaml, sentence] of [
      ['objectives:\n  pvc-bound: {points: 10.299999999999999}\n', '`pvc-bound.points` must be at most 1000 with at most two decimals, not 10.299999999999999'],
      ['objectives:\n  pvc-bound: {points: 1e308}\n', '`pvc-bound.points` must be at most 1000 with at most two decimals'],
      ['parameters:\n  persistTimeoutSeconds: 2200000\n', '`parameters.persistTimeoutSeconds` must be at most 3600'],
    ]) {
      const rubric = await tmpFile('rubric.yaml', yaml)
      const r = await cli(['--student=alice', `--rubric=${rubric}`])
      expect(r.exitCode, sentence).toBe(9)
      expect(r.stderr).toContain(sentence)
      oneSentence(r.stderr)
    }
  })

  it('refuses roster ids that collide: the class summary folder, or ids that differ only in case; and a CSV header with a repeated column', { timeout: 120_000 }, async () => {
    const cases: Array<[string, string, string]> = [
      ['class.yaml', 'students:\n  - {id: alice}\n  - {id: Class, namespace: other}\n', 'uses the id "Class", which is the name of the class summary folder; rename that student.'],
      ['class.yaml', 'students:\n  - {id: Alice, namespace: alice}\n  - {id: alice}\n', 'lists the ids "Alice" and "alice", which differ only in case'],
      ['class.csv', 'id,namespace,ontap_host,ontapHost\nalice,alice,10.0.0.1,10.0.0.2\n', 'has the column `ontapHost` more than once in its header; keep one.'],
      ['class.csv', 'id,namespace,id\nalice,alice,bob\n', 'has the column `id` more than once in its header; keep one.'],
      ['class.yaml', 'students:\n  - {id: alice, ontapHost: 10.0.0.1, svm: svm01, passwordFile: .}\n', "The roster's passwordFile for alice names"],
    ]
    for (const [name, text, sentence] of cases) {
      const roster = await tmpFile(name, text)
      const r = await cli([`--roster=${roster}`])
      expect(r.exitCode, sentence).toBe(9)
      expect(r.stderr).toContain(sentence)
      oneSentence(r.stderr)
    }
  })
})

/** What a student can put in a status field: a fake PASS line, colours, a terminal title, NUL, bidi, XML-forbidden. */
const HOSTILE =
  'x\r  PASS data-persists 20/20\n  PASS ontap-volume 10/10\x1b[2K\x1b[32mPASS\x1b[0m\x1b]0;pwned\x07\x00\x08\x9b2J \u202eevil\u202c \u2066x\u2069 \ufffe\uffff https://admin:S3cret-url-pw@evil.example/x'
/** Raw characters that must reach no output: ESC, CR, NUL, BEL, BS, one-byte CSI, bidi overrides and isolates, U+FFFE/F. */
const UNSAFE = /[\u0000\u0007\u0008\u000d\u001b\u009b\u202a-\u202e\u2066-\u2069\ufffe\uffff]/

function hostileCluster() {
  const objects = loadCase('reference')
  Object.assign(find(objects, 'TridentBackend', 'tbe-x7k2p'), { state: 'failed', online: false, stateReason: HOSTILE })
  return objects
}

/** No unsafe raw character in a text output, nor in any string of a JSON one (JSON would escape, a reader unescape). */
function expectNeutralised(name: string, text: string): void {
  const strings = name.endsWith('.json') ? jsonStrings(JSON.parse(text)) : [name.endsWith('.csv') ? text.replace(/\r\n/g, '\n') : text]
  for (const s of strings) expect(s, name).not.toMatch(UNSAFE)
  expect(text, name).not.toContain('S3cret-url-pw')
}

function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...jsonStrings(v)])
  return []
}

describe('terminal, Markdown and XML safety (issue 12 item 6), through the real CLI', () => {
  it("a student's status text paints no line, colour or title on the console, and reaches no report raw", { timeout: 60_000 }, async () => {
    const run = await gradeRecorded(hostileCluster(), { args: ['--only=backend-online'] })
    expect(run.exitCode).toBe(1)
    expect(run.check('backend-online').status).toBe('failed')
    // Console: no injected line starts with PASS; what the student wrote is shown, escaped, on the FAIL line.
    expectNeutralised('stdout', run.stdout)
    expectNeutralised('stderr', run.stderr)
    expect((run.stdout + run.stderr).split('\n').filter((l) => /^\s*PASS (data-persists|ontap-volume)/.test(l))).toEqual([])
    expect(run.stdout).toContain('x\\x0d  PASS data-persists 20/20\\x0a  PASS ontap-volume 10/10\\x1b[2K\\x1b[32mPASS\\x1b[0m\\x1b]0;pwned\\x07\\x00\\x08\\x9b2J \\u202eevil\\u202c')
    for (const file of ['scorecard.json', 'junit.xml', 'scorecard.md', 'scorecard.html', 'results.json', 'lti-score.json']) {
      expectNeutralised(file, await readFile(join(run.outDir, file), 'utf8'))
    }
    // JUnit is XML 1.0 without forbidden characters; Markdown adds no table row or line of the student's.
    const md = await readFile(join(run.outDir, 'scorecard.md'), 'utf8')
    expect(md.split('\n').filter((l) => l.startsWith('| ')).length).toBe(1 + OBJECTIVES.length)
    expect(scorecardErrors(run.card)).toEqual([])
  })

  it('a class run keeps grader.log, the console and the class summary free of them too', { timeout: 120_000 }, async () => {
    const server = await startRecordedApiServer(hostileCluster())
    const dir = await mkdtemp(join(tmpdir(), 'bad-input-roster-'))
    try {
      await server.writeKubeconfig(join(dir, 'hostile.kubeconfig'))
      await writeFile(join(dir, 'class.yaml'), 'students:\n  - {id: s01, namespace: alice, kubeconfig: hostile.kubeconfig}\n')
      const out = join(dir, 'reports')
      const r = await cli([`--roster=${join(dir, 'class.yaml')}`, `--out=${out}`, '--only=backend-online'], { LANG: 'en_US.UTF-8' })
      expect(r.exitCode).toBe(1)
      expectNeutralised('stdout', r.stdout)
      expectNeutralised('stderr', r.stderr)
      const log = await readFile(join(out, 's01', 'grader.log'), 'utf8')
      expect(log).toContain('x\\x0d  PASS data-persists')
      for (const f of readdirSync(out, { recursive: true })
        .map(String)
        .filter((f) => statSync(join(out, f)).isFile())) {
        expectNeutralised(f, readFileSync(join(out, f), 'utf8'))
      }
    } finally {
      await server.close()
    }
  })
})

describe('size caps on evidence and the card (issue 12 item 2)', () => {
  it('60 large backend configs no longer make a huge card, JUnit or POST body: each cut, and the cut said', { timeout: 60_000 }, async () => {
    const objects = loadCase('reference')
    const config = find(objects, 'TridentBackendConfig', 'backend-svm01')
    for (let i = 0; i < 60; i++) {
      objects.push({
        ...structuredClone(config),
        metadata: { ...config.metadata, name: `huge-${i}`, uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
        status: { ...(config.status as object), message: `${i} ${'m'.repeat(200_000)}` },
      })
    }
    // A failed check: its evidence goes into JUnit's <failure> too.
    Object.assign(find(objects, 'TridentBackend', 'tbe-x7k2p'), { state: 'failed', online: false, stateReason: 'User is not authorized.' })
    const run = await gradeRecorded(objects, { args: ['--only=backend-online'] })
    expect(run.exitCode).toBe(1)
    for (const file of ['scorecard.json', 'junit.xml', 'scorecard.md', 'scorecard.html', 'results.json']) {
      expect(statSync(join(run.outDir, file)).size, file).toBeLessThan(512 * 1024)
    }
    const evidence = run.check('backend-online').evidence
    expect(evidence.find((e) => e.label === 'TridentBackendConfigs')?.truncated).toEqual({ bytes: expect.any(Number), limitBytes: 16 * 1024 })
    expect(evidence.find((e) => e.label === 'TridentBackendConfigs')!.truncated!.bytes).toBeGreaterThan(12_000_000)
    expect(await readFile(join(run.outDir, 'scorecard.md'), 'utf8')).toContain('> Evidence of `backend-online` was truncated: 1 item(s) cut to 16 KiB.')
    expect(await readFile(join(run.outDir, 'junit.xml'), 'utf8')).toMatch(/TridentBackendConfigs: .*\(truncated: \d+ KiB cut to 16 KiB\)/)
    expect(scorecardErrors(run.card)).toEqual([])
  })
})

describe('grader errors exit 2 and leave a partial card', () => {
  it('says when the API server cannot be reached', async () => {
    const kubeconfig = await tmpFile(
      'kubeconfig',
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: lab, context: {cluster: c, user: u}}]\ncurrent-context: lab\n',
    )
    const out = join(await mkdtemp(join(tmpdir(), 'bad-input-')), 'out')
    const r = await cli(['--student=alice', `--kubeconfig=${kubeconfig}`, `--out=${out}`])
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('The Kubernetes API server https://127.0.0.1:1 cannot be reached (connection refused)')
    oneSentence(r.stderr)
    const card = JSON.parse(await readFile(join(out, 'scorecard.json'), 'utf8'))
    expect(card).toMatchObject({ complete: false, runErrors: [expect.stringContaining('cannot be reached')] })
    expect(scorecardErrors(card)).toEqual([])
  })

  it('says when the API server rejects the credentials (401)', async () => {
    const run = await gradeRecorded(loadCase('reference'), { prepare: (s) => s.failWith(401) })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain("rejected the grader's credentials (HTTP 401)")
  })

  it('names the verb and resource the grader may not use (403), as an error that costs no points', async () => {
    const run = await gradeRecorded(loadCase('reference'), { prepare: (s) => s.failWith(403, '/persistentvolumeclaims') })
    expect(run.exitCode).toBe(2)
    const check = run.check('pvc-bound')
    expect(check.status).toBe('error')
    expect(check.awarded).toBe(0)
    expect(check.message).toBe(
      "The grader could not check this: The grader's Kubernetes identity may not list persistentvolumeclaims in namespace alice (HTTP 403); grant the grader's RBAC from the README.",
    )
    const beforeClaim = ['trident-installed', 'backend-online', 'storageclass-ssd', 'storageclass-hdd']
    expect(run.statuses()).toMatchObject({ ...Object.fromEntries(beforeClaim.map((id) => [id, 'passed'])), 'app-uses-pvc': 'blocked' })
    // pvc-bound erred; what it blocks is not graded either: only what passed (trident, backend, the classes) counts.
    const passed = run.card!.checks.filter((c) => c.status === 'passed').map((c) => c.id)
    expect(passed).toEqual(expect.arrayContaining(beforeClaim))
    expect(run.card?.totals).toMatchObject({ possible: labPoints(passed), awarded: labPoints(passed), error: 1, failed: 0 })
    expect(run.card?.totals.blocked).toBeGreaterThanOrEqual(1)
  })

  it("stops at the run's own time budget and keeps what was graded", async () => {
    // The budget covers the whole run from its first request, starting vitest included: room for trident-installed.
    const run = await gradeRecorded(loadCase('reference'), { args: ['--skip=data-persists', '--timeout=8'], prepare: (s) => s.delay(30000, '/persistentvolumeclaims') })
    expect(run.exitCode).toBe(2)
    expect(run.card?.complete).toBe(false)
    expect(run.card?.runErrors).toEqual([expect.stringContaining('time budget of 8 s ran out')])
    expect(run.check('trident-installed').status).toBe('passed')
    expect(run.check('pvc-bound')).toMatchObject({ status: 'error', errorCode: 'TIMEOUT', awarded: 0 })
    expect(scorecardErrors(run.card)).toEqual([])
  })
})

describe('the CLI surface', () => {
  it('prints help and version with exit 0', async () => {
    const help = await cli(['--help'])
    expect(help.exitCode).toBe(0)
    expect(help.stdout).toContain('Usage: npm test -- --student=<namespace>')
    const version = await cli(['--version'])
    expect(version.stdout).toMatch(/^trident-lab-grader \d+\.\d+\.\d+$/)
  })

  it('exits 0 when everything graded passed, 1 when something failed', async () => {
    expect((await gradeRecorded(loadCase('reference'))).exitCode).toBe(0)
    expect((await gradeRecorded(loadCase('reference').filter((o) => o.kind !== 'CSIDriver'))).exitCode).toBe(1)
  })
})
