// Lab step "デプロイに使用したyamlファイルに PVC を追加": the database Deployment mounts the PVC where the
// database keeps its data, and it is running.

import { findDatabaseClaim, samePath, workloads, mountsOfClaim } from '../harness/lab/database.js'
import { LEASE_NAME, refuseWhileAnotherRunReplacesPods } from '../harness/kube/lease.js'
import { defineObjective } from '../harness/objective/objective.js'
import { type Catalogue, type Text, type Translation } from '../harness/i18n/catalogue.js'
import { CLAIM_EN, CLAIM_JA, DATABASE_CLAIM_ACCESS } from './support/claim-messages.js'

const EN = {
  ...CLAIM_EN,
  'app.wrong-path': {
    message: (p: { workload: Text; pvc: Text; path: Text; dataPath: Text }) => `${p.workload} mounts PVC ${p.pvc} at ${p.path}, but the database keeps its data in ${p.dataPath}.`,
    hint: () => "Check mountPath in the container's volumeMounts.",
  },
  'app.no-replicas': {
    message: (p: { workload: Text; pvc: Text; available: Text; desired: Text }) => `${p.workload} mounts PVC ${p.pvc} but has ${p.available} available replicas (wanted ${p.desired}).`,
    hint: () => 'Check replicas and `kubectl describe pod` for the database pod.',
  },
} satisfies Catalogue

const JA: Translation<typeof EN> = {
  ...CLAIM_JA,
  'app.wrong-path': {
    message: (p) => `${p.workload} は PVC ${p.pvc} を ${p.path} にマウントしていますが、データベースのデータは ${p.dataPath} にあります。`,
    hint: () => 'コンテナの volumeMounts の mountPath を確認してください。',
  },
  'app.no-replicas': {
    message: (p) => `${p.workload} は PVC ${p.pvc} をマウントしていますが、利用可能なレプリカが ${p.available} です（希望数 ${p.desired}）。`,
    hint: () => 'replicas の値と、データベース Pod の `kubectl describe pod` を確認してください。',
  },
}

export default defineObjective({
  id: 'app-uses-pvc',
  title: { en: 'The database mounts the PVC at its data path', ja: 'データベースがデータのパスに PVC をマウントしている' },
  points: 10,
  requires: { all: ['pvc-bound'] },
  access: [...DATABASE_CLAIM_ACCESS, { verbs: ['get'], group: 'coordination.k8s.io', resource: 'leases', scope: 'student', name: LEASE_NAME }],
  messages: { en: EN, ja: JA },
  async check({ lab, see, fail }) {
    const claim = await findDatabaseClaim(lab.kube, lab.params)
    if ('missing' in claim) return fail('pvc.none', { namespace: lab.target.student })
    const pvc = claim.found.pvc.metadata!.name!
    const all = await workloads(lab.kube, lab.params.databaseSelector)
    const mounts = all.flatMap((w) => mountsOfClaim(w, pvc))
    see(
      'Workloads',
      all.map((w) => ({ kind: w.kind, name: w.name, replicas: w.desired, available: w.available, mounts: mountsOfClaim(w, pvc).map((m) => `${m.container}:${m.mountPath}`) })),
    )
    if (mounts.length === 0) return fail('app.not-mounted', { namespace: lab.target.student, pvc })

    const atPath = mounts.filter((m) => samePath(m.mountPath, lab.params.dataPath))
    if (atPath.length === 0) {
      const m = mounts[0]
      return fail('app.wrong-path', { workload: `${m.workload.kind} ${m.workload.name}`, pvc, path: m.mountPath, dataPath: lab.params.dataPath })
    }
    if (!atPath.some((m) => m.workload.available >= 1)) {
      // Another grading run may be replacing the pod at this very moment: that is an error, not the student's.
      await refuseWhileAnotherRunReplacesPods(lab.kube.http, lab.target.student, lab.target.runId)
      const w = atPath[0].workload
      return fail('app.no-replicas', { workload: `${w.kind} ${w.name}`, pvc, available: w.available, desired: w.desired })
    }
  },
})
