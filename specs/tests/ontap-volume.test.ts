// ontap-volume end to end: the real CLI asks the ONTAP simulator over SSH (as in the lab) or REST.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startOntapSim, type StartedOntapSim } from '../../fixtures/ontap-sim/index.js'
import { loadCase } from '../../fixtures/recorded-cluster/recorded-cases.js'
import { gradeRecorded } from './grade-recorded.js'

const VOLUME = 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324'
const PASSWORD = 'Lab-Passw0rd-7'
let sim: StartedOntapSim

beforeAll(async () => {
  sim = await startOntapSim({ password: PASSWORD })
})
afterAll(async () => {
  await sim.stop()
})
beforeEach(() => {
  sim.faults.clear()
  sim.state.deleteVolume('svm01', VOLUME)
  sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr1_01', size: 20 * 2 ** 30, junctionPath: `/${VOLUME}` })
})

function ssh(extra: string[] = []) {
  return ['--only=ontap-volume', '--ontap-host=127.0.0.1', `--ontap-port=${sim.sshPort}`, '--svm=svm01', `--ontap-host-key=${sim.hostKeyFingerprint}`, '--ontap-timeout=3', ...extra]
}
const grade = (args: string[], password = PASSWORD) => gradeRecorded(loadCase('reference'), { args, env: { ONTAP_PASSWORD: password } })

describe('ontap-volume over SSH', () => {
  it('passes when the volume Trident named is online on the SSD aggregate and big enough', async () => {
    const run = await grade(ssh())
    const check = run.check('ontap-volume')
    expect(check.status).toBe('passed')
    expect(check.evidence[0].label).toBe(`ONTAP volume svm01:${VOLUME} (ssh vsadmin@127.0.0.1:${sim.sshPort})`)
    expect(run.exitCode).toBe(0)
  })

  it('grades a whole student with one SSH session and few API requests', async () => {
    const run = await gradeRecorded(loadCase('reference'), { args: ssh().filter((a) => a !== '--only=ontap-volume').concat('--skip=data-persists'), env: { ONTAP_PASSWORD: PASSWORD } })
    expect(run.card?.totals).toMatchObject({ passed: 7, failed: 0 })
    expect(run.card?.stats).toMatchObject({ ontapSessions: 1, ontapCommands: 2 })
    // The recorded server saw exactly what the card counts; the budget is 40 per student.
    expect(run.card?.stats?.kubeRequests).toBe(run.server.requests.length)
    expect(run.server.requests.length).toBeLessThanOrEqual(40)
  })

  it('fails when the volume was deleted on the SVM', async () => {
    sim.state.deleteVolume('svm01', VOLUME)
    const check = (await grade(ssh())).check('ontap-volume')
    expect(check.status).toBe('failed')
    expect(check.message).toBe(`Volume ${VOLUME} does not exist on SVM svm01.`)
  })

  it('blocks data-persists when the volume is gone: no pod is deleted on a broken volume', async () => {
    sim.state.deleteVolume('svm01', VOLUME)
    const run = await grade(ssh().filter((a) => a !== '--only=ontap-volume').concat('--only=ontap-volume,data-persists'))
    expect(run.check('ontap-volume').status).toBe('failed')
    const persists = run.check('data-persists')
    expect(persists).toMatchObject({ status: 'blocked', blockedBy: ['ontap-volume'] })
    expect(persists.message).toBe('Not checked: deleting the database pod is not safe while ontap-volume does not pass (the new pod could not mount the volume).')
    expect(run.server.requests.filter((r) => r.includes('/pods'))).toEqual([]) // never even looked at the pods
  })

  it('fails when the volume is offline', async () => {
    sim.state.setVolumeState('svm01', VOLUME, 'offline')
    const check = (await grade(ssh())).check('ontap-volume')
    expect(check.message).toBe(`Volume ${VOLUME} on SVM svm01 is offline, not online.`)
  })

  it('fails when the volume is smaller than the PVC asked for', async () => {
    sim.state.updateVolume('svm01', VOLUME, { sizeBytes: 10 * 2 ** 30 })
    const check = (await grade(ssh())).check('ontap-volume')
    expect(check.message).toBe(`Volume ${VOLUME} is 10GiB, smaller than the 20Gi the PVC asked for.`)
  })

  it('fails when the volume sits on the HDD aggregate (vsadmin cannot read aggregates: the rubric list decides)', async () => {
    sim.state.deleteVolume('svm01', VOLUME)
    sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr2_01', size: 20 * 2 ** 30 })
    const check = (await grade(ssh())).check('ontap-volume')
    expect(check.message).toBe(`Volume ${VOLUME} sits on aggregate aggr2_01, which is not an SSD aggregate.`)
    expect(check.evidence.find((e) => e.label === 'SSD aggregates')?.data).toMatchObject({ ssd: ['aggr1_01'] })
  })

  it('is a grader error, costing no points, when the password is wrong; the password is never shown', async () => {
    const run = await grade(ssh(), 'wrong-Passw0rd')
    const check = run.check('ontap-volume')
    expect(check.status).toBe('error')
    expect(check.errorCode).toBe('ONTAP_AUTH')
    expect(run.exitCode).toBe(2)
    expect(JSON.stringify(run.card) + run.stdout + run.stderr).not.toContain('wrong-Passw0rd')
  })

  it('refuses a host key that changed, naming both fingerprints', async () => {
    const pinned = 'SHA256:' + 'A'.repeat(43)
    const check = (await grade(ssh([`--ontap-host-key=${pinned}`]))).check('ontap-volume')
    expect(check.status).toBe('error')
    expect(check.errorCode).toBe('ONTAP_HOST_KEY')
    expect(check.message).toContain(sim.hostKeyFingerprint)
  })

  it('refuses an unknown host key unless told to accept it', async () => {
    const args = ssh().filter((a) => !a.startsWith('--ontap-host-key'))
    const refused = (await grade(args)).check('ontap-volume')
    expect(refused.errorCode).toBe('ONTAP_HOST_KEY')
    expect(refused.message).toContain(sim.hostKeyFingerprint)
    const accepted = await grade([...args, '--ontap-insecure-accept-host-key'])
    expect(accepted.check('ontap-volume').status).toBe('passed')
    expect(accepted.card?.target.ontap?.insecure).toBe(true)
  })

  it('gives up on a command that hangs, within --ontap-timeout', async () => {
    sim.faults.delayCommand(/volume show/, 30_000)
    const check = (await grade(ssh())).check('ontap-volume')
    expect(check.status).toBe('error')
    expect(check.errorCode).toBe('ONTAP_TIMEOUT')
  })

  it('is a grader error when the ONTAP host does not answer', async () => {
    const args = ssh().map((a) => (a.startsWith('--ontap-port=') ? '--ontap-port=1' : a))
    const check = (await grade(args)).check('ontap-volume')
    expect(check.errorCode).toBe('ONTAP_UNREACHABLE')
  })
})

describe('ontap-volume over REST', () => {
  it('passes with the CA pinned, reading aggregate media from ONTAP', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const ca = join(await mkdtemp(join(tmpdir(), 'ca-')), 'ca.pem')
    await writeFile(ca, sim.caCertPem)
    const args = ['--only=ontap-volume', '--ontap-api=rest', '--ontap-host=127.0.0.1', `--ontap-port=${sim.httpsPort}`, '--svm=svm01', `--ontap-ca=${ca}`]
    const run = await grade(args)
    expect(run.check('ontap-volume').status).toBe('passed')
    sim.state.setVolumeState('svm01', VOLUME, 'offline')
    expect((await grade(args)).check('ontap-volume').message).toContain('is offline, not online')
  })
})
