// npm run bench [-- --sections one-student,startup,class --rounds 7 --sizes 1,10,40 --parallel 8
//                   --grader auto|built|sources --prefix bench- --keep]
//
// Measures the grader on the lab cluster (Trident double, ONTAP simulator) against the targets of issue 13:
//   one-student  one namespace with the reference setup, graded in turn by the grader and by the yardstick
//                (bench/yardstick.sh: the eight checks with kubectl, jq and ssh), --rounds times each, paired and
//                alternating; medians of wall time, CPU seconds (user+sys of the process tree) and peak memory
//                (summed RSS of the process tree, sampled)
//   startup      `--help`, `--version` and a usage error (`--bogus`, exit 9), --rounds times each
//   class        classes of --sizes students graded with `--roster` (as an instructor runs it), one at a time and
//                with --parallel: per student wall time, pod wait, overhead, API requests, ONTAP sessions, memory;
//                per run the grader's CPU seconds per student, its process tree's peak memory, the machine's CPU
// Every measurement runs the grader as graderInvocation() says (bin/grader.mjs when built; --grader sources or
// built forces one). The namespaces are <prefix>001, <prefix>002, ... (the one-student section uses the first);
// they are removed at the end unless --keep. Results: reports/bench/bench-<time>.{json,md}, and the Markdown on stdout.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { stringify } from 'yaml'
import { K8S_VERSION, startLabCluster } from '@trident-lab/cluster'
import { applyClusterState, applyNamespaceState, graderCommand, labTarget, type LabTarget, loadVariant, REFERENCE, REPO_ROOT, teardownNamespaceState } from '@trident-lab/students'
import { renderBenchMarkdown, summarizeRun, type BenchReport, type BenchRun, type GradedInput, type OneStudentBench, type Sample, type StartupBench } from './bench-report.js'
import { measureCpu } from './cpu-usage.js'
import { graderInvocation as invocation, type GraderChoice } from './grader-invocation.js'
import { measureProcess, type Measured } from './measure-process.js'

const SECTIONS = ['one-student', 'startup', 'class'] as const
type Section = (typeof SECTIONS)[number]
const PASSWORD_ENV = 'BENCH_SVM_PASSWORD'
const YARDSTICK = path.join(REPO_ROOT, 'bench', 'yardstick.sh')
/** The database Deployment of the reference setup (its pods' labels). */
const DATABASE_PODS = 'app=wordpress,tier=mysql'

const { values } = parseArgs({
  options: {
    sections: { type: 'string', default: SECTIONS.join(',') },
    rounds: { type: 'string', default: '7' },
    sizes: { type: 'string', default: '1,10,40' },
    parallel: { type: 'string', default: '8' },
    grader: { type: 'string', default: 'auto' },
    prefix: { type: 'string', default: 'bench-' },
    keep: { type: 'boolean', default: false },
  },
})
const sections = new Set(values.sections!.split(',').map((s) => s.trim()))
for (const s of sections) if (!SECTIONS.includes(s as Section)) throw new Error(`--sections: unknown section ${s} (known: ${SECTIONS.join(', ')})`)
const rounds = wholeNumber(values.rounds!, '--rounds')
const sizes = values.sizes!.split(',').map((s) => wholeNumber(s, '--sizes'))
const parallel = wholeNumber(values.parallel!, '--parallel')
const graderChoice = values.grader as GraderChoice
if (!['auto', 'built', 'sources'].includes(graderChoice)) throw new Error(`--grader ${graderChoice}: auto, built or sources`)
// Chosen once: a build finishing (or starting) during the bench must not switch the grader between measurements.
const chosen = invocation(REPO_ROOT, [], graderChoice)
const graderInvocation = (root: string, flags: string[]) => invocation(root, flags, chosen.choice)
const prefix = values.prefix!
if (!/^[a-z0-9][-a-z0-9]{0,40}$/.test(prefix)) throw new Error(`--prefix ${prefix}: lower-case letters, digits and '-', at most 41 characters`)
const say = (line: string) => process.stderr.write(`[bench] ${line}\n`)
/** Children get this environment and what each adds: nothing of the bench's own (no stray KUBECONFIG, ONTAP_*). */
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANG: 'en_US.UTF-8' }
const outRoot = path.join(REPO_ROOT, 'reports', 'bench')
const report: BenchReport = { grader: chosen.label, classRuns: [] }
say(`grader: ${report.grader}`)

if (sections.has('startup')) report.startup = await benchStartup()

if (sections.has('one-student') || sections.has('class')) {
  const cluster = await startLabCluster()
  const t = await labTarget({ kubeconfigPath: cluster.kubeconfigPath, log: say })
  const variant = loadVariant(REFERENCE)
  const count = Math.max(1, ...(sections.has('class') ? sizes : []))
  const namespaces = Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`)
  // Students a --keep run left behind go first: applying the cluster state makes a new backend, and their volumes
  // would belong to the old one (their pods could not mount them again).
  const ours = new RegExp(`^${prefix}\\d{3}$`)
  const leftovers = (await t.kube.list('/api/v1/namespaces')).map((n) => n.metadata!.name!).filter((name) => ours.test(name))
  if (leftovers.length > 0) say(`removing ${leftovers.length} students left by an earlier run`)
  await eachAtMost(8, leftovers, (ns) => teardownNamespaceState(t, ns))
  await applyClusterState(t, variant)
  say(`setting up ${namespaces.length} student(s) with the reference solution`)
  for (const ns of namespaces) await applyNamespaceState(t, variant, ns)
  try {
    if (sections.has('one-student')) report.oneStudent = await benchOneStudent(t, namespaces[0])
    if (sections.has('class')) {
      for (const size of sizes) {
        for (const p of new Set(size === 1 ? [1] : [1, parallel])) report.classRuns.push(await benchClass(t, namespaces.slice(0, size), p))
      }
    }
  } finally {
    if (!values.keep) {
      say(`removing ${namespaces.length} student(s)`)
      await eachAtMost(8, namespaces, (ns) => teardownNamespaceState(t, ns).catch((e) => say(`removing ${ns} failed: ${(e as Error).message}`)))
    }
  }
}

mkdirSync(outRoot, { recursive: true })
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
writeFileSync(path.join(outRoot, `bench-${stamp}.json`), JSON.stringify(report, null, 2))
const md = renderBenchMarkdown(report)
writeFileSync(path.join(outRoot, `bench-${stamp}.md`), md)
process.stdout.write(md)

// ---- sections

async function benchStartup(): Promise<StartupBench> {
  const result: StartupBench = { help: [], version: [], usageError: [] }
  const cases: Array<[keyof StartupBench, string[]]> = [
    ['help', ['--help']],
    ['version', ['--version']],
    ['usageError', ['--bogus']],
  ]
  for (let i = 0; i < rounds; i++) {
    for (const [key, flags] of cases) {
      const g = graderInvocation(REPO_ROOT, flags)
      result[key].push(sample(await measureProcess(g.file, g.args, { cwd: REPO_ROOT, env: baseEnv, sampleMs: 10 })))
    }
  }
  const m = (xs: Sample[]) => xs.map((x) => (x.wallMs / 1000).toFixed(2)).join(' ')
  say(`startup: --help ${m(result.help)} s; --version ${m(result.version)} s; --bogus ${m(result.usageError)} s`)
  return result
}

async function benchOneStudent(t: LabTarget, namespace: string): Promise<OneStudentBench> {
  const result: OneStudentBench = { namespace, grader: [], script: [] }
  const keys = mkdtempSync(path.join(tmpdir(), 'bench-yardstick-'))
  try {
    // What an instructor's ~/.ssh/known_hosts holds for the SVM: its host key, for the port it listens on.
    const knownHosts = path.join(keys, 'known_hosts')
    writeFileSync(knownHosts, `[${t.ontap.host}]:${t.ontap.sshPort} ${t.ontap.hostPublicKey.split(' ').slice(0, 2).join(' ')}\n`)
    const script = {
      ...baseEnv,
      KUBECONFIG: t.kubeconfigPath,
      KUBECTL: path.join(t.paths.cacheDir, 'labkube', K8S_VERSION, 'bin', 'kubectl'),
      ONTAP_HOST: t.ontap.host,
      ONTAP_PORT: String(t.ontap.sshPort),
      ONTAP_SVM: t.ontap.defaultSvm,
      ONTAP_PASSWORD: t.ontap.password,
      ONTAP_KNOWN_HOSTS: knownHosts,
    }
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? (['grader', 'script'] as const) : (['script', 'grader'] as const)
      for (const who of order) {
        await settled(t, namespace)
        if (who === 'grader') {
          const cmd = graderCommand(t, namespace, path.join(outRoot, 'one-student', `grader-${i + 1}`), ['--lang=en', '--yes'])
          const g = graderInvocation(REPO_ROOT, cmd.args.slice(cmd.args.findIndex((a) => a.startsWith('--student'))))
          const m = await measureProcess(g.file, g.args, { cwd: REPO_ROOT, env: { ...baseEnv, ...cmd.env }, sampleMs: 50, timeoutMs: 600_000 })
          if (m.exitCode !== 0) say(`grader exited ${m.exitCode}:\n${m.stdout}${m.stderr}`)
          result.grader.push(sample(m))
        } else {
          const m = await measureProcess('bash', [YARDSTICK, namespace], { cwd: REPO_ROOT, env: script, sampleMs: 50, timeoutMs: 600_000 })
          const passed = m.stdout.split('\n').filter((l) => l.startsWith('PASS ')).length
          if (m.exitCode !== 0 || passed !== 8) say(`yardstick exited ${m.exitCode} with ${passed} PASS lines:\n${m.stdout}${m.stderr}`)
          result.script.push(sample(m))
        }
        const last = result[who].at(-1)!
        say(`one student, round ${i + 1}/${rounds}, ${who}: ${(last.wallMs / 1000).toFixed(2)} s wall, ${last.cpuSeconds.toFixed(2)} CPU-s, ${last.peakMiB} MiB, exit ${last.exitCode}`)
      }
    }
  } finally {
    rmSync(keys, { recursive: true, force: true })
  }
  return result
}

async function benchClass(t: LabTarget, students: string[], p: number): Promise<BenchRun> {
  const label = `${students.length} student(s), parallel ${p}`
  say(`grading ${label}`)
  const out = path.join(outRoot, `n${students.length}-p${p}`)
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const rosterFile = path.join(out, 'roster.yaml')
  const o = t.ontap
  writeFileSync(
    rosterFile,
    stringify({
      students: students.map((ns) => ({
        id: ns,
        namespace: ns,
        kubeconfig: t.kubeconfigPath,
        svm: o.defaultSvm,
        ontapHost: o.host,
        ontapPort: o.sshPort,
        ontapHostKey: o.hostKeyFingerprint,
        passwordEnv: PASSWORD_ENV,
      })),
    }),
  )
  const flags = [
    `--roster=${rosterFile}`,
    `--out=${out}`,
    `--parallel=${p}`,
    // Every bench student shares the one simulated SVM; real classes have one management LIF each.
    `--ontap-sessions-per-host=${p}`,
    '--kube-qps=1000',
    '--lang=en',
  ]
  for (const ns of students) await settled(t, ns)
  const g = graderInvocation(REPO_ROOT, flags)
  const machine = measureCpu()
  const m = await measureProcess(g.file, g.args, { cwd: REPO_ROOT, env: { ...baseEnv, [PASSWORD_ENV]: o.password }, sampleMs: 250, timeoutMs: 3_600_000 })
  const cpu = { machine: machine.stop().machine, grader: m.cpuSeconds }
  if (m.exitCode !== 0) say(`the class run exited ${m.exitCode}:\n${m.stderr.split('\n').slice(-20).join('\n')}`)
  const run = summarizeRun({ label, students: students.length, parallel: p, wallMs: m.wallMs, peakTreeMiB: m.peakMiB, cpu, exitCode: m.exitCode, graded: gradedStudents(out) })
  say(`${label}: ${(m.wallMs / 1000).toFixed(1)} s, ${m.cpuSeconds.toFixed(1)} grader CPU-s (${(m.cpuSeconds / students.length).toFixed(2)} per student), exit ${m.exitCode}`)
  return run
}

// ---- helpers

function sample(m: Measured): Sample {
  return { wallMs: m.wallMs, cpuSeconds: m.cpuSeconds, peakMiB: m.peakMiB, exitCode: m.exitCode }
}

/** The students of a class run: its class summary's rows, with the stats of each student's scorecard. */
function gradedStudents(out: string): GradedInput[] {
  const classDir = path.join(out, 'class')
  let summary: { students?: Array<{ id: string; durationMs: number; awarded: number; possible: number; reportDir: string }> }
  try {
    summary = JSON.parse(readFileSync(path.join(classDir, 'summary.json'), 'utf8'))
  } catch (e) {
    say(`no class summary in ${classDir}: ${(e as Error).message}`)
    return []
  }
  return (summary.students ?? []).map((s) => {
    let stats: GradedInput['card']['stats']
    try {
      stats = JSON.parse(readFileSync(path.join(classDir, s.reportDir, 'scorecard.json'), 'utf8')).stats
    } catch {
      stats = undefined
    }
    return { id: s.id, durationMs: s.durationMs, card: { stats, totals: { awarded: s.awarded, possible: s.possible } } }
  })
}

/**
 * Waits until the namespace's database runs as one ready pod and nothing else of it is still terminating, so
 * every measured run starts from the same state (the previous run's deleted pod may still be going away).
 */
async function settled(t: LabTarget, namespace: string): Promise<void> {
  const deadline = Date.now() + 120_000
  for (;;) {
    const pods = await t.kube.list(`/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(DATABASE_PODS)}`)
    const ready = (p: (typeof pods)[number]) => p.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True')
    if (pods.length === 1 && !pods[0].metadata?.deletionTimestamp && ready(pods[0])) return
    if (Date.now() > deadline) throw new Error(`the database of ${namespace} did not settle to one ready pod within 120 s (${pods.length} pods)`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Runs `f` on every item, at most `n` at a time (namespace deletions wait for the namespace controller). */
async function eachAtMost<T>(n: number, items: T[], f: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items]
  await Promise.all(
    Array.from({ length: Math.min(n, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await f(item)
    }),
  )
}

function wholeNumber(text: string, flag: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} ${text}: a whole number of at least 1`)
  return n
}
