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

/** A kind of Kubernetes object the grader reads: where its API is, and (as `T`) what an object of it looks like. */
export interface Kind<T> {
  /** API group: '' for the core group. */
  group: string
  version: string
  /** Plural resource name. */
  resource: string
  namespaced: boolean
  /** Only carries the object type. */
  readonly type?: T
}

/** A kind, typed: `kind<V1Service>('', 'v1', 'services', true)`. */
export function kind<T>(group: string, version: string, resource: string, namespaced: boolean): Kind<T> {
  return { group, version, resource, namespaced }
}

/** The kinds the lab's objectives read (an objective may declare its own with kind()). */
export const KINDS = {
  namespace: kind<V1Namespace>('', 'v1', 'namespaces', false),
  persistentVolume: kind<V1PersistentVolume>('', 'v1', 'persistentvolumes', false),
  persistentVolumeClaim: kind<V1PersistentVolumeClaim>('', 'v1', 'persistentvolumeclaims', true),
  storageClass: kind<V1StorageClass>('storage.k8s.io', 'v1', 'storageclasses', false),
  csiDriver: kind<V1CSIDriver>('storage.k8s.io', 'v1', 'csidrivers', false),
  csiDriverV1beta1: kind<V1CSIDriver>('storage.k8s.io', 'v1beta1', 'csidrivers', false),
  deployment: kind<V1Deployment>('apps', 'v1', 'deployments', true),
  daemonSet: kind<V1DaemonSet>('apps', 'v1', 'daemonsets', true),
  statefulSet: kind<V1StatefulSet>('apps', 'v1', 'statefulsets', true),
  replicaSet: kind<V1ReplicaSet>('apps', 'v1', 'replicasets', true),
  trident: (plural: string) => kind<TridentObject>(TRIDENT_GROUP, 'v1', plural, false),
} as const

/** Where a read looks: the student's namespace (default for namespaced kinds), another namespace, or all of them. */
export interface ReadScope {
  /** A namespace other than the student's; `*`: every namespace. */
  namespace?: string
  labelSelector?: string
}

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

  /** Drops cached reads in the student namespace (after data-persists replaced a pod). */
  forgetStudentNamespace(): void {
    const inNamespace = `/namespaces/${this.ns}/`
    for (const key of [...this.cache.keys()]) if (key.includes(inNamespace)) this.cache.delete(key)
  }

  serverVersion(): Promise<string | undefined> {
    return this.once('version', async () => (await this.http.version())?.gitVersion)
  }

  /**
   * Every object of a kind (one read per run: cached), in the student's namespace unless `scope` names another or
   * `*` (all). Empty when the API does not serve the kind or a name in the request would not be valid (no request
   * is sent for it).
   */
  list<T>(kind: Kind<T>, scope: ReadScope = {}): Promise<T[]> {
    const path = this.collectionPath(kind, scope.namespace)
    if (path === undefined || !validSelector(scope.labelSelector)) return Promise.resolve([])
    const namespace = kind.namespaced && scope.namespace !== '*' ? (scope.namespace ?? this.namespace) : undefined
    return this.once(`list ${path} ${scope.labelSelector ?? ''}`, () =>
      this.http.list<T>(`${path}${query({ labelSelector: scope.labelSelector })}`, { verb: 'list', resource: accessName(kind), namespace }),
    )
  }

  /** One object of a kind by name (cached), or undefined when there is none or the name is not a valid one. */
  get<T>(kind: Kind<T>, name: string, scope: Pick<ReadScope, 'namespace'> = {}): Promise<T | undefined> {
    const path = this.collectionPath(kind, scope.namespace)
    if (path === undefined || scope.namespace === '*' || !isDnsSubdomain(name)) return Promise.resolve(undefined)
    const namespace = kind.namespaced ? (scope.namespace ?? this.namespace) : undefined
    return this.once(`get ${path}/${name}`, () => this.http.get<T>(`${path}/${segment(name)}`, { verb: 'get', resource: accessName(kind), namespace }))
  }

  /** The API path of a kind's collection; undefined when a part of it is not a valid name. */
  private collectionPath(kind: Kind<unknown>, namespace: string | undefined): string | undefined {
    if (!isDnsLabel(kind.resource) || (kind.group !== '' && !isDnsSubdomain(kind.group)) || !isDnsLabel(kind.version)) return undefined
    const base = kind.group === '' ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`
    if (!kind.namespaced || namespace === '*') return `${base}/${kind.resource}`
    const ns = namespace ?? this.namespace
    return isDnsLabel(ns) ? `${base}/namespaces/${segment(ns)}/${kind.resource}` : undefined
  }

  studentNamespace(): Promise<V1Namespace | undefined> {
    return this.get(KINDS.namespace, this.namespace)
  }

  async csiDriver(name: string): Promise<V1CSIDriver | undefined> {
    // Kubernetes 1.14 to 1.17 serve CSIDriver only at storage.k8s.io/v1beta1 (Trident 19.07 to 21.04 made it there).
    return (await this.get(KINDS.csiDriver, name)) ?? this.get(KINDS.csiDriverV1beta1, name)
  }

  storageClasses(): Promise<V1StorageClass[]> {
    return this.list(KINDS.storageClass)
  }

  /** The PV of this name; undefined when there is none or the name is not a valid PV name (e.g. a crafted volumeName). */
  persistentVolume(name: string): Promise<V1PersistentVolume | undefined> {
    return this.get(KINDS.persistentVolume, name)
  }

  /** Trident CRs of one kind (plural, e.g. `tridentversions`), all namespaces; empty when the CRD is absent. */
  tridentObjects(plural: string): Promise<TridentObject[]> {
    if (!isDnsLabel(plural)) throw new GraderError('INTERNAL', `${shownName(plural)} is not a resource name.`)
    return this.list(KINDS.trident(plural))
  }

  /** Deployments in another namespace (Trident's, named by TridentVersion); none when the namespace or selector is not valid. */
  deploymentsIn(namespace: string, labelSelector?: string): Promise<V1Deployment[]> {
    return isDnsLabel(namespace) ? this.list(KINDS.deployment, { namespace, labelSelector }) : Promise.resolve([])
  }

  daemonSetsIn(namespace: string, labelSelector?: string): Promise<V1DaemonSet[]> {
    return isDnsLabel(namespace) ? this.list(KINDS.daemonSet, { namespace, labelSelector }) : Promise.resolve([])
  }

  // ---- the student namespace

  pvcs(): Promise<V1PersistentVolumeClaim[]> {
    return this.list(KINDS.persistentVolumeClaim)
  }

  deployments(): Promise<V1Deployment[]> {
    return this.list(KINDS.deployment)
  }

  statefulSets(): Promise<V1StatefulSet[]> {
    return this.list(KINDS.statefulSet)
  }

  replicaSets(): Promise<V1ReplicaSet[]> {
    return this.list(KINDS.replicaSet)
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

/** The resource as an objective's access names it (RBAC): `plural` in the core and built-in groups, `plural.group` for a CRD's. */
function accessName(kind: Kind<unknown>): string {
  return kind.group === TRIDENT_GROUP ? `${kind.resource}.${kind.group}` : kind.resource
}

function query(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
  return entries.length === 0 ? '' : '?' + new URLSearchParams(entries).toString()
}

function eventTime(e: CoreV1Event): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp
  return t ? new Date(t as unknown as string).getTime() : 0
}
