// A student namespace on the lab cluster for data-persists tests: a hand-made PV (the Trident double is not
// needed to test pod replacement), its PVC, and a "database" Deployment mounting it at /var/lib/mysql.

import { mkdirSync } from 'node:fs'
import path from 'node:path'
import * as k8s from '@kubernetes/client-node'
import { labPaths, labSettings } from '@trident-lab/cluster'

export interface StudentOptions {
  /** Seconds before a new pod reports Ready (a slow database start). */
  readyDelaySeconds?: number
  /** Mount a per-pod subdirectory of the volume: the data does not survive a pod replacement. */
  perPodSubPath?: boolean
  /** The database image and command (default: the lab's busybox, sleeping). */
  image?: string
  command?: string[] | null
}

export class LabStudent {
  readonly core: k8s.CoreV1Api
  readonly apps: k8s.AppsV1Api
  readonly coordination: k8s.CoordinationV1Api

  constructor(
    readonly kc: k8s.KubeConfig,
    readonly namespace: string,
  ) {
    this.core = kc.makeApiClient(k8s.CoreV1Api)
    this.apps = kc.makeApiClient(k8s.AppsV1Api)
    this.coordination = kc.makeApiClient(k8s.CoordinationV1Api)
  }

  get hostDir(): string {
    return path.join(labPaths().volumesDir, `grader-${this.namespace}`)
  }

  async create(options: StudentOptions = {}): Promise<void> {
    const ns = this.namespace
    mkdirSync(this.hostDir, { recursive: true })
    await this.core.createNamespace({ body: { metadata: { name: ns } } })
    await this.core.createPersistentVolume({
      body: {
        metadata: { name: `grader-${ns}` },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          storageClassName: `manual-${ns}`,
          persistentVolumeReclaimPolicy: 'Delete',
          hostPath: { path: this.hostDir, type: 'Directory' },
        },
      },
    })
    await this.core.createNamespacedPersistentVolumeClaim({
      namespace: ns,
      body: {
        metadata: { name: 'mysql-pv-claim' },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: `manual-${ns}`, resources: { requests: { storage: '1Gi' } }, volumeName: `grader-${ns}` },
      },
    })
    const labels = { app: 'wordpress', tier: 'mysql' }
    await this.apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'wordpress-mysql', labels: { app: 'wordpress' } },
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          strategy: { type: 'Recreate' },
          template: {
            metadata: { labels },
            spec: {
              terminationGracePeriodSeconds: 1,
              automountServiceAccountToken: false,
              containers: [
                {
                  name: 'mysql',
                  image: options.image ?? labSettings('0.0.0.0').busyboxImage,
                  imagePullPolicy: 'Never',
                  ...(options.command === null ? {} : { command: options.command ?? ['sh', '-c', "trap 'exit 0' TERM; while :; do sleep 1; done"] }),
                  env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
                  ...(options.image ? {} : { readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: options.readyDelaySeconds ?? 0, periodSeconds: 1 } }),
                  volumeMounts: [{ name: 'mysql-persistent-storage', mountPath: '/var/lib/mysql', ...(options.perPodSubPath ? { subPathExpr: '$(POD_NAME)' } : {}) }],
                },
              ],
              volumes: [{ name: 'mysql-persistent-storage', persistentVolumeClaim: { claimName: 'mysql-pv-claim' } }],
            },
          },
        },
      },
    })
    await this.waitFor(
      async () => ((await this.apps.readNamespacedDeployment({ name: 'wordpress-mysql', namespace: ns })).status?.availableReplicas ?? 0) >= 1,
      'the Deployment to be available',
      120_000,
    )
  }

  /** UIDs of everything of the student's, to prove that only the one pod was deleted. */
  async inventory(): Promise<{ pods: string[]; others: string[] }> {
    const ns = this.namespace
    const pods = (await this.core.listNamespacedPod({ namespace: ns })).items.filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata!.uid!)
    const others = [
      ...(await this.apps.listNamespacedDeployment({ namespace: ns })).items,
      ...(await this.apps.listNamespacedReplicaSet({ namespace: ns })).items,
      ...(await this.core.listNamespacedPersistentVolumeClaim({ namespace: ns })).items,
      await this.core.readPersistentVolume({ name: `grader-${ns}` }),
    ].map((o) => `${o.kind ?? ''}${o.metadata!.name}:${o.metadata!.uid}`)
    return { pods, others: others.sort() }
  }

  async leases(): Promise<string[]> {
    return (await this.coordination.listNamespacedLease({ namespace: this.namespace })).items.map((l) => `${l.metadata?.name}:${l.spec?.holderIdentity}`)
  }

  async waitFor(predicate: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
    const end = Date.now() + timeoutMs
    while (Date.now() < end) {
      if (await predicate().catch(() => false)) return
      await new Promise((r) => setTimeout(r, 500))
    }
    throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} in ${this.namespace}`)
  }

  async delete(): Promise<void> {
    await this.core.deleteNamespace({ name: this.namespace }).catch(() => undefined)
    await this.core.deletePersistentVolume({ name: `grader-${this.namespace}` }).catch(() => undefined)
  }
}
