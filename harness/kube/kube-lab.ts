// What the specs read from and do to a cluster, in lab words. Lists that several objectives need are
// fetched once per run; 404 means "not there" (undefined or an empty list), everything else is a GraderError.
// Every name that comes from the cluster (a PVC's volumeName, a pod's name, TridentVersion's namespace) is
// checked as the Kubernetes name it must be before it reaches a path or a query: a name that is not valid is
// "not there" for the caller, and no request is sent for it (kube-names.ts).

import type {
  CoreV1Event,
  KubeConfig,
  V1CSIDriver,
  V1DaemonSet,
  V1Deployment,
  V1Namespace,
  V1PersistentVolume,
  V1PersistentVolumeClaim,
  V1Pod,
  V1ReplicaSet,
  V1StatefulSet,
  V1StorageClass,
} from '@kubernetes/client-node'
import { GraderError } from '../errors.js'
import { runError } from '../i18n/usage-errors.js'
import { execInPod, type ExecResult } from './kube-exec.js'
import { KubeHttp } from './kube-http.js'
import { isDnsLabel, isDnsSubdomain, isEqualitySelector, segment, shownName } from './kube-names.js'
import { waitForPod } from './kube-watch.js'

export type { ExecResult }

/** A Trident custom resource as the specs need it: metadata plus free-form spec/status. */
export interface TridentObject {
  apiVersion?: string
  kind?: string
  metadata: { name: string; namespace?: string; uid?: string }
  spec?: Record<string, any>
  status?: Record<string, any>
  [key: string]: unknown
}

export const TRIDENT_GROUP = 'trident.netapp.io'

export class KubeLab {
  readonly http: KubeHttp
  /** The student namespace as a path segment. */
  private readonly ns: string
  private readonly cache = new Map<string, Promise<unknown>>()

  constructor(
    readonly kc: KubeConfig,
    readonly namespace: string,
    private readonly signal?: AbortSignal,
    counter?: { requests: number },
  ) {
    if (!isDnsLabel(namespace)) throw runError('CONFIG', 'kube.bad-namespace', { namespace: shownName(namespace) })
    this.ns = segment(namespace)
    this.http = new KubeHttp(kc, signal, counter)
  }

  /** The same access without cancellation, for cleanup that must run even after the run was stopped. */
  uncancellable(): KubeLab {
    return new KubeLab(this.kc, this.namespace, undefined, this.http.counter)
  }

  get requestCount(): number {
    return this.http.requests
  }

  /** Caches one read per run: every objective sees the same snapshot and the API is asked once. */
  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, read())
    return this.cache.get(key) as Promise<T>
  }

  /** Drops cached reads of the student namespace's workloads (after data-persists replaced a pod). */
  forget(prefix: string): void {
    for (const key of [...this.cache.keys()]) if (key.startsWith(prefix)) this.cache.delete(key)
  }

  serverVersion(): Promise<string | undefined> {
    return this.once('version', async () => (await this.http.version())?.gitVersion)
  }

  studentNamespace(): Promise<V1Namespace | undefined> {
    return this.once('ns', () => this.http.get<V1Namespace>(`/api/v1/namespaces/${this.ns}`, { verb: 'get', resource: 'namespaces' }))
  }

  csiDriver(name: string): Promise<V1CSIDriver | undefined> {
    if (!isDnsSubdomain(name)) return Promise.resolve(undefined)
    // Kubernetes 1.14 to 1.17 serve CSIDriver only at storage.k8s.io/v1beta1 (Trident 19.07 to 21.04 made it there).
    return this.once(
      `csidriver/${name}`,
      async () =>
        (await this.http.get<V1CSIDriver>(`/apis/storage.k8s.io/v1/csidrivers/${encodeURIComponent(name)}`, { verb: 'get', resource: 'csidrivers' })) ??
        this.http.get<V1CSIDriver>(`/apis/storage.k8s.io/v1beta1/csidrivers/${encodeURIComponent(name)}`, { verb: 'get', resource: 'csidrivers' }),
    )
  }

  storageClasses(): Promise<V1StorageClass[]> {
    return this.once('storageclasses', () => this.http.list<V1StorageClass>('/apis/storage.k8s.io/v1/storageclasses', { verb: 'list', resource: 'storageclasses' }))
  }

  /** The PV of this name; undefined when there is none or the name is not a valid PV name (e.g. a crafted volumeName). */
  persistentVolume(name: string): Promise<V1PersistentVolume | undefined> {
    if (!isDnsSubdomain(name)) return Promise.resolve(undefined)
    return this.once(`pv/${name}`, () => this.http.get<V1PersistentVolume>(`/api/v1/persistentvolumes/${segment(name)}`, { verb: 'get', resource: 'persistentvolumes' }))
  }

  /** Trident CRs of one kind (plural, e.g. `tridentversions`), all namespaces; empty when the CRD is absent. */
  tridentObjects(plural: string): Promise<TridentObject[]> {
    if (!isDnsLabel(plural)) throw new GraderError('INTERNAL', `${shownName(plural)} is not a resource name.`)
    return this.once(`trident/${plural}`, () => this.http.list<TridentObject>(`/apis/${TRIDENT_GROUP}/v1/${plural}`, { verb: 'list', resource: `${plural}.${TRIDENT_GROUP}` }))
  }

  /** Deployments in another namespace (Trident's, named by TridentVersion); none when the namespace or selector is not valid. */
  deploymentsIn(namespace: string, labelSelector?: string): Promise<V1Deployment[]> {
    if (!isDnsLabel(namespace) || !validSelector(labelSelector)) return Promise.resolve([])
    return this.once(`deployments/${namespace}/${labelSelector ?? ''}`, () =>
      this.http.list<V1Deployment>(`/apis/apps/v1/namespaces/${segment(namespace)}/deployments${query({ labelSelector })}`, { verb: 'list', resource: 'deployments', namespace }),
    )
  }

  daemonSetsIn(namespace: string, labelSelector?: string): Promise<V1DaemonSet[]> {
    if (!isDnsLabel(namespace) || !validSelector(labelSelector)) return Promise.resolve([])
    return this.once(`daemonsets/${namespace}/${labelSelector ?? ''}`, () =>
      this.http.list<V1DaemonSet>(`/apis/apps/v1/namespaces/${segment(namespace)}/daemonsets${query({ labelSelector })}`, { verb: 'list', resource: 'daemonsets', namespace }),
    )
  }

  // ---- the student namespace

  pvcs(): Promise<V1PersistentVolumeClaim[]> {
    return this.once('student/pvcs', () =>
      this.http.list<V1PersistentVolumeClaim>(`/api/v1/namespaces/${this.ns}/persistentvolumeclaims`, { verb: 'list', resource: 'persistentvolumeclaims', namespace: this.namespace }),
    )
  }

  deployments(): Promise<V1Deployment[]> {
    return this.once('student/deployments', () => this.http.list<V1Deployment>(`/apis/apps/v1/namespaces/${this.ns}/deployments`, { verb: 'list', resource: 'deployments', namespace: this.namespace }))
  }

  statefulSets(): Promise<V1StatefulSet[]> {
    return this.once('student/statefulsets', () =>
      this.http.list<V1StatefulSet>(`/apis/apps/v1/namespaces/${this.ns}/statefulsets`, { verb: 'list', resource: 'statefulsets', namespace: this.namespace }),
    )
  }

  replicaSets(): Promise<V1ReplicaSet[]> {
    return this.once('student/replicasets', () => this.http.list<V1ReplicaSet>(`/apis/apps/v1/namespaces/${this.ns}/replicasets`, { verb: 'list', resource: 'replicasets', namespace: this.namespace }))
  }

  /** Pods now (not cached: data-persists needs fresh state), with the list's resourceVersion for a watch. */
  async pods(labelSelector?: string): Promise<{ items: V1Pod[]; resourceVersion?: string }> {
    if (!validSelector(labelSelector)) return { items: [] }
    return this.http.listWithVersion<V1Pod>(`/api/v1/namespaces/${this.ns}/pods${query({ labelSelector })}`, { verb: 'list', resource: 'pods', namespace: this.namespace })
  }

  /** Events about one object in the student namespace, oldest first. */
  async eventsFor(kind: string, name: string): Promise<CoreV1Event[]> {
    // A name with `,` or `=` would add terms to the field selector: only valid names are asked about.
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(kind) || !isDnsSubdomain(name)) return []
    const fieldSelector = `involvedObject.kind=${kind},involvedObject.name=${name}`
    const items = await this.http.list<CoreV1Event>(`/api/v1/namespaces/${this.ns}/events${query({ fieldSelector })}`, {
      verb: 'list',
      resource: 'events',
      namespace: this.namespace,
    })
    return items.sort((a, b) => eventTime(a) - eventTime(b))
  }

  exec(pod: string, container: string, command: string[], timeoutMs = 20_000): Promise<ExecResult> {
    if (!isDnsSubdomain(pod) || !isDnsLabel(container)) {
      return Promise.reject(runError('KUBE_API', 'kube.bad-container', { pod: shownName(pod), container: shownName(container) }))
    }
    this.http.counter.requests++
    return execInPod(this.kc, { namespace: this.namespace, pod, container }, command, timeoutMs, this.signal)
  }

  /** Deletes exactly this pod (UID precondition: never a successor that took its name). */
  async deletePod(name: string, uid: string): Promise<void> {
    if (!isDnsSubdomain(name)) throw runError('KUBE_API', 'kube.bad-pod', { pod: shownName(name) })
    await this.http.send('DELETE', `/api/v1/namespaces/${this.ns}/pods/${segment(name)}`, { preconditions: { uid } }, { verb: 'delete', resource: 'pods', namespace: this.namespace })
  }

  waitForPod(options: { labelSelector?: string; resourceVersion?: string; signal: AbortSignal }, accept: (pod: V1Pod) => boolean): Promise<V1Pod> {
    if (!validSelector(options.labelSelector)) {
      return Promise.reject(runError('KUBE_API', 'kube.bad-selector', { selector: shownName(options.labelSelector) }))
    }
    return waitForPod(this.http, { namespace: this.namespace, ...options }, accept)
  }
}

/** No selector, or an equality selector whose keys and values are valid labels. */
function validSelector(selector: string | undefined): boolean {
  return selector === undefined || selector === '' || isEqualitySelector(selector)
}

function query(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
  return entries.length === 0 ? '' : '?' + new URLSearchParams(entries).toString()
}

function eventTime(e: CoreV1Event): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp
  return t ? new Date(t as unknown as string).getTime() : 0
}
