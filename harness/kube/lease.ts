// A Lease in the student namespace guards the disruptive step: two grading runs never both delete a pod.

import type { V1Lease } from '@kubernetes/client-node'
import type { GraderError } from '../errors.js'
import { runError } from '../i18n/usage-errors.js'
import type { LeaseHolder } from '../i18n/usage-errors-en.js'
import type { KubeHttp } from './kube-http.js'
import { segment } from './kube-names.js'

export const LEASE_NAME = 'trident-lab-grader'

export interface HeldLease {
  release(): Promise<void>
}

/** `releaseHttp`: access used to release the lease; pass one that cancellation does not abort. */
export async function acquireLease(http: KubeHttp, namespace: string, holder: string, durationSeconds: number, releaseHttp: KubeHttp = http, now: () => Date = () => new Date()): Promise<HeldLease> {
  const path = `/apis/coordination.k8s.io/v1/namespaces/${segment(namespace)}/leases`
  const access = { resource: 'leases.coordination.k8s.io', namespace }
  const spec = () => ({
    holderIdentity: holder,
    leaseDurationSeconds: Math.ceil(durationSeconds),
    acquireTime: microTime(now()),
    renewTime: microTime(now()),
  })
  const existing = await http.get<V1Lease>(`${path}/${LEASE_NAME}`, { verb: 'get', ...access })
  if (!existing) {
    const created = await http.send<V1Lease>(
      'POST',
      path,
      { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: LEASE_NAME, labels: { 'app.kubernetes.io/managed-by': 'trident-lab-grader' } }, spec: spec() },
      { verb: 'create', ...access },
    )
    if (created.status === 409) throw held(namespace, { kind: 'just-taken' })
  } else {
    const holderNow = existing.spec?.holderIdentity
    const renewed = existing.spec?.renewTime ? new Date(existing.spec.renewTime as unknown as string).getTime() : 0
    const expiresAt = renewed + (existing.spec?.leaseDurationSeconds ?? 0) * 1000
    if (holderNow && holderNow !== holder && expiresAt > now().getTime()) {
      throw held(namespace, { kind: 'run', run: shownHolder(holderNow), until: shownTime(expiresAt) })
    }
    // Expired or ours: take it over; resourceVersion makes a racing run fail with 409.
    const updated = await http.send<V1Lease>('PUT', `${path}/${LEASE_NAME}`, { ...existing, spec: spec() }, { verb: 'update', ...access })
    if (updated.status === 409) throw held(namespace, { kind: 'just-taken' })
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

/** The run that holds the namespace's grading lease now, other than `self`; undefined when none does. */
async function otherLeaseHolder(http: KubeHttp, namespace: string, self: string, now: () => Date = () => new Date()): Promise<string | undefined> {
  const lease = await http.get<V1Lease>(`/apis/coordination.k8s.io/v1/namespaces/${segment(namespace)}/leases/${LEASE_NAME}`, { verb: 'get', resource: 'leases.coordination.k8s.io', namespace })
  const holder = lease?.spec?.holderIdentity
  const renewed = lease?.spec?.renewTime ? new Date(lease.spec.renewTime as unknown as string).getTime() : 0
  const expiresAt = renewed + (lease?.spec?.leaseDurationSeconds ?? 0) * 1000
  return holder && holder !== self && expiresAt > now().getTime() ? holder : undefined
}

/** The app may be mid-replacement because another run is grading data-persists: not the student's fault. */
export async function refuseWhileAnotherRunReplacesPods(http: KubeHttp, namespace: string, self: string): Promise<void> {
  const holder = await otherLeaseHolder(http, namespace, self)
  if (holder) throw held(namespace, { kind: 'replacing', run: shownHolder(holder) })
}

function held(namespace: string, by: LeaseHolder): GraderError {
  return runError('LEASE_HELD', 'lease.held', { namespace, by })
}

/** The holder as written in the Lease (anyone who may edit Leases in the namespace wrote it): printable and short. */
function shownHolder(holder: string): string {
  return String(holder)
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 80)
}

/** A Lease's expiry; its fields are free numbers, so the time may be out of Date's range. */
function shownTime(ms: number): string {
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? 'a time out of range' : d.toISOString()
}

function microTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
}
