// Lab step "NetApp Trident のインストール": Trident runs as a CSI driver with its controller and node pods.

import { findTrident } from '../harness/lab/trident.js'
import { objective } from './support/objective.js'

objective('trident-installed', async ({ lab, see, fail, detected }) => {
  const trident = await findTrident(lab.kube)
  detected({ kubernetesVersion: await lab.kube.serverVersion(), tridentVersion: trident.version })
  see(`Trident in namespace ${trident.namespace}`, {
    csiDriver: trident.csiDriver,
    controllers: trident.controllers.map((d) => ({ name: d.metadata?.name, replicas: d.spec?.replicas, available: d.status?.availableReplicas ?? 0 })),
    nodes: trident.nodes.map((d) => ({ name: d.metadata?.name, desired: d.status?.desiredNumberScheduled, ready: d.status?.numberReady })),
    version: trident.version,
  })

  if (!trident.csiDriver) {
    if (trident.legacyDeployments.length > 0) return fail('trident.legacy-only', { what: `Deployment ${trident.legacyDeployments[0].metadata?.name}` })
    return fail('trident.no-csidriver')
  }

  const controller = trident.controllers[0]
  if (!controller) return fail('trident.no-controller')
  const wanted = controller.spec?.replicas ?? 1
  const available = controller.status?.availableReplicas ?? 0
  if (wanted < 1 || available < wanted) {
    return fail('trident.controller-unavailable', { name: `${trident.namespace}/${controller.metadata?.name}`, ready: available, desired: wanted })
  }

  // findTrident lists Linux DaemonSets first: since 22.10 a Windows node DaemonSet carries the same label with 0 pods desired.
  const node = trident.nodes[0]
  if (!node) return fail('trident.no-node')
  const desired = node.status?.desiredNumberScheduled ?? 0
  const ready = node.status?.numberReady ?? 0
  if (desired < 1 || ready < desired) return fail('trident.node-not-ready', { name: `${trident.namespace}/${node.metadata?.name}`, ready, desired })

  if (trident.versions.length === 0) return fail('trident.no-version')
})
