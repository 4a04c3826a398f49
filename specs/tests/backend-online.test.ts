import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { find, loadCase, without } from '@trident-lab/recorded-cluster'
import { gradeInProcess } from './grade-in-process.js'
import { gradeRecorded } from './grade-recorded.js'

const only = ['--only=backend-online']

describe('backend-online', () => {
  it('passes with an online ontap-nas backend; redaction is no oracle: a right guess of the password in a student field looks like a wrong one', async () => {
    // Fields the student controls are redacted by key, never by value (harness/redact.ts): were they compared with
    // the password, a field equal to a guess would come back `<redacted>` and wrong guesses would stay visible.
    const graded = async (guess: string) => {
      const objects = loadCase('reference')
      ;(find(objects, 'TridentBackendConfig', 'backend-svm01').status as Record<string, string>).message = `guess ${guess} csi.trident.netapp.io`
      const run = await gradeRecorded(objects, { args: [...only, '--ontap-host=127.0.0.1', '--svm=svm01'], env: { ONTAP_PASSWORD: 'Netapp123!x' } })
      expect(run.check('backend-online').status).toBe('passed')
      const checks = run.card!.checks.map((c) => ({ status: c.status, message: c.message, evidence: c.evidence }))
      const junit = readFileSync(join(run.outDir, 'junit.xml'), 'utf8').replace(/time="[\d.]+"|timestamp="[^"]*"|name="runId" value="[^"]*"/g, '')
      return [JSON.stringify(checks), junit].map((text) => text.replaceAll(guess, '<guess>'))
    }
    const [right, wrong] = [await graded('Netapp123!x'), await graded('Netapp124!x')]
    expect(right[0]).toContain('guess <guess> csi.trident.netapp.io')
    expect(right).toEqual(wrong)
    expect(right.join()).not.toContain('<redacted>')
  })

  it("quotes text from the student's API server as it is in a grader error, in card, console and reports: guessing the password there tells nothing", async () => {
    const graded = async (guess: string) => {
      const run = await gradeRecorded(loadCase('reference'), {
        args: [...only, '--ontap-host=127.0.0.1', '--svm=svm01', '--lang=ja'],
        env: { ONTAP_PASSWORD: 'Netapp123!x' },
        prepare: (server) => server.failWith(500, 'tridentbackends', `guessA ${guess} guessB`),
      })
      expect(run.check('backend-online').status).toBe('error')
      const files = ['scorecard.md', 'junit.xml', 'scorecard.html'].map((f) => readFileSync(join(run.outDir, f), 'utf8'))
      const outputs = [JSON.stringify(run.card!.checks.map((c) => c.i18n)), run.stdout, ...files]
      // What differs between any two runs: times, run ids, the output folder, the API server's port.
      const volatile = /\d+(\.\d+)? ?(ms|s|秒)|time="[^"]*"|timestamp="[^"]*"|20\d\d-\d\d-\d\d[T ][\d:.]+Z?( UTC)?|\d{8}T\d{6}-[0-9a-f]{8}|grader-test-\w+|127\.0\.0\.1:\d+/g
      return outputs.map((text) => text.replaceAll(guess, '<guess>').replace(volatile, ''))
    }
    const [right, wrong] = [await graded('Netapp123!x'), await graded('Netapp124!x')]
    expect(right[0]).toContain('guessA <guess> guessB')
    expect(right.join()).not.toContain('<redacted>')
    expect(right).toEqual(wrong)
  })

  it('never masks a short password inside longer words (a password "trident" leaves csi.trident.netapp.io alone)', async () => {
    const run = await gradeInProcess(loadCase('reference'), { args: [...only, '--ontap-host=127.0.0.1', '--svm=svm01'], env: { ONTAP_PASSWORD: 'trident' } })
    expect(run.check('backend-online').status).toBe('passed')
    expect(JSON.stringify(run.card)).not.toContain('<redacted>')
  })

  it('does not take a Bound/Success TridentBackendConfig without its TridentBackend as an online backend', async () => {
    const check = (await gradeInProcess(without(loadCase('reference'), 'TridentBackend'), { args: only })).check('backend-online')
    expect(check.status).toBe('failed')
    expect(check.message).toBe('TridentBackendConfig backend-svm01 says Bound/Success, but Trident has no backend svm01-nas (no TridentBackend), so that status proves nothing is online.')
  })

  it("fails a backend Trident polled offline while its config stays Bound/Success, with Trident's stateReason", async () => {
    const objects = loadCase('reference')
    Object.assign(find(objects, 'TridentBackend', 'tbe-x7k2p'), { state: 'offline', online: false, stateReason: "SVM is not in 'running' state" })
    expect(find(objects, 'TridentBackendConfig', 'backend-svm01').status).toMatchObject({ phase: 'Bound', lastOperationStatus: 'Success' })
    const run = await gradeInProcess(objects, { args: [...only, '--lang=ja'] })
    const check = run.check('backend-online')
    expect(check.status).toBe('failed')
    expect(check.i18n.en.message).toBe("The ontap-nas backend svm01-nas is offline, not online: SVM is not in 'running' state.")
    expect(check.message).toBe("ontap-nas バックエンド svm01-nas の状態は offline で、online ではありません（SVM is not in 'running' state）。")
  })

  it('fails a failed add (no TridentBackend, config phase "" and Failed) with Trident\'s message and a readable state', async () => {
    const objects = without(loadCase('reference'), 'TridentBackend')
    find(objects, 'TridentBackendConfig', 'backend-svm01').status = {
      backendInfo: { backendName: '', backendUUID: '' },
      phase: '',
      lastOperationStatus: 'Failed',
      message:
        "Failed to create backend: problem initializing storage driver 'ontap-nas': error initializing ontap-nas driver: could not create Data ONTAP API client: error reading SVM details: API status: failed, Reason: Unable to find SVM svm99.",
      deletionPolicy: 'delete',
    }
    const check = (await gradeInProcess(objects, { args: only })).check('backend-online')
    expect(check.status).toBe('failed')
    expect(check.message).toBe(
      "Trident could not create a backend from TridentBackendConfig backend-svm01 (phase (none), last operation Failed): Failed to create backend: problem initializing storage driver 'ontap-nas': error initializing ontap-nas driver: could not create Data ONTAP API client: error reading SVM details: API status: failed, Reason: Unable to find SVM svm99.",
    )
    expect(check.message).not.toMatch(/is , not online/)
    expect(check.hint).toContain('kubectl describe tbc')
  })

  it('fails a backend being deleted, and one the user suspended', async () => {
    const deleting = loadCase('reference')
    Object.assign(find(deleting, 'TridentBackend', 'tbe-x7k2p'), { state: 'deleting', online: true })
    const deletingCheck = (await gradeInProcess(deleting, { args: only })).check('backend-online')
    expect(deletingCheck.status).toBe('failed')
    expect(deletingCheck.message).toContain('svm01-nas is being deleted (state deleting)')

    const suspended = loadCase('reference')
    Object.assign(find(suspended, 'TridentBackend', 'tbe-x7k2p'), { userState: 'suspended' })
    const suspendedCheck = (await gradeInProcess(suspended, { args: only })).check('backend-online')
    expect(suspendedCheck.message).toBe('The ontap-nas backend svm01-nas is online but suspended (userState suspended), so Trident makes no new volumes on it.')
  })

  it('says "unknown" for a backend without a state rather than an empty word', async () => {
    const objects = loadCase('reference')
    const backend = find(objects, 'TridentBackend', 'tbe-x7k2p')
    delete backend.state
    delete backend.online
    const check = (await gradeInProcess(objects, { args: only })).check('backend-online')
    expect(check.message).toBe('The ontap-nas backend svm01-nas is in an unknown state, not online.')
  })

  it("fails when the backend is failed, with Trident's reason", async () => {
    const objects = loadCase('reference')
    Object.assign(find(objects, 'TridentBackend', 'tbe-x7k2p'), { state: 'failed', online: false, stateReason: 'User is not authorized.' })
    Object.assign(find(objects, 'TridentBackendConfig', 'backend-svm01').status as object, { phase: 'Unknown', lastOperationStatus: 'Failed' })
    const check = (await gradeInProcess(objects, { args: only })).check('backend-online')
    expect(check.status).toBe('failed')
    expect(check.message).toBe('The ontap-nas backend svm01-nas is failed, not online: User is not authorized.')
    expect(check.hint).toContain('managementLIF')
  })

  it('fails when no backend is registered', async () => {
    const objects = without(without(loadCase('reference'), 'TridentBackend'), 'TridentBackendConfig')
    expect((await gradeInProcess(objects, { args: only })).check('backend-online').message).toBe('No ontap-nas backend is registered with Trident.')
  })

  it("fails when the backend serves another SVM than the student's", async () => {
    const run = await gradeInProcess(loadCase('reference'), {
      args: [...only, '--ontap-host=127.0.0.1', '--svm=svm07'],
      env: { ONTAP_PASSWORD: 'unused-here' },
    })
    expect(run.check('backend-online').message).toBe('The online ontap-nas backend svm01-nas uses SVM svm01, but your SVM is svm07.')
  })
})
