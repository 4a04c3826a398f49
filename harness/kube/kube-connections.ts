// Kept-alive connections to a cluster's API server. client-node's KubeConfig.applyToHTTPSOptions makes a new
// https.Agent for every request, so every request paid a TCP connect and a full TLS handshake (about thirty per
// student). Here one keep-alive agent per kubeconfig, made with the very TLS settings client-node chose, serves
// them all, and a new one replaces it should those settings change (an exec plugin's new client certificate).
// A proxy's agent (proxy-url) is left as client-node made it. Idle sockets never keep the process alive (Node unrefs
// them); closeKubeConnections() closes them when the lab is done.

import https from 'node:https'
import type { KubeConfig } from '@kubernetes/client-node'

/** The agent options that decide which server is trusted and who the grader is. */
const TLS_SETTINGS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'servername', 'rejectUnauthorized', 'checkServerIdentity', 'ciphers', 'secureProtocol', 'minVersion', 'maxVersion'] as const

interface Kept {
  settings: unknown[]
  agent: https.Agent
}

const kept = new WeakMap<KubeConfig, Kept>()

/** Swaps the request's one-off agent (client-node's) for this kubeconfig's keep-alive agent with the same TLS settings. */
export function keepAlive(kc: KubeConfig, options: https.RequestOptions): void {
  const made = options.agent
  if (!(made instanceof https.Agent) || made.constructor !== https.Agent) return
  const madeWith = (made as https.Agent & { options: https.AgentOptions }).options
  const settings = TLS_SETTINGS.map((name) => madeWith[name])
  let entry = kept.get(kc)
  if (!entry || !sameSettings(entry.settings, settings)) {
    entry?.agent.destroy()
    const chosen = Object.fromEntries(TLS_SETTINGS.filter((name) => madeWith[name] !== undefined).map((name) => [name, madeWith[name]]))
    entry = { settings, agent: new https.Agent({ ...chosen, keepAlive: true }) }
    kept.set(kc, entry)
  }
  made.destroy()
  options.agent = entry.agent
}

/** Closes the kubeconfig's kept connections (a lab or a preflight is done with the cluster). */
export function closeKubeConnections(kc: KubeConfig): void {
  kept.get(kc)?.agent.destroy()
  kept.delete(kc)
}

function sameSettings(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i] || (Buffer.isBuffer(x) && Buffer.isBuffer(b[i]) && x.equals(b[i] as Buffer)) || (Array.isArray(x) && JSON.stringify(x) === JSON.stringify(b[i])))
}
