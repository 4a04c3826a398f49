// The student's cluster is hostile (DESIGN.md, "Trust"): a misbehaving API server on loopback and crafted
// objects, each graded through the real CLI, as an instructor runs it. Every run must end within its budget
// (plus a small margin) with the right exit code, leave a complete card (every objective present), and print
// no secret, escape sequence or injected line.

import { existsSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterEach, describe, expect, it } from 'vitest'
import { type HostileApiServer, kubeconfigFor, LOGIN_PAGE, type Misbehaviour, startHostileApiServer, startSilentServer } from '@trident-lab/hostile-api'
import { find, loadCase, type RecordedObject } from '@trident-lab/recorded-cluster'
import { OBJECTIVES } from '../registry.js'

const OBJECTIVE_IDS = OBJECTIVES.map((o) => o.id)
import type { Scorecard } from '../../harness/scorecard/scorecard.js'
import { scorecardErrors } from '../../harness/scorecard/validate-scorecard.js'
import { baseEnv, graderArgs, ROOT } from './grade-recorded.js'

/** What a run may take past its budget: stopping the objectives' worker, writing the card, exiting. */
const MARGIN_MS = 4_000

interface Run {
  exitCode: number
  stdout: string
  stderr: string
  card?: Scorecard
  /** scorecard.md and junit.xml as written. */
  reports: string
  /** From the server's first connection (about when the run's first request started) to the process's end. */
  sinceFirstContactMs?: number
  outDir: string
}

const servers: HostileApiServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function tmpDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'hostile-'))
}

async function track(server: Promise<HostileApiServer>): Promise<HostileApiServer> {
  const s = await server
  servers.push(s)
  return s
}

/** `npm test -- --student=alice --kubeconfig=<k> --out=<o> ...`; `signal` is sent once the server has been contacted. */
async function grade(server: HostileApiServer | undefined, args: string[], options: { kubeconfig?: string; signal?: NodeJS.Signals; env?: Record<string, string> } = {}): Promise<Run> {
  const dir = await tmpDir()
  const kubeconfig = options.kubeconfig ?? join(dir, 'kubeconfig')
  if (!options.kubeconfig) await server!.writeKubeconfig(kubeconfig)
  const outDir = join(dir, 'out')
  const child = execa(process.execPath, graderArgs(['--student=alice', `--kubeconfig=${kubeconfig}`, `--out=${outDir}`, '--skip=data-persists', ...args]), {
    cwd: ROOT,
    reject: false,
    stdin: 'ignore',
    extendEnv: false,
    env: { ...baseEnv(), LANG: 'en_US.UTF-8', ...options.env },
    timeout: 120_000,
  })
  if (options.signal) {
    while (!server!.firstContactAt()) await new Promise((r) => setTimeout(r, 50))
    await new Promise((r) => setTimeout(r, 500)) // the run is now waiting in its first request
    child.kill(options.signal)
  }
  const result = await child
  const ended = performance.now()
  const first = server?.firstContactAt()
  const card = await readFile(join(outDir, 'scorecard.json'), 'utf8').then(
    (t) => JSON.parse(t) as Scorecard,
    () => undefined,
  )
  const reports = (await Promise.all(['scorecard.md', 'junit.xml'].map((f) => readFile(join(outDir, f), 'utf8').catch(() => '')))).join('\n')
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr), card, reports, sinceFirstContactMs: first === undefined ? undefined : ended - first, outDir }
}

/** Every objective on the card; the ones that did not finish are `error`, never `failed`; the card is valid. */
function expectCompleteCard(run: Run, errors: string[]): void {
  expect(run.card, run.stderr).toBeDefined()
  const card = run.card!
  expect(card.checks.map((c) => c.id).sort()).toEqual([...OBJECTIVE_IDS].sort())
  for (const id of errors) expect(card.checks.find((c) => c.id === id)?.status, id).toBe('error')
  expect(card.checks.filter((c) => c.status === 'failed')).toEqual([])
  expect(card.totals.awarded).toBe(card.checks.filter((c) => c.status === 'passed').reduce((n, c) => n + c.points, 0))
  expect(scorecardErrors(card)).toEqual([])
}

/** Nothing on the console or in the reports can move the cursor, retitle the terminal or fake a line. */
function expectCleanOutput(run: Run, secrets: string[] = []): void {
  for (const text of [run.stdout, run.stderr, run.reports, JSON.stringify(run.card ?? {})]) {
    expect(text).not.toMatch(/[\u001b\u009b\r\u202e]/)
    expect(text).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/) // no stack trace
    for (const secret of secrets) expect(text).not.toContain(secret)
  }
}

function withinBudget(run: Run, budgetSeconds: number): void {
  expect(run.sinceFirstContactMs, 'the server was never contacted').toBeDefined()
  expect(run.sinceFirstContactMs!).toBeLessThan(budgetSeconds * 1000 + MARGIN_MS)
}

const ALL_BUT_SKIPPED = OBJECTIVE_IDS.filter((id) => id !== 'data-persists' && id !== 'ontap-volume')

describe('the time budget is a hard limit from the first byte', { timeout: 120_000 }, () => {
  it.each([
    ['a server that answers /version one byte every 2 s', () => startHostileApiServer(loadCase('reference'), { mode: 'trickle', on: /^\/version$/, intervalMs: 2000 })],
    ['a server that accepts TCP and never answers', () => startSilentServer('hang')],
    ['a server whose TLS handshake never completes', () => startSilentServer('tls-stall')],
  ])('%s: error at the budget, exit 2, every objective on the card', async (_what, start) => {
    const server = await track(start())
    const run = await grade(server, ['--timeout=5'])
    expect(run.exitCode, run.stderr).toBe(2)
    withinBudget(run, 5)
    expectCompleteCard(run, ALL_BUT_SKIPPED)
    expect(run.card!.checks.find((c) => c.id === 'trident-installed')).toMatchObject({ status: 'error', errorCode: 'TIMEOUT' })
    expect(run.card!.runErrors).toEqual([expect.stringContaining('time budget of 5 s ran out')])
    expect(run.stderr).toMatch(/^error: The run's time budget of 5 s ran out[^\n]*\.$/m)
    expectCleanOutput(run)
  })

  it('a body that trickles in the middle of the run ends at the budget too, keeping what was graded', async () => {
    const server = await track(startHostileApiServer(loadCase('reference'), { mode: 'trickle', on: /\/persistentvolumeclaims$/, intervalMs: 1000 }))
    const run = await grade(server, ['--timeout=8'])
    expect(run.exitCode, run.stderr).toBe(2)
    withinBudget(run, 8)
    expectCompleteCard(run, ['pvc-bound'])
    expect(run.card!.checks.find((c) => c.id === 'trident-installed')?.status).toBe('passed')
    expect(run.card!.checks.find((c) => c.id === 'pvc-bound')?.errorCode).toBe('TIMEOUT')
    expectCleanOutput(run)
  })

  it.each(['SIGINT', 'SIGTERM'] as const)('%s stops a run stuck in its first request within seconds, with a partial card', async (signal) => {
    const server = await track(startSilentServer('hang'))
    const run = await grade(server, ['--timeout=600'], { signal })
    expect(run.exitCode, run.stderr).toBe(2)
    expect(run.sinceFirstContactMs!).toBeLessThan(500 + MARGIN_MS)
    expectCompleteCard(run, ALL_BUT_SKIPPED)
    expect(run.card!.checks.find((c) => c.id === 'pvc-bound')).toMatchObject({ status: 'error', errorCode: 'CANCELLED' })
    expect(run.card!.runErrors).toEqual(['The grading run was cancelled.'])
  })
})

describe('an answer that is too large, or not the Kubernetes API, is a grader error', { timeout: 120_000 }, () => {
  it('a 600 MB list is given up at 16 MiB: error naming the path, exit 2, no crash', async () => {
    const server = await track(startHostileApiServer(loadCase('reference'), { mode: 'huge', on: /\/storageclasses$/, bytes: 600 * 1024 * 1024 }))
    const run = await grade(server, ['--timeout=60'])
    expect(run.exitCode, run.stderr).toBe(2)
    expectCompleteCard(run, ['storageclass-ssd', 'storageclass-hdd'])
    const ssd = run.card!.checks.find((c) => c.id === 'storageclass-ssd')!
    expect(ssd.message).toContain('sent more than 16 MiB for GET /apis/storage.k8s.io/v1/storageclasses')
    expect(server.bytesSent()).toBeLessThan(64 * 1024 * 1024) // it stopped reading, not the server sending
    expect(run.card!.checks.find((c) => c.id === 'trident-installed')?.status).toBe('passed')
    expectCleanOutput(run)
  })

  it('a login page (200 text/html) instead of the API: one sentence naming the server and path, exit 2', async () => {
    const server = await track(startHostileApiServer(loadCase('reference'), { mode: 'html', on: /./ }))
    const run = await grade(server, ['--timeout=30'])
    expect(run.exitCode, run.stderr).toBe(2)
    expect(run.stderr).toMatch(new RegExp(`^error: The server ${server.url} answered GET /version with HTTP 200 and text/html, not the Kubernetes API's JSON[^\\n]*\\.$`, 'm'))
    expectCompleteCard(run, ALL_BUT_SKIPPED)
    expect(run.stdout + run.stderr).not.toContain('Sign in')
    expectCleanOutput(run)
  })

  it('HTML on one list is an error for that objective, not an empty list that fails the student', async () => {
    const server = await track(startHostileApiServer(loadCase('reference'), { mode: 'html', on: /\/persistentvolumeclaims$/ }))
    const run = await grade(server, ['--timeout=30'])
    expect(run.exitCode, run.stderr).toBe(2)
    expectCompleteCard(run, ['pvc-bound'])
    expect(run.card!.checks.find((c) => c.id === 'pvc-bound')?.message).toContain('/api/v1/namespaces/alice/persistentvolumeclaims with HTTP 200 and text/html')
    expect(LOGIN_PAGE).toContain('<form')
  })

  it.each([
    ['a list without items', /\/storageclasses$/, { kind: 'StorageClassList', apiVersion: 'v1', metadata: {} }, 'storageclass-ssd', 'a list without an `items` array'],
    ['a list whose items have no metadata', /\/storageclasses$/, { kind: 'List', items: ['ontap-gold'] }, 'storageclass-ssd', 'a list item without `metadata`'],
    ['an object without kind and metadata', /\/persistentvolumes\//, { spec: {} }, 'pvc-bound', 'an object without `kind` and `metadata`'],
  ])('JSON of the wrong shape (%s) is an error', async (_what, on, body, id, words) => {
    const server = await track(startHostileApiServer(loadCase('reference'), { mode: 'json', on, body } as Misbehaviour))
    const run = await grade(server, ['--timeout=30'])
    expect(run.exitCode, run.stderr).toBe(2)
    expectCompleteCard(run, [id])
    expect(run.card!.checks.find((c) => c.id === id)?.message).toContain(words)
  })

  it('an error Status whose message carries escape sequences and a fake line is printed neutralised', async () => {
    const message = 'boom\u001b[2J\u001b]0;pwned\u0007\r\n  PASS pvc-bound 25/25 \u202eevil'
    const server = await track(
      startHostileApiServer(loadCase('reference'), { mode: 'json', on: /\/persistentvolumeclaims$/, status: 500, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code: 500 } }),
    )
    const run = await grade(server, ['--timeout=30'])
    expect(run.exitCode, run.stderr).toBe(2)
    expectCompleteCard(run, ['pvc-bound'])
    expect(run.stdout).not.toMatch(/^\s*PASS pvc-bound 25\/25/m)
    expectCleanOutput(run)
  })
})

describe('names from the cluster never reach an API path unchecked', { timeout: 120_000 }, () => {
  function crafted(): RecordedObject[] {
    const objects = loadCase('reference')
    const pvc = find(objects, 'PersistentVolumeClaim', 'mysql-pv-claim') as RecordedObject & { spec: { volumeName: string } }
    pvc.spec.volumeName = '../namespaces/kube-system/secrets/admin-token?x=1#'
    objects.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'admin-token', namespace: 'kube-system' }, data: { token: 'QURNSU4tVE9LRU4=' } })
    return objects
  }

  it("a PVC's volumeName that climbs out of /persistentvolumes: the Secret is never requested, the student fails", async () => {
    const server = await track(startHostileApiServer(crafted(), { mode: 'html', on: /^\/never$/ }))
    const run = await grade(server, ['--timeout=30'])
    expect(server.requests.filter((r) => /secrets|\.\.|%2e/i.test(r))).toEqual([])
    expect(server.requests.length).toBeGreaterThan(3)
    expect(run.exitCode, run.stderr).toBe(1)
    expect(run.card!.checks.find((c) => c.id === 'pvc-bound')?.status).toBe('failed')
    expect(JSON.stringify(run.card)).not.toContain('QURNSU4tVE9LRU4=')
    expectCleanOutput(run, ['QURNSU4tVE9LRU4='])
  })

  it("TridentVersion's namespace is checked before any request: no path is built from it", async () => {
    const objects = loadCase('reference')
    find(objects, 'TridentVersion', 'trident').metadata.namespace = 'trident/../../../api/v1/namespaces/kube-system/secrets'
    const server = await track(startHostileApiServer(objects, { mode: 'html', on: /^\/never$/ }))
    const run = await grade(server, ['--timeout=30'])
    expect(server.requests.filter((r) => /secrets|\.\.|%2e|%2f/i.test(r))).toEqual([])
    expect(run.card!.checks.find((c) => c.id === 'trident-installed')?.status).toBe('failed')
    expectCleanOutput(run)
  })
  it("a TridentVersion's version string is kept to printable ASCII and a version's length on the card", async () => {
    const objects = loadCase('reference')
    ;(find(objects, 'TridentVersion', 'trident') as Record<string, unknown>).trident_version = `25.06.0\x1b]0;owned\x07${'9'.repeat(100_000)}`
    const server = await track(startHostileApiServer(objects, { mode: 'html', on: /^\/never$/ }))
    const run = await grade(server, ['--timeout=30', '--only=trident-installed'])
    const version = run.card!.detected?.tridentVersion as string
    expect(version.startsWith('25.06.0?]0;owned?')).toBe(true)
    expect(version.length).toBeLessThanOrEqual(64)
    expectCleanOutput(run)
  })
})

describe('credentials in the kubeconfig never leave it', { timeout: 120_000 }, () => {
  it('a server URL with user:password@ is named without them on the card, the console and in errors', async () => {
    const server = await track(startHostileApiServer(loadCase('reference'), { mode: 'html', on: /\/persistentvolumeclaims$/ }))
    const dir = await tmpDir()
    const kubeconfig = join(dir, 'kubeconfig')
    await server.writeKubeconfig(kubeconfig, server.url.replace('http://', 'http://instructor:S3cr3t-Passw0rd@'))
    const run = await grade(server, ['--timeout=30'], { kubeconfig })
    expect(run.exitCode, run.stderr).toBe(2)
    expect(run.card!.target.kubeServer).toBe(server.url)
    expect(run.card!.checks.find((c) => c.id === 'pvc-bound')?.message).toContain(`The server ${server.url} answered`)
    expectCleanOutput(run, ['S3cr3t-Passw0rd', 'instructor:'])
  })
})

describe('credential commands run only where the instructor chose them', { timeout: 120_000 }, () => {
  async function pluginKubeconfig(server: HostileApiServer, user: (marker: string) => Record<string, unknown>): Promise<{ kubeconfig: string; marker: string }> {
    const dir = await tmpDir()
    const marker = join(dir, 'plugin-ran')
    const kubeconfig = join(dir, 'kubeconfig')
    await writeFile(kubeconfig, kubeconfigFor(server.url, user(marker)))
    return { kubeconfig, marker }
  }
  const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'from-the-plugin' } })
  const execUser = (marker: string) => ({
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: process.execPath,
      args: ['-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, ''); console.log(${JSON.stringify(credential)})`],
      interactiveMode: 'Never',
    },
  })

  it("the instructor's own kubeconfig runs its exec plugin, as kubectl does", async () => {
    const server = await track(startHostileApiServer(loadCase('reference'), { mode: 'html', on: /^\/never$/ }))
    const { kubeconfig, marker } = await pluginKubeconfig(server, execUser)
    const run = await grade(server, ['--timeout=60'], { kubeconfig })
    expect(run.exitCode, run.stderr).toBe(0)
    expect(existsSync(marker)).toBe(true)
  })

  it('an exec plugin that never answers ends at the budget too, and does not outlive the run', async () => {
    const server = await track(startHostileApiServer(loadCase('reference'), { mode: 'html', on: /^\/never$/ }))
    const { kubeconfig, marker } = await pluginKubeconfig(server, (m) => ({
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: process.execPath,
        args: ['-e', `require('fs').writeFileSync(${JSON.stringify(m)}, String(process.pid)); setInterval(() => {}, 1000)`],
      },
    }))
    const started = performance.now()
    const run = await grade(server, ['--timeout=5'], { kubeconfig })
    expect(run.exitCode, run.stderr).toBe(2)
    expect(performance.now() - started).toBeLessThan(30_000) // it ended at the budget, not when the plugin gave up
    expectCompleteCard(run, ALL_BUT_SKIPPED)
    // The plugin was killed with the run: gone, or a zombie waiting to be reaped (state Z in /proc on Linux).
    const pid = Number(await readFile(marker, 'utf8'))
    const alive = async () => {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined)
      if (stat !== undefined) return !/^\d+ \(.*\) Z/.test(stat)
      try {
        process.kill(pid, 0)
        return true
      } catch {
        return false
      }
    }
    for (let i = 0; i < 30 && (await alive()); i++) await new Promise((r) => setTimeout(r, 100))
    expect(await alive()).toBe(false)
  })

  it("the legacy gcp auth-provider's cmd-path is refused everywhere: exit 9, one sentence, nothing run or sent", async () => {
    const server = await track(startHostileApiServer(loadCase('reference'), { mode: 'html', on: /^\/never$/ }))
    const { kubeconfig, marker } = await pluginKubeconfig(server, (m) => ({
      'auth-provider': { name: 'gcp', config: { 'cmd-path': '/bin/sh', 'cmd-args': `-c "touch ${m}"`, 'token-key': '{.token}', 'expiry-key': '{.expiry}' } },
    }))
    const run = await grade(server, ['--timeout=30'], { kubeconfig })
    expect(run.exitCode, run.stderr).toBe(9)
    expect(run.stderr).toMatch(/^error: The kubeconfig \S+ asks the grader to run "\/bin\/sh" for user "grader" \(the "gcp" auth-provider's cmd-path\), which kubectl no longer runs[^\n]*\.$/m)
    expect(existsSync(marker)).toBe(false)
    expect(server.requests).toEqual([])
  })

  async function roster(server: HostileApiServer, extra: string): Promise<{ file: string; marker: string; dir: string }> {
    const { kubeconfig, marker } = await pluginKubeconfig(server, execUser)
    const dir = await tmpDir()
    const file = join(dir, 'class.yaml')
    await writeFile(file, `${extra}students:\n  - {id: alice, kubeconfig: ${JSON.stringify(kubeconfig)}}\n`)
    return { file, marker, dir }
  }

  async function rosterRun(file: string, dir: string, args: string[] = []) {
    return execa(process.execPath, graderArgs([`--roster=${file}`, `--out=${join(dir, 'reports')}`, '--skip=data-persists', '--timeout=60', ...args]), {
      cwd: ROOT,
      reject: false,
      stdin: 'ignore',
      extendEnv: false,
      env: { ...baseEnv(), LANG: 'en_US.UTF-8' },
      timeout: 120_000,
    })
  }

  it('a kubeconfig named in a roster runs no exec plugin unless the roster allows it: exit 9 before anything runs', async () => {
    const server = await track(startHostileApiServer(loadCase('reference'), { mode: 'html', on: /^\/never$/ }))
    const { file, marker, dir } = await roster(server, '')
    const refused = await rosterRun(file, dir)
    expect(refused.exitCode, String(refused.stderr)).toBe(9)
    expect(String(refused.stderr)).toMatch(
      /^error: The kubeconfig named for alice in the roster asks the grader to run the credential plugin "[^"]+" for user "grader"; a kubeconfig named in a roster runs no command unless[^\n]*\.$/m,
    )
    expect(existsSync(marker)).toBe(false)
    expect(server.requests).toEqual([])
    expect(existsSync(join(dir, 'reports'))).toBe(false)
  })

  it("a student's grading job checks its roster kubeconfig again when it loads it (a file swapped after the roster's check)", async () => {
    const server = await track(startHostileApiServer(loadCase('reference'), { mode: 'html', on: /^\/never$/ }))
    const { kubeconfig, marker } = await pluginKubeconfig(server, execUser)
    const run = await grade(server, ['--timeout=30'], { kubeconfig, env: { GRADER_KUBECONFIG_UNVOUCHED: '1' } })
    expect(run.exitCode, run.stderr).toBe(9)
    expect(run.stderr).toMatch(/^error: The kubeconfig \S+ asks the grader to run the credential plugin "[^"]+" for user "grader"; a kubeconfig named in a roster runs no command unless[^\n]*\.$/m)
    expect(existsSync(marker)).toBe(false)
    const tokenFile = await pluginKubeconfig(server, () => ({ 'token-file': join(ROOT, 'package.json') }))
    const leaked = await grade(server, ['--timeout=30'], { kubeconfig: tokenFile.kubeconfig, env: { GRADER_KUBECONFIG_UNVOUCHED: '1' } })
    expect(leaked.exitCode, leaked.stderr).toBe(9)
    expect(leaked.stderr).toContain('has the grader read the token file')
    expect(server.requests).toEqual([])
  })

  it('allowExecPlugins: true in the roster, or --allow-kubeconfig-exec, lets it run', async () => {
    const server = await track(startHostileApiServer(loadCase('reference'), { mode: 'html', on: /^\/never$/ }))
    const allowed = await roster(server, 'allowExecPlugins: true\n')
    const byRoster = await rosterRun(allowed.file, allowed.dir)
    expect(byRoster.exitCode, String(byRoster.stderr)).toBe(0)
    expect(existsSync(allowed.marker)).toBe(true)
    const flagged = await roster(server, '')
    const byFlag = await rosterRun(flagged.file, flagged.dir, ['--allow-kubeconfig-exec'])
    expect(byFlag.exitCode, String(byFlag.stderr)).toBe(0)
    expect(existsSync(flagged.marker)).toBe(true)
  })
})
