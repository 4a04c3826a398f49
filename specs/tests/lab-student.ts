// A student namespace on the lab cluster for data-persists tests: a PVC the Trident double provisions (the grader
// writes only into a volume it has proven to be the claim's), and a "database" Deployment mounting it at
// /var/lib/mysql. `copying` makes the hostile variant: a hand-made PV that copies another student's PV (its
// volumeHandle and Trident attributes), bound to this student's claim by volumeName.

import path from 'node:path'
import * as k8s from '@kubernetes/client-node'
import { labSettings } from '@trident-lab/cluster'

export interface StudentOptions {
  /** Seconds before a new pod reports Ready (a slow database start). */
  readyDelaySeconds?: number
  /** Mount a per-pod subdirectory of the volume: the data does not survive a pod replacement. */
  perPodSubPath?: boolean
  /** The database image and command (default: the lab's busybox, sleeping). */
  image?: string
  command?: string[] | null
  /** Bind the claim by volumeName to a hand-made PV that copies this student's PV (another claim's volume). */
  copying?: LabStudent
}

/** Where claims are provisioned: a Trident StorageClass of the double, and the lab ONTAP's data directory of an SVM. */
export interface LabVolumes {
  storageClass: string
  svmDataDir: string
}

export class LabStudent {
  readonly core: k8s.CoreV1Api
  readonly apps: k8s.AppsV1Api
  readonly coordination: k8s.CoordinationV1Api

  /** The claim's PV, once bound. */
  pvName = ''
  /** The ONTAP volume's data directory on the host (what NFS would serve). */
  hostDir = ''

  constructor(
    readonly kc: k8s.KubeConfig,
    readonly namespace: string,
    readonly volumes: LabVolumes,
  ) {
    this.core = kc.makeApiClient(k8s.CoreV1Api)
    this.apps = kc.makeApiClient(k8s.AppsV1Api)
    this.coordination = kc.makeApiClient(k8s.CoordinationV1Api)
  }

  async create(options: StudentOptions = {}): Promise<void> {
    const ns = this.namespace
    await this.core.createNamespace({ body: { metadata: { name: ns } } })
    if (options.copying) await this.copyPv(options.copying)
    const claim = await this.core.createNamespacedPersistentVolumeClaim({
      namespace: ns,
      body: {
        metadata: { name: 'mysql-pv-claim' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: this.volumes.storageClass,
          resources: { requests: { storage: '1Gi' } },
          ...(options.copying ? { volumeName: this.pvName } : {}),
        },
      },
    })
    if (options.copying) {
      // The hand-made PV waits for this very claim (claimRef with its uid), as a student would write it.
      await this.core.patchPersistentVolume(
        { name: this.pvName, body: { spec: { claimRef: { namespace: ns, name: 'mysql-pv-claim', uid: claim.metadata!.uid } } } },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
      )
    }
    await this.waitFor(async () => (await this.core.readNamespacedPersistentVolumeClaim({ name: 'mysql-pv-claim', namespace: ns })).status?.phase === 'Bound', 'the claim to be Bound', 90_000)
    const bound = await this.core.readNamespacedPersistentVolumeClaim({ name: 'mysql-pv-claim', namespace: ns })
    this.pvName = bound.spec!.volumeName!
    const pv = await this.core.readPersistentVolume({ name: this.pvName })
    this.hostDir = path.join(this.volumes.svmDataDir, pv.spec!.csi!.volumeAttributes!.internalName!)
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
      await this.core.readPersistentVolume({ name: this.pvName }),
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

  /** A PV named for this student, copying `victim`'s CSI source (handle, driver, Trident attributes) and annotation. */
  private async copyPv(victim: LabStudent): Promise<void> {
    const original = await this.core.readPersistentVolume({ name: victim.pvName })
    this.pvName = `copied-${this.namespace}`
    await this.core.createPersistentVolume({
      body: {
        metadata: { name: this.pvName, annotations: { 'pv.kubernetes.io/provisioned-by': original.metadata!.annotations!['pv.kubernetes.io/provisioned-by'] } },
        spec: {
          capacity: original.spec!.capacity,
          accessModes: original.spec!.accessModes,
          storageClassName: this.volumes.storageClass,
          persistentVolumeReclaimPolicy: 'Retain',
          csi: original.spec!.csi,
        },
      },
    })
  }

  async delete(): Promise<void> {
    await this.core.deleteNamespace({ name: this.namespace }).catch(() => undefined)
    if (this.pvName.startsWith('copied-')) await this.core.deletePersistentVolume({ name: this.pvName }).catch(() => undefined)
  }
}
