// Grades a recorded cluster in this process through the library's grade(), the same pipeline the CLI runs: the
// same flags and configuration (parseFlags, resolveConfig), rubric, selection, preflight, and one vitest run of the
// lab's spec, without starting node or tsx. What the console prints, exit handling and the report files stay
// with the real-CLI tests (grade-recorded.ts).

import { rmSync } from 'node:fs'
import type { RecordedObject } from '@trident-lab/recorded-cluster'
import { parseFlags } from '../../harness/cli/parse-args.js'
import { resolveConfig } from '../../harness/config/grader-config.js'
import { exitCodeOf, grade, loadRubric, type Prepared } from '../../harness/index.js'
import { readSecrets } from '../../harness/run.js'
import type { Scorecard } from '../../harness/scorecard/scorecard.js'
import { baseEnv, recordedCluster, ROOT, type GradeOptions, type Graded } from './grade-recorded.js'

export type GradedInProcess = Omit<Graded, 'stdout' | 'stderr' | 'outDir' | 'card'> & { card: Scorecard }

/** Grades `objects` as `npm test -- --student=alice --kubeconfig=<recorded> <args>` would, in this process. */
export async function gradeInProcess(objects: RecordedObject[], options: GradeOptions = {}): Promise<GradedInProcess> {
  const { dir, server, kubeconfig } = await recordedCluster(objects, options)
  try {
    const env = { ...baseEnv(), ...options.env }
    const args = [`--student=${options.student ?? 'alice'}`, `--kubeconfig=${kubeconfig}`, ...(options.args ?? ['--skip=data-persists'])]
    const config = resolveConfig(parseFlags(args), env, ROOT)
    let prepared: Prepared | undefined
    const card = await grade({ ...config, outDir: undefined }, { rubric: await loadRubric(config.rubricFile), secrets: readSecrets(config.ontap, env), onPrepared: (p) => (prepared = p) })
    const usage = prepared?.notStarted?.code === 'CONFIG' || prepared?.notStarted?.code === 'USAGE'
    return {
      exitCode: usage ? 9 : exitCodeOf(card),
      card,
      server,
      check(id) {
        const found = card.checks.find((c) => c.id === id)
        if (!found) throw new Error(`no check ${id} on the card`)
        return found
      },
      statuses() {
        return Object.fromEntries(card.checks.map((c) => [c.id, c.status]))
      },
    }
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
