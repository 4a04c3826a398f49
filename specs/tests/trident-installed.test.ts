import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StartedOntapSim, startOntapSim } from '@trident-lab/ontap-sim'
import { find, LAYOUTS, loadCase, loadLayout, without } from '@trident-lab/recorded-cluster'
import { scorecardErrors } from '../../harness/scorecard/validate-scorecard.js'
import { OBJECTIVES } from '../registry.js'
import { gradeInProcess } from './grade-in-process.js'
import { gradeRecorded } from './grade-recorded.js'

describe('trident-installed', () => {
  it('passes on CSI Trident 25.06 and records the Trident and Kubernetes versions', async () => {
    const run = await gradeInProcess(loadCase('reference'), { args: ['--only=trident-installed'] })
    expect(run.check('trident-installed').status).toBe('passed')
    expect(run.card?.detected).toMatchObject({ tridentVersion: '25.06.0', kubernetesVersion: 'v1.34.4' })
    expect(run.exitCode).toBe(0)
  })

  it('passes on the pre-23.01 layout (trident-csi Deployment and DaemonSet)', async () => {
    const objects = loadCase('reference')
    find(objects, 'Deployment', 'trident-controller').metadata.name = 'trident-csi'
    find(objects, 'DaemonSet', 'trident-node-linux').metadata.name = 'trident-csi'
    const run = await gradeInProcess(objects, { args: ['--only=trident-installed'] })
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
    const objects = without(without(loadCase('reference'), 'CSIDriver'), 'Deployment', 'trident-controller')
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'trident', namespace: 'trident', labels: { app: 'trident.netapp.io' } },
      spec: { replicas: 1 },
      status: { availableReplicas: 1 },
    })
    const check = (await gradeInProcess(objects, { args: ['--only=trident-installed', '--lang=ja'] })).check('trident-installed')
    expect(check.status).toBe('failed')
    expect(check.message).toContain('CSI 以前の古い Trident')
    expect(check.i18n.en.message).toContain('Only pre-CSI (legacy) Trident was found (Deployment trident)')
  })

  it('fails when the controller has no available replica', async () => {
    const objects = loadCase('reference')
    find(objects, 'Deployment', 'trident-controller').status = { replicas: 1, availableReplicas: 0 }
    const check = (await gradeInProcess(objects, { args: ['--only=trident-installed'] })).check('trident-installed')
    expect(check.status).toBe('failed')
    expect(check.message).toBe('The Trident controller Deployment trident/trident-controller has 0 of 1 replicas available.')
  })

  it('fails when node pods are not ready, or when the install never wrote its TridentVersion', async () => {
    const notReady = loadCase('reference')
    find(notReady, 'DaemonSet', 'trident-node-linux').status = { desiredNumberScheduled: 3, numberReady: 2 }
    expect((await gradeInProcess(notReady, { args: ['--only=trident-installed'] })).check('trident-installed').message).toContain('has 2 of 3 pods ready')

    const noVersion = without(loadCase('reference'), 'TridentVersion')
    expect((await gradeInProcess(noVersion, { args: ['--only=trident-installed'] })).check('trident-installed').message).toContain('No TridentVersion object')
  })
})

describe('the Trident layouts students have, each graded to full marks through the CLI', () => {
  const PASSWORD = 'Lab-Passw0rd-7'
  const VOLUME = 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324'
  let sim: StartedOntapSim
  beforeAll(async () => {
    sim = await startOntapSim({ password: PASSWORD })
    sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr1_01', size: 20 * 2 ** 30, junctionPath: `/${VOLUME}` })
  })
  afterAll(async () => {
    await sim.stop()
  })

  it.each(LAYOUTS)('%s', async (layout) => {
    const objects = loadLayout(layout)
    const run = await gradeInProcess(objects, {
      args: ['--skip=data-persists', '--ontap-host=127.0.0.1', `--ontap-port=${sim.sshPort}`, '--svm=svm01', `--ontap-host-key=${sim.hostKeyFingerprint}`, '--ontap-timeout=3'],
      env: { ONTAP_PASSWORD: PASSWORD },
    })
    expect(run.statuses()).toEqual(Object.fromEntries(OBJECTIVES.map((o) => [o.id, o.id === 'data-persists' ? 'skipped' : 'passed'])))
    const version = objects.find((o) => o.kind === 'TridentVersion')?.trident_version
    expect(run.card?.detected?.tridentVersion).toBe(version)
    // The Linux node DaemonSet is the one graded, never the Windows one with 0 pods desired.
    const installed = run.check('trident-installed').evidence.find((e) => e.label.startsWith('Trident in namespace'))?.data as { nodes: { name: string }[] }
    expect(installed.nodes[0].name).not.toMatch(/windows/)
    expect(run.exitCode).toBe(0)
  })

  it('reads a CSIDriver served only at storage.k8s.io/v1beta1 (Kubernetes 1.14 to 1.17)', async () => {
    const run = await gradeInProcess(loadLayout('trident-20.07-tridentctl'), { args: ['--only=trident-installed'] })
    expect(run.check('trident-installed').status).toBe('passed')
    expect(run.card?.detected?.kubernetesVersion).toBe('v1.17.17')
    expect(run.server.requests).toEqual(expect.arrayContaining(['GET /apis/storage.k8s.io/v1/csidrivers/csi.trident.netapp.io', 'GET /apis/storage.k8s.io/v1beta1/csidrivers/csi.trident.netapp.io']))
  })

  it('grades the controller in use, not a Deployment an upgrade left scaled to 0', async () => {
    const objects = loadLayout('trident-24.06-tridentctl')
    const stale = structuredClone(find(objects, 'Deployment', 'trident-controller'))
    stale.metadata.name = 'trident-csi'
    stale.spec = { ...(stale.spec as object), replicas: 0 }
    stale.status = { replicas: 0, availableReplicas: 0 }
    objects.unshift(stale)
    expect((await gradeInProcess(objects, { args: ['--only=trident-installed'] })).check('trident-installed').status).toBe('passed')
  })

  it('fails a cluster whose only node DaemonSet is the Windows one with no pods', async () => {
    const objects = without(loadLayout('trident-22.10-tridentctl'), 'DaemonSet', 'trident-csi')
    const check = (await gradeInProcess(objects, { args: ['--only=trident-installed'] })).check('trident-installed')
    expect(check.status).toBe('failed')
    expect(check.message).toBe('The Trident node DaemonSet trident/trident-csi-windows has 0 of 0 pods ready.')
  })
})
