import { describe, expect, it } from 'vitest'
import { find, loadCase, without } from '../../fixtures/recorded-cluster/recorded-cases.js'
import { scorecardErrors } from '../../harness/scorecard/validate-scorecard.js'
import { gradeRecorded } from './grade-recorded.js'

describe('trident-installed', () => {
  it('passes on CSI Trident 25.06 and records the Trident and Kubernetes versions', async () => {
    const run = await gradeRecorded(loadCase('reference'), { args: ['--only=trident-installed'] })
    expect(run.check('trident-installed').status).toBe('passed')
    expect(run.card?.detected).toMatchObject({ tridentVersion: '25.06.0', kubernetesVersion: 'v1.34.4' })
    expect(run.exitCode).toBe(0)
  })

  it('passes on the pre-23.01 layout (trident-csi Deployment and DaemonSet)', async () => {
    const objects = loadCase('reference')
    find(objects, 'Deployment', 'trident-controller').metadata.name = 'trident-csi'
    find(objects, 'DaemonSet', 'trident-node-linux').metadata.name = 'trident-csi'
    const run = await gradeRecorded(objects, { args: ['--only=trident-installed'] })
    expect(run.check('trident-installed').status).toBe('passed')
  })

  it('fails without Trident, and blocks what needs it', async () => {
    let objects = loadCase('reference')
    for (const kind of ['CSIDriver', 'TridentVersion', 'TridentBackend', 'TridentBackendConfig']) objects = without(objects, kind)
    objects = objects.filter((o) => o.metadata.namespace !== 'trident')
    const run = await gradeRecorded(objects)
    const check = run.check('trident-installed')
    expect(check.status).toBe('failed')
    expect(check.message).toContain('No CSIDriver named csi.trident.netapp.io')
    expect(check.hint).toContain('NetApp Trident のインストール')
    expect(run.statuses()).toMatchObject({ 'backend-online': 'blocked', 'pvc-bound': 'blocked', 'app-uses-pvc': 'blocked' })
    expect(run.check('backend-online').message).toBe('Not checked: it needs trident-installed to pass first.')
    expect(run.exitCode).toBe(1)
    expect(scorecardErrors(run.card)).toEqual([])
  })

  it('explains a legacy (pre-CSI) Trident', async () => {
    let objects = without(without(loadCase('reference'), 'CSIDriver'), 'Deployment', 'trident-controller')
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'trident', namespace: 'trident', labels: { app: 'trident.netapp.io' } },
      spec: { replicas: 1 },
      status: { availableReplicas: 1 },
    })
    const check = (await gradeRecorded(objects, { args: ['--only=trident-installed', '--lang=ja'] })).check('trident-installed')
    expect(check.status).toBe('failed')
    expect(check.message).toContain('CSI 以前の古い Trident')
    expect(check.i18n.en.message).toContain('Only pre-CSI (legacy) Trident was found (Deployment trident)')
  })

  it('fails when the controller has no available replica', async () => {
    const objects = loadCase('reference')
    find(objects, 'Deployment', 'trident-controller').status = { replicas: 1, availableReplicas: 0 }
    const check = (await gradeRecorded(objects, { args: ['--only=trident-installed'] })).check('trident-installed')
    expect(check.status).toBe('failed')
    expect(check.message).toBe('The Trident controller Deployment trident/trident-controller has 0 of 1 replicas available.')
  })

  it('fails when node pods are not ready, or when the install never wrote its TridentVersion', async () => {
    const notReady = loadCase('reference')
    find(notReady, 'DaemonSet', 'trident-node-linux').status = { desiredNumberScheduled: 3, numberReady: 2 }
    expect((await gradeRecorded(notReady, { args: ['--only=trident-installed'] })).check('trident-installed').message).toContain('has 2 of 3 pods ready')

    const noVersion = without(loadCase('reference'), 'TridentVersion')
    expect((await gradeRecorded(noVersion, { args: ['--only=trident-installed'] })).check('trident-installed').message).toContain('No TridentVersion object')
  })
})
