// Finding Trident in a cluster, whatever its version: CSI Trident since 19.07 (`trident-csi` before 23.01,
// `trident-controller` / `trident-node-linux` since), found by labels rather than names.

import type { V1DaemonSet, V1Deployment } from '@kubernetes/client-node'
import type { KubeLab, TridentObject } from '../kube/kube-lab.js'

export const CSI_PROVISIONER = 'csi.trident.netapp.io'
export const LEGACY_PROVISIONER = 'netapp.io/trident'
const CONTROLLER_SELECTOR = 'app=controller.csi.trident.netapp.io'
const NODE_SELECTOR = 'app=node.csi.trident.netapp.io'
/** Pre-CSI Trident's pods carried app=trident.netapp.io. */
const LEGACY_SELECTOR = 'app=trident.netapp.io'
const DEFAULT_TRIDENT_NAMESPACE = 'trident'

export interface TridentInstall {
  namespace: string
  csiDriver: boolean
  controllers: V1Deployment[]
  /** Node DaemonSets, Linux first: since 20.07 a `trident-csi-windows` / `trident-node-windows` DaemonSet carries
   * the same node label, usually with 0 pods desired on a Linux-only cluster. */
  nodes: V1DaemonSet[]
  versions: TridentObject[]
  /** Version string from TridentVersion (e.g. `25.06.0`), if any. */
  version?: string
  legacyDeployments: V1Deployment[]
}

export async function findTrident(kube: KubeLab): Promise<TridentInstall> {
  const [driver, versions] = await Promise.all([kube.csiDriver(CSI_PROVISIONER), kube.tridentObjects('tridentversions')])
  // TridentVersion lives in Trident's own namespace; that is where the workloads are too.
  const namespace = versions[0]?.metadata.namespace ?? DEFAULT_TRIDENT_NAMESPACE
  const [controllers, nodes, legacyDeployments] = await Promise.all([
    kube.deploymentsIn(namespace, CONTROLLER_SELECTOR),
    kube.daemonSetsIn(namespace, NODE_SELECTOR),
    driver ? Promise.resolve([]) : kube.deploymentsIn(namespace, LEGACY_SELECTOR),
  ])
  return {
    namespace,
    csiDriver: driver !== undefined,
    // A Deployment left over from an upgrade (e.g. `trident-csi` scaled to 0 next to `trident-controller`) is not
    // the controller: the one with replicas wanted comes first.
    controllers: [...controllers].sort((a, b) => Number(wanted(b) > 0) - Number(wanted(a) > 0)),
    nodes: [...nodes].sort((a, b) => Number(isWindows(a)) - Number(isWindows(b))),
    versions,
    version: versionOf(versions[0]),
    legacyDeployments,
  }
}

const wanted = (d: V1Deployment) => d.spec?.replicas ?? 1

/** A DaemonSet for Windows nodes: it selects them, or is named so as Trident names it. */
function isWindows(ds: V1DaemonSet): boolean {
  const selector = ds.spec?.template?.spec?.nodeSelector ?? {}
  return selector['kubernetes.io/os'] === 'windows' || selector['beta.kubernetes.io/os'] === 'windows' || /-windows$/.test(ds.metadata?.name ?? '')
}

function versionOf(v: TridentObject | undefined): string | undefined {
  if (!v) return undefined
  const value = (v as { trident_version?: unknown }).trident_version ?? v.spec?.trident_version ?? v.status?.trident_version
  // The student's cluster wrote it: printable ASCII and a version's length only (it goes into every card's header).
  return typeof value === 'string' ? value.replace(/[^\x20-\x7e]/g, '?').slice(0, 64) : undefined
}
