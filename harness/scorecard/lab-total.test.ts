// Honest totals: a run that did not check an objective (skipped: --skip, --only, no ONTAP host, a pod delete
// not allowed) shows its points out of the whole lab and names what was not checked, in every output a student
// reads; blocked and erred objectives were checked and are 0 points, never "not checked".

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadCase, startRecordedApiServer, without, type RecordedApiServer, type RecordedObject } from '@trident-lab/recorded-cluster'
import { afterAll, describe, expect, it } from 'vitest'
import { renderSummary } from '../cli/console-output.js'
import { grade, labRubric } from '../index.js'
import { toGradescopeResults } from '../lms/gradescope-results.js'
import { toLtiAgsScore } from '../lms/lti-ags-score.js'
import { labPoints, OBJECTIVE_COUNT, sampleCard } from '../test-support/sample-cards.js'
import { renderScorecardHtml } from '../report-html/scorecard-html.js'
import { applyRubric } from '../rubric/rubric.js'
import { labTotalOf, totalsOf } from './scorecard.js'
import { scorecardErrors } from './validate-scorecard.js'
import { renderMarkdown } from './write-markdown.js'

const skippedPersist = (lang: 'en' | 'ja' = 'en') => sampleCard({ 'data-persists': { status: 'skipped' } }, { lang, student: 'alice' })
// The lab's numbers, from its rubric: its total, data-persists' points, and what the rest come to.
const LAB_POINTS = labPoints()
const PERSIST = labPoints(['data-persists'])
const REST = LAB_POINTS - PERSIST
const expectStart = (text: string, start: string) => expect(text.slice(0, start.length)).toBe(start)

describe('totals out of the whole lab', () => {
  it("keeps possible as the points graded, and adds the lab's points and the objectives not checked", () => {
    const card = skippedPersist()
    expect(card.totals).toMatchObject({ possible: REST, awarded: REST, labPoints: LAB_POINTS, notChecked: ['data-persists'] })
    expect(labTotalOf(card)).toEqual({ awarded: REST, labPoints: LAB_POINTS, notChecked: { ids: ['data-persists'], points: PERSIST } })
    expect(scorecardErrors(card)).toEqual([])
  })

  it('counts blocked and erred objectives as checked (0 points), not as not checked', () => {
    const card = sampleCard({ 'pvc-bound': { status: 'failed' }, 'app-uses-pvc': { status: 'blocked', blockedBy: ['pvc-bound'] }, 'backend-online': { status: 'error' } })
    const awarded = LAB_POINTS - labPoints(['pvc-bound', 'app-uses-pvc', 'backend-online'])
    expect(card.totals).toMatchObject({ awarded, labPoints: LAB_POINTS, notChecked: [] })
    expect(labTotalOf(card)).toEqual({ awarded, labPoints: LAB_POINTS })
  })

  it('lists what was not checked in lab order, with their points together', () => {
    const card = sampleCard({ 'data-persists': { status: 'skipped' }, 'trident-installed': { status: 'skipped' }, 'ontap-volume': { status: 'skipped' } })
    expect(card.totals.notChecked).toEqual(['trident-installed', 'ontap-volume', 'data-persists'])
    expect(labTotalOf({ ...card, checks: [...card.checks].reverse() }).notChecked).toEqual({
      ids: ['trident-installed', 'ontap-volume', 'data-persists'],
      points: labPoints(['trident-installed', 'ontap-volume', 'data-persists']),
    })
  })

  it('reads a card of an older grader (no labPoints) as before: out of the points possible', () => {
    const card = skippedPersist()
    const { labPoints: _l, notChecked: _n, ...old } = card.totals
    expect(labTotalOf({ ...card, totals: old })).toEqual({ awarded: REST, labPoints: REST })
    expect(totalsOf([]).labPoints).toBe(0)
  })
})

describe('every output a student reads says the points out of the whole lab and what was not checked', () => {
  it('the console summary', () => {
    const en = renderSummary(skippedPersist(), { hints: false, outDir: 'reports/alice' })
    expect(en).toContain(`\nalice: ${REST}/${LAB_POINTS} points (not checked: data-persists, ${PERSIST} points; ${OBJECTIVE_COUNT - 1} passed, 0 failed, 0 blocked, 0 error, 1 skipped)\n`)
    const ja = renderSummary(skippedPersist('ja'), { hints: false, outDir: 'reports/alice' })
    expect(ja).toContain(`\nalice: ${REST}/${LAB_POINTS} 点（未確認: data-persists（${PERSIST} 点）。合格 ${OBJECTIVE_COUNT - 1}、不合格 0、未実施 0、採点エラー 0、対象外 1）\n`)
  })

  it('scorecard.md', () => {
    const en = renderMarkdown(skippedPersist())
    expect(en).toContain(`**Score: ${REST} / ${LAB_POINTS}**\n\nNot checked (no points given or lost): \`data-persists\`, ${PERSIST} points.\n`)
    expect(renderMarkdown(skippedPersist('ja'))).toContain(`**得点: ${REST} / ${LAB_POINTS}**\n\n確認していない課題（加点も減点もなし）: \`data-persists\`（${PERSIST} 点）。\n`)
    expect(renderMarkdown(sampleCard())).not.toContain('Not checked')
  })

  it('scorecard.html', () => {
    const en = renderScorecardHtml(skippedPersist())
    expect(en).toContain(`<div class="big" data-testid="total">${REST}<small> / ${LAB_POINTS} points</small></div>`)
    expect(en).toContain(`<p class="sub not-checked" data-testid="not-checked">Not checked (no points given or lost): data-persists, ${PERSIST} points.</p>`)
    expect(en).toContain(`<title>Level 2 scorecard: alice (${REST}/${LAB_POINTS})</title>`)
    const ja = renderScorecardHtml(skippedPersist('ja'))
    expect(ja).toContain(`<div class="big" data-testid="total">${REST}<small> / ${LAB_POINTS} 点</small></div>`)
    expect(ja).toContain(`確認していない課題（加点も減点もなし）: data-persists（${PERSIST} 点）。`)
    expect(renderScorecardHtml(sampleCard())).not.toContain('not-checked')
  })

  it("Gradescope's output and the LTI comment", () => {
    const results = toGradescopeResults(skippedPersist())
    expectStart(results.output, `Level 2: ${REST} / ${LAB_POINTS} points (not checked: data-persists, ${PERSIST} points). ${OBJECTIVE_COUNT - 1} passed, `)
    expect(results.extra_data).toMatchObject({ possible: REST, labPoints: LAB_POINTS, notChecked: ['data-persists'] })
    expectStart(toLtiAgsScore(skippedPersist(), 'alice').comment, `Level 2: ${REST} / ${LAB_POINTS} points (not checked: data-persists, ${PERSIST} points). `)
    expectStart(toLtiAgsScore(skippedPersist('ja'), 'alice').comment, `Level 2: ${REST} / ${LAB_POINTS} 点（未確認: data-persists（${PERSIST} 点））。合格 ${OBJECTIVE_COUNT - 1}、`)
  })
})

describe('a real run (the library on a recorded cluster)', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-total-'))
  const servers: RecordedApiServer[] = []
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()))
    rmSync(dir, { recursive: true, force: true })
  })
  async function kube(objects: RecordedObject[], name: string) {
    const server = await startRecordedApiServer(objects)
    servers.push(server)
    const kubeconfigPath = join(dir, `${name}.kubeconfig`)
    await server.writeKubeconfig(kubeconfigPath)
    return { kubeconfigPath }
  }

  it('a pod delete not allowed (a self-check answered N): data-persists is not checked, and says so', async () => {
    const why = { en: 'you did not confirm deleting the database pod (run again with --yes)', ja: 'データベース Pod の削除が確認されなかった（--yes を付けて再実行）' }
    const card = await grade({ student: 'alice', kube: await kube(loadCase('reference'), 'no-delete'), selfCheck: true, lang: 'ja', disruption: { allowed: false, why } })
    expect(card.checks.find((c) => c.id === 'data-persists')?.status).toBe('skipped')
    // No ONTAP host either: ontap-volume is not checked; everything else passes on the reference.
    const notChecked = labPoints(['ontap-volume', 'data-persists'])
    expect(card.totals).toMatchObject({ awarded: LAB_POINTS - notChecked, possible: LAB_POINTS - notChecked, labPoints: LAB_POINTS, notChecked: ['ontap-volume', 'data-persists'] })
    expect(renderSummary(card, { hints: true, outDir: 'reports/alice' })).toContain(`alice: ${LAB_POINTS - notChecked}/${LAB_POINTS} 点（未確認: ontap-volume、data-persists（${notChecked} 点）。`)
  })

  it('an objective the rubric turns off is not part of the lab: out of its total, not "not checked", and the LMS score is final', async () => {
    const rubric = applyRubric(labRubric(), { objectives: { 'ontap-volume': { enabled: false } } }, 'rubric.yaml')
    const card = await grade({ student: 'alice', kube: await kube(loadCase('reference'), 'rubric-off'), skip: ['data-persists'] }, { rubric })
    expect(card.checks.find((c) => c.id === 'ontap-volume')).toMatchObject({ status: 'skipped', points: 0 })
    const withoutOntap = LAB_POINTS - labPoints(['ontap-volume'])
    expect(card.totals).toMatchObject({ awarded: withoutOntap - PERSIST, labPoints: withoutOntap, notChecked: ['data-persists'] })
    expect(toLtiAgsScore(card, 'alice')).toMatchObject({ scoreGiven: withoutOntap - PERSIST, scoreMaximum: withoutOntap, gradingProgress: 'PendingManual' })
    // Everything else checked: the score is final, out of the rubric's lab.
    const checks = card.checks.map((c) => (c.id === 'data-persists' ? { ...c, status: 'passed' as const, awarded: c.points } : c))
    const all = { ...card, checks, totals: totalsOf(checks) }
    expect(all.totals).toMatchObject({ awarded: withoutOntap, labPoints: withoutOntap, notChecked: [] })
    expect(toLtiAgsScore(all, 'alice')).toMatchObject({ scoreGiven: withoutOntap, scoreMaximum: withoutOntap, gradingProgress: 'FullyGraded' })
  })

  it('a missing PVC: what it blocks was checked and is 0 points, not "not checked"', async () => {
    const card = await grade({ student: 'alice', kube: await kube(without(loadCase('reference'), 'PersistentVolumeClaim'), 'no-pvc'), skip: ['data-persists'] })
    const passed = ['trident-installed', 'backend-online', 'storageclass-ssd', 'storageclass-hdd']
    const statuses = Object.fromEntries(card.checks.map((c) => [c.id, c.status]))
    expect(statuses).toMatchObject({ ...Object.fromEntries(passed.map((id) => [id, 'passed'])), 'pvc-bound': 'failed', 'app-uses-pvc': 'blocked' })
    // Blocked objectives were checked (0 points): the points are those of the objectives that passed.
    const awarded = labPoints(card.checks.filter((c) => c.status === 'passed').map((c) => c.id))
    const { passed: nPassed, blocked } = card.totals
    expect(blocked).toBeGreaterThan(0)
    expect(card.totals).toMatchObject({ awarded, labPoints: LAB_POINTS, failed: 1, skipped: 2, notChecked: ['ontap-volume', 'data-persists'] })
    expect(renderSummary(card, { hints: false, outDir: 'reports/alice' })).toContain(
      `alice: ${awarded}/${LAB_POINTS} points (not checked: ontap-volume, data-persists, ${labPoints(['ontap-volume', 'data-persists'])} points; ${nPassed} passed, 1 failed, ${blocked} blocked, 0 error, 2 skipped)`,
    )
  })
})
