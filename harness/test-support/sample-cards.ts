// Scorecards for the tests of the LMS outputs, the HTML reports and the class summary: built the way the grader
// builds them (checkFromRecord, render), so messages and hints are the real ones.

import type { CheckRecord, CheckStatus, Evidence } from '../check.js'
import { render, skipReason, type Lang } from '../i18n/messages.js'
import { renderMessage, type RenderedMessage } from '../i18n/catalogue.js'
import type { ObjectiveId } from '../objective/objective.js'
import { labRubric } from '../objective/lab-definition.js'
import { checkOf } from '../rubric/rubric.js'
import { checkFromRecord, SCORECARD_SCHEMA, SCORECARD_SCHEMA_VERSION, totalsOf, type Scorecard } from '../scorecard/scorecard.js'
import { STATEFUL_LAB } from '../stateful-lab.js'

const RUBRIC = labRubric(STATEFUL_LAB)

/** How many objectives the lab has: tests derive counts from the lab, so that adding an objective changes none. */
export const OBJECTIVE_COUNT = RUBRIC.objectives.length

/** The points of the lab's default rubric: all of them (the lab's total), or those of the objectives given. */
export function labPoints(ids?: readonly ObjectiveId[]): number {
  for (const id of ids ?? []) if (!RUBRIC.objectives.some((o) => o.id === id)) throw new Error(`no objective ${id} in the lab`)
  return RUBRIC.objectives.filter((o) => !ids || ids.includes(o.id)).reduce((sum, o) => sum + o.points, 0)
}

/** One of an objective's messages of this package's lab, in both languages. */
export function renderObjectiveMessage(id: ObjectiveId, key: string, params?: object): RenderedMessage {
  const objective = STATEFUL_LAB.objectives.find((o) => o.id === id)
  if (!objective) throw new Error(`no objective ${id} in the lab`)
  return renderMessage(objective.messages, key, params)
}

export interface SampleCheck {
  status: CheckStatus
  /** For a failed check: the objective's message (default pvc.pending, which pvc-bound and ontap-volume have). */
  key?: string
  params?: Record<string, string | number>
  evidence?: Evidence[]
  blockedBy?: ObjectiveId[]
  errorCode?: string
}

/** The check's message as the grader words it: the grader's own for passed, blocked, error and skipped. */
function messageOf(id: ObjectiveId, o: SampleCheck) {
  if (o.status === 'passed') return render('check.passed')
  if (o.status === 'blocked') return render('check.blocked', { ids: o.blockedBy?.join(', ') ?? '' })
  if (o.status === 'error') return render('check.error', { detail: 'the API server did not answer.' })
  if (o.status === 'skipped') return render('check.skipped', { why: skipReason('skip-flag') })
  return renderObjectiveMessage(id, o.key ?? 'pvc.pending', o.params ?? { name: 'mysql-pv-claim', phase: 'Pending' })
}

/** Every objective passed, except those given. */
export function sampleCard(overrides: Partial<Record<ObjectiveId, SampleCheck>> = {}, options: { lang?: Lang; student?: string; complete?: boolean; runErrors?: string[] } = {}): Scorecard {
  const lang = options.lang ?? 'en'
  const checks = RUBRIC.objectives.map(({ id }) => {
    const o = overrides[id] ?? { status: 'passed' as const }
    const record: CheckRecord = {
      id,
      status: o.status,
      ...messageOf(id, o),
      evidence: o.evidence ?? [{ label: `Sample evidence for ${id}`, data: { phase: o.status === 'passed' ? 'Bound' : 'Pending' } }],
      blockedBy: o.blockedBy,
      errorCode: o.errorCode,
    }
    return checkFromRecord(record, checkOf(RUBRIC, id), 12, lang)
  })
  return {
    schema: SCORECARD_SCHEMA,
    schemaVersion: SCORECARD_SCHEMA_VERSION,
    student: options.student ?? 'alice',
    runId: '20260401T090000-abcdef12',
    mode: 'grade',
    lang,
    startedAt: '2026-04-01T09:00:00.000Z',
    finishedAt: '2026-04-01T09:00:42.500Z',
    complete: options.complete ?? true,
    grader: { name: 'trident-lab-grader', version: '0.1.0', node: 'v20.20.2' },
    rubric: 'level2-default',
    target: { kubeContext: 'lab', kubeServer: 'https://10.0.0.1:6443', ontap: { api: 'ssh', host: '192.168.1.200', svm: 'svm01', user: 'vsadmin', insecure: false } },
    detected: { kubernetesVersion: 'v1.34.4', tridentVersion: '25.06.0' },
    checks,
    totals: totalsOf(checks),
    runErrors: options.runErrors ?? [],
  }
}

export const HOSTILE = '</pre></details><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><a href="javascript:alert(1)">x</a>'

/** A card whose names and evidence try to run script in a report: failed, blocked, skipped and error checks. */
export function hostileCard(lang: Lang = 'en') {
  return sampleCard(
    {
      'pvc-bound': {
        status: 'failed',
        key: 'pvc.pending',
        params: { name: `db<script>window.__pwned=3</script>`, phase: 'Pending' },
        evidence: [{ label: `PVC <b>${HOSTILE}</b>`, data: { note: HOSTILE } }],
      },
      'app-uses-pvc': { status: 'blocked', blockedBy: ['pvc-bound'] },
      'data-persists': { status: 'skipped' },
      'ontap-volume': { status: 'error', errorCode: 'ONTAP_UNREACHABLE', evidence: [{ label: 'ssh output', data: HOSTILE }] },
    },
    { lang, student: 'alice' },
  )
}
