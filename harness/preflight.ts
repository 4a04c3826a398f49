// Before any objective runs: can the grader reach the cluster at all? One request; a failure here is one
// clear sentence instead of eight identical errors. It runs inside the run's budget: `signal` aborts it.

import { loadKubeConfig, type KubeTarget } from './kube/kube-config.js'
import { closeKubeConnections } from './kube/kube-connections.js'
import { KubeHttp } from './kube/kube-http.js'

export interface Preflight {
  /** The API server, without any `user:password@`. */
  kubeServer: string
  kubeContext?: string
  kubernetesVersion?: string
  /** Requests the preflight sent. */
  requests: number
}

export async function preflight(kube: KubeTarget, signal?: AbortSignal): Promise<Preflight> {
  const kc = loadKubeConfig(kube)
  const http = new KubeHttp(kc, signal)
  try {
    const version = await http.version()
    return { kubeServer: http.server, kubeContext: kc.getCurrentContext(), kubernetesVersion: version?.gitVersion, requests: http.requests }
  } finally {
    closeKubeConnections(kc)
  }
}
