// Finding the database's claim and the workload that mounts it, without relying on names the lab does not
// fix: through the PVC a Deployment or StatefulSet mounts at the data path, or the rubric's selector/name.

import type { V1Container, V1Deployment, V1PersistentVolumeClaim, V1PodTemplateSpec, V1StatefulSet } from '@kubernetes/client-node'
import type { KubeLab } from '../kube/kube-lab.js'
import type { RubricParameters } from '../rubric/rubric.js'

export interface Workload {
  kind: 'Deployment' | 'StatefulSet'
  name: string
  uid?: string
  template: V1PodTemplateSpec
  /** Label selector of its pods, as `k=v,k2=v2`. */
  selector: string
  desired: number
  available: number
}

export interface ClaimMount {
  workload: Workload
  container: string
  mountPath: string
}

export interface DatabaseClaim {
  pvc: V1PersistentVolumeClaim
  mounts: ClaimMount[]
  /** How it was chosen, for evidence. */
  chosenBy: string
}

export type DatabaseClaimResult = { found: DatabaseClaim } | { missing: 'none' | 'named-missing'; name?: string }

export async function workloads(kube: KubeLab, selector?: string): Promise<Workload[]> {
  const [deployments, statefulSets] = await Promise.all([kube.deployments(), kube.statefulSets()])
  // What both kinds share: name, pod template, selector and desired replicas.
  const common = (o: V1Deployment | V1StatefulSet) => ({
    name: o.metadata!.name!,
    uid: o.metadata?.uid,
    template: o.spec!.template,
    selector: labelsToSelector(o.spec?.selector?.matchLabels),
    desired: o.spec?.replicas ?? 1,
  })
  const all: Workload[] = [
    ...deployments.map((d) => ({ kind: 'Deployment' as const, ...common(d), available: d.status?.availableReplicas ?? 0 })),
    ...statefulSets.map((s) => ({
      kind: 'StatefulSet' as const,
      ...common(s),
      available: s.status?.availableReplicas ?? s.status?.readyReplicas ?? 0,
      claimTemplates: s.spec?.volumeClaimTemplates?.map((t) => t.metadata?.name ?? '') ?? [],
    })),
  ]
  return selector ? all.filter((w) => matchesSelector(w.template.metadata?.labels, selector)) : all
}

/** Where a workload mounts this claim (by volume, or by a StatefulSet claim template). */
export function mountsOfClaim(workload: Workload, claimName: string): ClaimMount[] {
  const volumeNames = new Set<string>()
  for (const v of workload.template.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName === claimName) volumeNames.add(v.name)
  const templates = (workload as Workload & { claimTemplates?: string[] }).claimTemplates ?? []
  for (const t of templates) if (new RegExp(`^${escape(t)}-${escape(workload.name)}-\\d+$`).test(claimName)) volumeNames.add(t)
  const containers: V1Container[] = [...(workload.template.spec?.containers ?? [])]
  return containers.flatMap((c) => (c.volumeMounts ?? []).filter((m) => volumeNames.has(m.name)).map((m) => ({ workload, container: c.name, mountPath: m.mountPath })))
}

export async function findDatabaseClaim(kube: KubeLab, params: RubricParameters): Promise<DatabaseClaimResult> {
  const pvcs = await kube.pvcs()
  if (params.databasePvc) {
    const pvc = pvcs.find((p) => p.metadata?.name === params.databasePvc)
    if (!pvc) return { missing: 'named-missing', name: params.databasePvc }
    return { found: { pvc, mounts: await mountsOf(kube, pvc, params), chosenBy: 'named by the rubric (parameters.databasePvc)' } }
  }
  if (pvcs.length === 0) return { missing: 'none' }
  const ranked = await Promise.all(
    pvcs.map(async (pvc) => {
      const mounts = await mountsOf(kube, pvc, params)
      const atDataPath = mounts.some((m) => samePath(m.mountPath, params.dataPath))
      const score = (atDataPath ? 4 : 0) + (mounts.length > 0 ? 2 : 0) + (pvc.status?.phase === 'Bound' ? 1 : 0)
      const chosenBy = atDataPath
        ? `mounted at ${params.dataPath} by ${mounts[0].workload.kind} ${mounts[0].workload.name}`
        : mounts.length > 0
          ? `the only claim mounted by a workload${params.databaseSelector ? ` matching ${params.databaseSelector}` : ''}`
          : pvcs.length === 1
            ? 'the only PVC in the namespace'
            : 'no workload mounts any PVC; picked the first Bound one'
      return { pvc, mounts, score, chosenBy }
    }),
  )
  ranked.sort((a, b) => b.score - a.score || (a.pvc.metadata?.name ?? '').localeCompare(b.pvc.metadata?.name ?? ''))
  const best = ranked[0]
  return { found: { pvc: best.pvc, mounts: best.mounts, chosenBy: best.chosenBy } }
}

async function mountsOf(kube: KubeLab, pvc: V1PersistentVolumeClaim, params: RubricParameters): Promise<ClaimMount[]> {
  const ws = await workloads(kube, params.databaseSelector)
  return ws.flatMap((w) => mountsOfClaim(w, pvc.metadata!.name!))
}

export function samePath(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/\/+$/, '') || '/'
  return norm(a) === norm(b)
}

export function labelsToSelector(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
}

export function matchesSelector(labels: Record<string, string> | undefined, selector: string): boolean {
  return selector.split(',').every((pair) => {
    const [k, v] = pair.split('=')
    return (labels ?? {})[k] === v
  })
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
