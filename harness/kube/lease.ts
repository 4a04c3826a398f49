// A Lease in the student namespace guards the disruptive step: two grading runs never both delete a pod.

import type { V1Lease } from '@kubernetes/client-node'
import { GraderError } from '../errors.js'
import type { KubeHttp } from './kube-http.js'

export const LEASE_NAME = 'trident-lab-grader'

export interface HeldLease {
  release(): Promise<void>
}

/** `releaseHttp`: access used to release the lease; pass one that cancellation does not abort. */
export async function acquireLease(http: KubeHttp, namespace: string, holder: string, durationSeconds: number, releaseHttp: KubeHttp = http, now: () => Date = () => new Date()): Promise<HeldLease> {
  const path = `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases`
  const access = { resource: 'leases.coordination.k8s.io', namespace }
  const spec = () => ({
    holderIdentity: holder,
    leaseDurationSeconds: Math.ceil(durationSeconds),
    acquireTime: microTime(now()),
    renewTime: microTime(now()),
  })
  const existing = await http.get<V1Lease>(`${path}/${LEASE_NAME}`, { verb: 'get', ...access })
  if (!existing) {
    const created = await http.send<V1Lease>('POST', path, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: LEASE_NAME, labels: { 'app.kubernetes.io/managed-by': 'trident-lab-grader' } }, spec: spec() }, { verb: 'create', ...access })
    if (created.status === 409) throw held(namespace, 'another grading run (it took the lease a moment ago)')
  } else {
    const holderNow = existing.spec?.holderIdentity
    const renewed = existing.spec?.renewTime ? new Date(existing.spec.renewTime as unknown as string).getTime() : 0
    const expiresAt = renewed + (existing.spec?.leaseDurationSeconds ?? 0) * 1000
    if (holderNow && holderNow !== holder && expiresAt > now().getTime()) {
      throw held(namespace, `run ${holderNow} (until ${new Date(expiresAt).toISOString()})`)
    }
    // Expired or ours: take it over; resourceVersion makes a racing run fail with 409.
    const updated = await http.send<V1Lease>('PUT', `${path}/${LEASE_NAME}`, { ...existing, spec: spec() }, { verb: 'update', ...access })
    if (updated.status === 409) throw held(namespace, 'another grading run (it took the lease a moment ago)')
  }
  return {
    async release() {
      const http = releaseHttp
      const current = await http.get<V1Lease>(`${path}/${LEASE_NAME}`, { verb: 'get', ...access })
      if (!current || current.spec?.holderIdentity !== holder) return
      await http.send('DELETE', `${path}/${LEASE_NAME}`, { preconditions: { resourceVersion: current.metadata?.resourceVersion } }, { verb: 'delete', ...access })
    },
  }
}

function held(namespace: string, by: string): GraderError {
  return new GraderError('LEASE_HELD', `Namespace ${namespace} is being graded by ${by}; wait for that run to finish before grading again.`)
}

function microTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
}
