// npm run bench [-- --sizes 1,10,40 --parallel 8 --students-per-process 10 --keep]
//
// Grades N students with the reference setup on the lab cluster (Trident double, ONTAP simulator), once one
// at a time and once with --parallel, and reports per student: wall time, the part spent waiting for the pod
// replacement, grader overhead (the rest), Kubernetes API requests, ONTAP sessions, peak memory; and per run:
// class wall time, the peak memory of all grader processes together, and the CPU seconds of the machine and of
// the grading processes (bench/cpu-usage.ts). Results: reports/bench/.

import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startLabCluster } from '../fixtures/cluster/index.js'
import { applyClusterState, applyNamespaceState, teardownNamespaceState } from '../fixtures/students/setup.js'
import { labTarget, type LabTarget } from '../fixtures/students/lab-target.js'
import { loadVariant, REFERENCE } from '../fixtures/students/variants.js'
import type { GradedStudent } from '../harness/roster/class-summary.js'
import { runRoster } from '../harness/roster/run-roster.js'
import type { RosterConfig } from '../harness/roster/roster-config.js'
import { measureCpu } from './cpu-usage.js'
import { sampleTreeMemory } from './process-memory.js'
import { renderBenchMarkdown, summarizeRun, type BenchRun } from './bench-report.js'

const PASSWORD_ENV = 'BENCH_SVM_PASSWORD'
const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1,10,40' }, parallel: { type: 'string', default: '8' }, 'students-per-process': { type: 'string', default: '10' }, keep: { type: 'boolean', default: false } } })
const sizes = values.sizes!.split(',').map(Number)
const parallel = Number(values.parallel)
const say = (line: string) => process.stderr.write(`[bench] ${line}\n`)

const cluster = await startLabCluster()
const t = await labTarget({ kubeconfigPath: cluster.kubeconfigPath, log: say })
const variant = loadVariant(REFERENCE)
const namespaces = Array.from({ length: Math.max(...sizes) }, (_, i) => `bench-${String(i + 1).padStart(3, '0')}`)
// Students a --keep run left behind go first: applying the cluster state makes a new backend, and their volumes
// would belong to the old one (their pods could not mount them again).
const leftovers = new Set((await t.kube.list('/api/v1/namespaces')).map((n) => n.metadata!.name!).filter((name) => name.startsWith('bench-')))
if (leftovers.size > 0) say(`removing ${leftovers.size} students left by an earlier run`)
for (const ns of leftovers) await teardownNamespaceState(t, ns)
await applyClusterState(t, variant)
say(`setting up ${namespaces.length} students with the reference solution`)
for (const ns of namespaces) await applyNamespaceState(t, variant, ns)

const outRoot = join('reports', 'bench')
const runs: BenchRun[] = []
try {
  for (const size of sizes) {
    for (const p of size === 1 ? [1] : [1, parallel]) runs.push(await benchRun(t, namespaces.slice(0, size), p))
  }
} finally {
  if (!values.keep) for (const ns of namespaces) await teardownNamespaceState(t, ns).catch(() => undefined)
}
mkdirSync(outRoot, { recursive: true })
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
writeFileSync(join(outRoot, `bench-${stamp}.json`), JSON.stringify(runs, null, 2))
const md = renderBenchMarkdown(runs)
writeFileSync(join(outRoot, `bench-${stamp}.md`), md)
process.stdout.write(md)

async function benchRun(t: LabTarget, students: string[], p: number): Promise<BenchRun> {
  const label = `${students.length} student(s), parallel ${p}`
  say(`grading ${label}`)
  const config: RosterConfig = {
    roster: {
      file: 'bench',
      students: students.map((ns) => ({ id: ns, namespace: ns, kubeconfig: t.kubeconfigPath, svm: t.ontap.defaultSvm, ontapHost: t.ontap.host, ontapPort: t.ontap.sshPort, ontapHostKey: t.ontap.hostKeyFingerprint, passwordEnv: PASSWORD_ENV })),
    },
    outRoot: join('reports', 'bench', `n${students.length}-p${p}`),
    parallel: p,
    studentsPerProcess: Number(values['students-per-process']),
    // Every bench student shares the one simulated SVM; real classes have one management LIF each.
    ontapSessionsPerHost: p,
    kubeQps: 1000,
    studentTimeoutSeconds: 600,
    lang: 'en',
    childFlags: [],
  }
  const graded: GradedStudent[] = []
  const memory = sampleTreeMemory()
  const cpu = measureCpu()
  const started = performance.now()
  const result = await runRoster(config, { env: { ...process.env, [PASSWORD_ENV]: t.ontap.password }, onStudentDone: (g) => graded.push(g) })
  const wallMs = performance.now() - started
  const run = summarizeRun({ label, students: students.length, parallel: p, wallMs, peakTreeMiB: memory.stop(), cpu: cpu.stop(), exitCode: result.exitCode, graded })
  say(`${label}: ${(wallMs / 1000).toFixed(1)} s, exit ${result.exitCode}`)
  return run
}
