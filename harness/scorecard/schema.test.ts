import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { OBJECTIVE_IDS } from '../index.js'
import { generateScorecardSchema, renderScorecardSchema, SCHEMA_FILE } from './generate-schema.js'
import type { Scorecard } from './scorecard.js'
import { scorecardErrors } from './validate-scorecard.js'

const committed = readFileSync(SCHEMA_FILE, 'utf8')

function card(): Scorecard {
  const text = { title: 'Trident is installed', message: 'Trident 25.06.0 runs in namespace trident.' }
  return {
    schema: 'trident-lab-grader/scorecard',
    schemaVersion: 1,
    student: 's01-alice',
    runId: 'r1',
    mode: 'grade',
    lang: 'en',
    startedAt: '2026-11-26T10:00:00.000Z',
    finishedAt: null,
    complete: false,
    grader: { name: 'trident-lab-grader', version: '0.1.0', node: 'v20.19.0' },
    rubric: 'level2-default',
    target: { kubeContext: 'lab', ontap: { api: 'rest', host: 'cluster1', svm: 'svm01', user: 'vsadmin', insecure: false } },
    detected: { tridentVersion: '25.06.0' },
    checks: [
      {
        id: 'trident-installed',
        ...text,
        status: 'passed',
        points: 15,
        awarded: 15,
        durationMs: 120,
        evidence: [{ label: 'Deployment trident/trident-controller', data: { ready: 1 }, truncated: { bytes: 20_000, limitBytes: 16_384 }, omitted: 3 }],
        blockedBy: [],
        i18n: { en: text, ja: { title: 'Trident のインストール', message: 'Trident 25.06.0 が動いています。' } },
      },
    ],
    totals: { possible: 15, awarded: 15, passed: 1, failed: 0, blocked: 0, error: 0, skipped: 0 },
    runErrors: [],
    stats: { kubeRequests: 12, ontapSessions: 1, ontapCommands: 3, podReplacementWaitMs: 0, peakRssMiB: 118.5 },
  }
}

describe('scorecard.schema.json', () => {
  it('is what the types generate (after changing Scorecard, ScorecardCheck, Totals, Evidence, RunStats, Detected: npm run schema)', () => {
    const generated = generateScorecardSchema()
    // The parsed comparison shows which field differs; the text comparison catches formatting drift.
    expect(JSON.parse(committed), 'harness/scorecard/scorecard.schema.json is out of date: run `npm run schema` and commit it').toEqual(generated)
    expect(committed).toBe(renderScorecardSchema(generated))
  })

  it('lists exactly OBJECTIVE_IDS, in their order, as the ids of checks and of what blocked them', () => {
    const schema = JSON.parse(committed)
    expect(schema.definitions.ObjectiveId.enum).toEqual([...OBJECTIVE_IDS])
    expect(schema.definitions.ScorecardCheck.properties.id).toEqual({ $ref: '#/definitions/ObjectiveId' })
    expect(schema.definitions.ScorecardCheck.properties.blockedBy.items).toEqual({ $ref: '#/definitions/ObjectiveId' })
    for (const id of OBJECTIVE_IDS) expect(scorecardErrors({ ...card(), checks: [{ ...card().checks[0], id }] })).toEqual([])
    // The validator takes any well-formed id (the engine grades any lab): the published list is for consumers.
    expect(scorecardErrors({ ...card(), checks: [{ ...card().checks[0], blockedBy: ['Trident Uninstalled'] }] })).toEqual([expect.stringContaining('/checks/0/blockedBy/0 must match pattern')])
  })

  it('accepts a full card, and keeps the limits a TypeScript type cannot say', () => {
    expect(scorecardErrors(card())).toEqual([])
    const broken = (change: (c: any) => void) => {
      const c = card()
      change(c)
      return scorecardErrors(c)
    }
    // One broken field at a time, each named by its path.
    const cases: Array<[string, (c: any) => void, string]> = [
      ['student not a Kubernetes name', (c) => (c.student = 'Alice_1'), '/student must match pattern'],
      ['student too long', (c) => (c.student = 'a'.repeat(64)), '/student must NOT have more than 63 characters'],
      ['empty runId', (c) => (c.runId = ''), '/runId must NOT have fewer than 1 characters'],
      ['ONTAP api unknown', (c) => (c.target.ontap.api = 'telnet'), '/target/ontap/api must be equal to one of the allowed values'],
      ['a count that is not whole', (c) => (c.totals.passed = 1.5), '/totals/passed must be integer'],
      ['negative points possible', (c) => (c.totals.possible = -1), '/totals/possible must be >= 0'],
      ['negative points', (c) => (c.checks[0].points = -5), '/checks/0/points must be >= 0'],
      ['empty message', (c) => (c.checks[0].message = ''), '/checks/0/message must NOT have fewer than 1 characters'],
      ['evidence label too long', (c) => (c.checks[0].evidence[0].label = 'x'.repeat(401)), '/checks/0/evidence/0/label must NOT have more than 400 characters'],
      ['nothing omitted', (c) => (c.checks[0].evidence[0].omitted = 0), '/checks/0/evidence/0/omitted must be >= 1'],
      ['truncated bytes not whole', (c) => (c.checks[0].evidence[0].truncated.bytes = 1.5), '/checks/0/evidence/0/truncated/bytes must be integer'],
      ['unknown field', (c) => (c.totals.bonus = 3), '/totals must NOT have additional properties'],
      ['negative stats', (c) => (c.stats.kubeRequests = -1), '/stats/kubeRequests must be >= 0'],
      ['missing language', (c) => delete c.checks[0].i18n.ja, "/checks/0/i18n must have required property 'ja'"],
    ]
    for (const [what, change, error] of cases) expect(broken(change), what).toEqual([expect.stringContaining(error)])
  })
})
