// What several objectives say about the database's claim and namespace (pvc-bound, app-uses-pvc, ontap-volume,
// data-persists all start from the claim), and the API access finding it needs. Objective modules spread these
// into their own catalogues.

import { trimStop, type Catalogue, type Text, type Translation } from '../../harness/i18n/catalogue.js'
import { LAB_STEPS as S } from '../../harness/i18n/lab-steps.js'
import type { Access } from '../../harness/objective/objective.js'

export const CLAIM_EN = {
  'ns.missing': {
    message: (p: { namespace: Text }) => `Namespace ${p.namespace} does not exist in this cluster.`,
    hint: () => 'Check the namespace name you were given, and `kubectl get ns`.',
  },
  'pvc.none': {
    message: (p: { namespace: Text }) => `No PersistentVolumeClaim was found in namespace ${p.namespace}.`,
    hint: () => `Create the database's PVC as in ${S.pvc.en} and ${S.addPvc.en}.`,
  },
  'pvc.pending': {
    message: (p: { name: Text; phase: Text; event?: Text }) => `PVC ${p.name} is ${p.phase}, not Bound${p.event ? ` (${trimStop(p.event)})` : ''}.`,
    hint: () => 'Read the events with `kubectl describe pvc`; they say why no volume was made.',
  },
  'app.not-mounted': {
    message: (p: { namespace: Text; pvc: Text }) => `No Deployment or StatefulSet in namespace ${p.namespace} mounts PVC ${p.pvc}.`,
    hint: () => `Add the PVC to the database Deployment's volumes and volumeMounts, as in ${S.addPvc.en}.`,
  },
} satisfies Catalogue

export const CLAIM_JA: Translation<typeof CLAIM_EN> = {
  'ns.missing': {
    message: (p) => `このクラスタに名前空間 ${p.namespace} がありません。`,
    hint: () => '指定された名前空間名と `kubectl get ns` を確認してください。',
  },
  'pvc.none': {
    message: (p) => `名前空間 ${p.namespace} に PersistentVolumeClaim がありません。`,
    hint: () => `${S.pvc.ja}と${S.addPvc.ja}を参考に、データベース用の PVC を作成してください。`,
  },
  'pvc.pending': {
    message: (p) => `PVC ${p.name} は ${p.phase} で、Bound になっていません${p.event ? `（${trimStop(p.event)}）` : ''}。`,
    hint: () => '`kubectl describe pvc` のイベントに、ボリュームが作られない理由が出ています。',
  },
  'app.not-mounted': {
    message: (p) => `名前空間 ${p.namespace} に PVC ${p.pvc} をマウントする Deployment / StatefulSet がありません。`,
    hint: () => `${S.addPvc.ja}のとおり、データベースの Deployment の volumes と volumeMounts に PVC を追加してください。`,
  },
}

/** Finding the database's claim: the student's PVCs and the workloads that mount them (harness/lab/database.ts). */
export const DATABASE_CLAIM_ACCESS: readonly Access[] = [
  { verbs: ['list'], group: '', resource: 'persistentvolumeclaims', scope: 'student' },
  { verbs: ['list'], group: 'apps', resource: 'deployments', scope: 'student' },
  { verbs: ['list'], group: 'apps', resource: 'statefulsets', scope: 'student' },
]
