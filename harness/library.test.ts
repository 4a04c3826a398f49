// The grader as a library (harness/index.ts), called without the CLI: one student, a class side by side, a
// student whose cluster hangs, one whose cluster cannot be reached, and a cancelled run. Recorded clusters stand in
// for the students' API servers; the lab cluster grades the real thing elsewhere.

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadCase, type RecordedApiServer, startRecordedApiServer } from '@trident-lab/recorded-cluster'
import { grade, gradeClass, OBJECTIVE_IDS, type GradeTarget, type ProgressEvent } from './index.js'
import { labPoints } from './test-support/sample-cards.js'

const dir = mkdtempSync(join(tmpdir(), 'grader-library-'))
const servers: RecordedApiServer[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  rmSync(dir, { recursive: true, force: true })
})

/** A recorded reference cluster with the reference student `alice`; its kubeconfig is a file in `dir`. */
async function cluster(name: string, change?: (server: RecordedApiServer) => void): Promise<GradeTarget['kube']> {
  const server = await startRecordedApiServer(loadCase('reference'))
  servers.push(server)
  change?.(server)
  const kubeconfigPath = join(dir, `${name}.kubeconfig`)
  await server.writeKubeconfig(kubeconfigPath)
  return { kubeconfigPath }
}

const statuses = (card: { checks: Array<{ id: string; status: string }> }) => Object.fromEntries(card.checks.map((c) => [c.id, c.status]))
/** Left out of a reference run here: data-persists (skipped) and ontap-volume (no ONTAP host given); the rest pass. */
const LEFT_OUT = ['ontap-volume', 'data-persists']
const GRADED = OBJECTIVE_IDS.filter((id) => !LEFT_OUT.includes(id))

describe('grade()', { timeout: 60_000 }, () => {
  it('grades one student and returns the card, touching no process-wide state and writing no file unless asked', async () => {
    const sigint = process.listenerCount('SIGINT')
    const exitCode = process.exitCode
    const before = readdirSync(dir).sort()
    const events: ProgressEvent[] = []
    const card = await grade({ student: 'alice', kube: await cluster('one'), skip: ['data-persists'] }, { onProgress: (e) => events.push(e) })

    // ontap-volume: no ONTAP host given, left out, and the card says why.
    expect(statuses(card)).toEqual(Object.fromEntries(OBJECTIVE_IDS.map((id) => [id, LEFT_OUT.includes(id) ? 'skipped' : 'passed'])))
    expect(card.complete).toBe(true)
    expect(card.totals.awarded).toBe(labPoints(GRADED))
    expect(events.filter((e) => e.type === 'done').map((e) => e.type === 'done' && e.check.id)).toEqual(GRADED)
    expect(events.every((e) => e.student === 'alice')).toBe(true)
    expect(process.listenerCount('SIGINT')).toBe(sigint)
    expect(process.exitCode).toBe(exitCode)
    expect(readdirSync(dir).sort()).toEqual([...before, 'one.kubeconfig'].sort())
  })

  it("writes the card's files when outDir is given", async () => {
    const outDir = join(dir, 'out-alice')
    await grade({ student: 'alice', kube: await cluster('files'), only: ['trident-installed'], outDir })
    expect(readdirSync(outDir).sort()).toEqual(['junit.xml', 'results.json', 'scorecard.html', 'scorecard.json', 'scorecard.md'])
  })

  it('stops at the signal: the checks that were waiting end as CANCELLED and the card says the run was cancelled', async () => {
    let server!: RecordedApiServer
    const kube = await cluster('cancelled', (s) => {
      server = s
      s.delay(60_000, '/storageclasses')
    })
    const controller = new AbortController()
    const started = Date.now()
    // Cancel once the check is waiting for the answer that never comes (its request has reached the server).
    const hung = setInterval(() => server.requests.some((r) => r.includes('/storageclasses')) && controller.abort(), 50)
    const card = await grade({ student: 'alice', kube, skip: ['data-persists'] }, { signal: controller.signal }).finally(() => clearInterval(hung))
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(card.runErrors).toEqual(['The grading run was cancelled.'])
    expect(card.checks.find((c) => c.id === 'storageclass-ssd')).toMatchObject({ status: 'error', errorCode: 'CANCELLED' })
    expect(card.checks.find((c) => c.id === 'trident-installed')?.status).toBe('passed')
    expect(card.complete).toBe(false)
  })
})

describe('gradeClass()', { timeout: 90_000 }, () => {
  it('grades students side by side: a hung cluster costs only its own student (at their budget), an unreachable one only theirs', async () => {
    const [ok, hung, hungJa] = [await cluster('ok'), await cluster('hung', (s) => s.delay(120_000, '/storageclasses')), await cluster('hung-ja', (s) => s.delay(120_000, '/storageclasses'))]
    const cards = await gradeClass(
      [
        { target: { student: 'alice', kube: ok, skip: ['data-persists'] } },
        { target: { student: 'alice', kube: hung, skip: ['data-persists'], timeoutSeconds: 3 } },
        { target: { student: 'alice', kube: { kubeconfigPath: join(dir, 'missing.kubeconfig') }, skip: ['data-persists'] } },
        { target: { student: 'alice', kube: hungJa, skip: ['data-persists'], timeoutSeconds: 3, lang: 'ja' } },
      ],
      { parallel: 4 },
    )
    expect(cards).toHaveLength(4)
    // A Japanese card says its run error and its checks' grader errors in Japanese.
    expect(cards[3].runErrors).toEqual(['実行の制限時間 3 秒を使い切りました。--timeout を増やすか、何を待っていたかを確認してください。'])
    expect(cards[3].checks.find((c) => c.id === 'storageclass-ssd')?.message).toBe(
      '採点ツールがこの項目を確認できませんでした: 実行の制限時間 3 秒を使い切りました。--timeout を増やすか、何を待っていたかを確認してください。',
    )
    expect(cards[0].complete).toBe(true)
    expect(cards[0].totals.awarded).toBe(labPoints(GRADED))

    expect(statuses(cards[1])).toMatchObject({ 'trident-installed': 'passed', 'storageclass-ssd': 'error' })
    expect(cards[1].checks.find((c) => c.id === 'storageclass-ssd')?.errorCode).toBe('TIMEOUT')
    expect(cards[1].runErrors).toEqual(["The run's time budget of 3 s ran out; raise --timeout or check what the run was waiting for."])

    expect(cards[2].checks.filter((c) => c.status === 'error').map((c) => c.errorCode)).toEqual(Array(GRADED.length).fill('CONFIG'))
    expect(cards[2].runErrors[0]).toMatch(/missing\.kubeconfig does not exist/)
    expect(existsSync(join(dir, 'missing.kubeconfig'))).toBe(false)
    // Each card is its own student's run.
    expect(new Set(cards.map((c) => c.runId)).size).toBe(4)
  })
})
