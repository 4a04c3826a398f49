// Every kind of bad input: one clear sentence, the right exit code, no stack trace, no secret.

import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { loadCase } from '../../fixtures/recorded-cluster/recorded-cases.js'
import { scorecardErrors } from '../../harness/scorecard/validate-scorecard.js'
import { baseEnv, gradeRecorded, ROOT } from './grade-recorded.js'

async function cli(args: string[], env: Record<string, string> = {}) {
  const r = await execa(process.execPath, ['--import', 'tsx', join(ROOT, 'harness', 'cli.ts'), ...args], {
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
    const kubeconfig = await tmpFile('kubeconfig', 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: lab, context: {cluster: c, user: u}}]\ncurrent-context: lab\n')
    const r2 = await cli(['--student=alice', `--kubeconfig=${kubeconfig}`, '--context=student-07'])
    expect(r2.exitCode).toBe(9)
    expect(r2.stderr).toContain('Context "student-07" is not in the kubeconfig')
    expect(r2.stderr).toContain('(contexts: lab)')
    oneSentence(r2.stderr)
  })
})

describe('grader errors exit 2 and leave a partial card', () => {
  it('says when the API server cannot be reached', async () => {
    const kubeconfig = await tmpFile('kubeconfig', 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: lab, context: {cluster: c, user: u}}]\ncurrent-context: lab\n')
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
    expect(check.message).toBe("The grader could not check this: The grader's Kubernetes identity may not list persistentvolumeclaims in namespace alice (HTTP 403); grant the grader's RBAC from the README.")
    expect(run.statuses()).toMatchObject({ 'trident-installed': 'passed', 'app-uses-pvc': 'blocked' })
    // pvc-bound erred; what it blocks is not graded either: only trident, backend and the classes count.
    expect(run.card?.totals).toMatchObject({ possible: 45, awarded: 45, error: 1, blocked: 1 })
  })

  it('stops at the run\'s own time budget and keeps what was graded', async () => {
    const run = await gradeRecorded(loadCase('reference'), { args: ['--skip=data-persists', '--timeout=2'], prepare: (s) => s.delay(8000, '/persistentvolumeclaims') })
    expect(run.exitCode).toBe(2)
    expect(run.card?.complete).toBe(false)
    expect(run.card?.runErrors).toEqual([expect.stringContaining("time budget of 2 s ran out")])
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
