import { describe, expect, it } from 'vitest'
import { find, loadCase, without } from '@trident-lab/recorded-cluster'
import { gradeInProcess } from './grade-in-process.js'

const only = ['--only=app-uses-pvc']
type Spec = { template: { spec: { containers: Array<{ volumeMounts: Array<{ mountPath: string }> }>; volumes: Array<Record<string, unknown>> } } }

describe('app-uses-pvc', () => {
  it('passes when the database Deployment mounts the PVC at /var/lib/mysql and is available', async () => {
    expect((await gradeInProcess(loadCase('reference'), { args: only })).check('app-uses-pvc').status).toBe('passed')
  })

  it('passes for a StatefulSet whose claim template made the PVC', async () => {
    const objects = without(loadCase('reference'), 'Deployment', 'wordpress-mysql')
    find(objects, 'PersistentVolumeClaim', 'mysql-pv-claim').metadata.name = 'data-mysql-0'
    // The PV belongs to that claim (pvc-bound checks its claimRef).
    ;(find(objects, 'PersistentVolume', 'pvc-e12460a6-bd34-4c43-8e67-f0ba4d5a6324').spec as { claimRef: { name: string } }).claimRef.name = 'data-mysql-0'
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'mysql', namespace: 'alice', uid: 'a1' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'mysql' } },
        template: { metadata: { labels: { app: 'mysql' } }, spec: { containers: [{ name: 'mysql', image: 'mysql:5.6', volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql/' }] }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { storageClassName: 'ontap-gold' } }],
      },
      status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 },
    })
    expect((await gradeInProcess(objects, { args: only })).check('app-uses-pvc').status).toBe('passed')
  })

  it('fails when MySQL keeps its data in an emptyDir and nothing mounts the PVC', async () => {
    const objects = loadCase('reference')
    ;(find(objects, 'Deployment', 'wordpress-mysql').spec as Spec).template.spec.volumes = [{ name: 'mysql-persistent-storage', emptyDir: {} }]
    const check = (await gradeInProcess(objects, { args: only })).check('app-uses-pvc')
    expect(check.message).toBe('No Deployment or StatefulSet in namespace alice mounts PVC mysql-pv-claim.')
    expect(check.hint).toContain('volumeMounts')
  })

  it('fails when the PVC is mounted somewhere else', async () => {
    const objects = loadCase('reference')
    ;(find(objects, 'Deployment', 'wordpress-mysql').spec as Spec).template.spec.containers[0].volumeMounts[0].mountPath = '/data'
    const check = (await gradeInProcess(objects, { args: only })).check('app-uses-pvc')
    expect(check.message).toBe('Deployment wordpress-mysql mounts PVC mysql-pv-claim at /data, but the database keeps its data in /var/lib/mysql.')
  })

  it('fails when the Deployment is scaled to zero', async () => {
    const objects = loadCase('reference')
    const d = find(objects, 'Deployment', 'wordpress-mysql')
    ;(d.spec as { replicas: number }).replicas = 0
    d.status = { replicas: 0 }
    const check = (await gradeInProcess(objects, { args: only })).check('app-uses-pvc')
    expect(check.message).toBe('Deployment wordpress-mysql mounts PVC mysql-pv-claim but has 0 available replicas (wanted 0).')
  })

  it('honours a rubric data path', async () => {
    const objects = loadCase('reference')
    ;(find(objects, 'Deployment', 'wordpress-mysql').spec as Spec).template.spec.containers[0].volumeMounts[0].mountPath = '/var/lib/postgresql/data'
    const { writeFile, mkdtemp } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const rubric = join(await mkdtemp(join(tmpdir(), 'rubric-')), 'rubric.yaml')
    await writeFile(rubric, 'version: 1\nparameters:\n  dataPath: /var/lib/postgresql/data\n')
    expect((await gradeInProcess(objects, { args: [...only, `--rubric=${rubric}`] })).check('app-uses-pvc').status).toBe('passed')
  })
})
