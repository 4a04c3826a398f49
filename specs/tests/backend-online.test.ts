import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { find, loadCase, without } from '../../fixtures/recorded-cluster/recorded-cases.js'
import { gradeRecorded } from './grade-recorded.js'

const only = ['--only=backend-online']

describe('backend-online', () => {
  it('passes with an online ontap-nas backend, and never shows the ONTAP password, wherever it appears', async () => {
    const objects = loadCase('reference')
    // A backend whose status message echoes the password: the grader must mask it by value.
    ;(find(objects, 'TridentBackendConfig', 'backend-svm01').status as Record<string, string>).message = "Backend 'svm01-nas' created with password netapp123"
    const run = await gradeRecorded(objects, { args: [...only, '--ontap-host=127.0.0.1', '--svm=svm01'], env: { ONTAP_PASSWORD: 'netapp123' } })
    expect(run.check('backend-online').status).toBe('passed')
    const outputs = [JSON.stringify(run.card), run.stdout, run.stderr]
    for (const file of ['junit.xml', 'scorecard.md']) outputs.push(readFileSync(join(run.outDir, file), 'utf8'))
    for (const text of outputs) expect(text).not.toContain('netapp123')
    expect(JSON.stringify(run.card)).toContain('created with password <redacted>')
  })

  it('passes with only a TridentBackendConfig that is Bound with Success', async () => {
    const run = await gradeRecorded(without(loadCase('reference'), 'TridentBackend'), { args: only })
    expect(run.check('backend-online').status).toBe('passed')
  })

  it('fails when the backend is failed, with Trident\'s reason', async () => {
    const objects = loadCase('reference')
    Object.assign(find(objects, 'TridentBackend', 'tbe-x7k2p'), { state: 'failed', online: false, stateReason: 'User is not authorized.' })
    Object.assign(find(objects, 'TridentBackendConfig', 'backend-svm01').status as object, { phase: 'Unknown', lastOperationStatus: 'Failed' })
    const check = (await gradeRecorded(objects, { args: only })).check('backend-online')
    expect(check.status).toBe('failed')
    expect(check.message).toBe('The ontap-nas backend svm01-nas is failed, not online: User is not authorized.')
    expect(check.hint).toContain('managementLIF')
  })

  it('fails when no backend is registered', async () => {
    const objects = without(without(loadCase('reference'), 'TridentBackend'), 'TridentBackendConfig')
    expect((await gradeRecorded(objects, { args: only })).check('backend-online').message).toBe('No ontap-nas backend is registered with Trident.')
  })

  it('fails when the backend serves another SVM than the student\'s', async () => {
    const run = await gradeRecorded(loadCase('reference'), {
      args: [...only, '--ontap-host=127.0.0.1', '--svm=svm07'],
      env: { ONTAP_PASSWORD: 'unused-here' },
    })
    expect(run.check('backend-online').message).toBe('The online ontap-nas backend svm01-nas uses SVM svm01, but your SVM is svm07.')
  })
})
