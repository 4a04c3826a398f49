// Lab step "デプロイに使用したyamlファイルに PVC を追加": the database Deployment mounts the PVC where the
// database keeps its data, and it is running.

import { findDatabaseClaim, samePath, workloads, mountsOfClaim } from '../harness/lab/database.js'
import { refuseWhileAnotherRunReplacesPods } from '../harness/kube/lease.js'
import { objective } from './support/objective.js'

objective('app-uses-pvc', async ({ lab, see, fail }) => {
  const claim = await findDatabaseClaim(lab.kube, lab.params)
  if ('missing' in claim) return fail('pvc.none', { namespace: lab.target.student })
  const pvc = claim.found.pvc.metadata!.name!
  const all = await workloads(lab.kube, lab.params.databaseSelector)
  const mounts = all.flatMap((w) => mountsOfClaim(w, pvc))
  see('Workloads', all.map((w) => ({ kind: w.kind, name: w.name, replicas: w.desired, available: w.available, mounts: mountsOfClaim(w, pvc).map((m) => `${m.container}:${m.mountPath}`) })))
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
})
