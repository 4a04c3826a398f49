// Kept-alive connections to a cluster's API server: one undici dispatcher per kubeconfig serves every request of
// it (an Agent; for a cluster with a proxy-url, undici's ProxyAgent or Socks5ProxyAgent), made with the TLS settings
// the kubeconfig gives (client-node's KubeConfig reads certificate-authority, client-certificate and key,
// insecure-skip-tls-verify and tls-server-name, and runs exec credential plugins). A new dispatcher replaces it
// should those settings change (an exec plugin's new client certificate). Idle sockets never keep the process alive
// (undici unrefs them); closeKubeConnections() closes them when the lab is done.

import { Agent, ProxyAgent, Socks5ProxyAgent, type Dispatcher } from 'undici'
import type { KubeConfig } from '@kubernetes/client-node'
import { runError } from '../i18n/usage-errors.js'
import { CuttableConnector } from '../http/abortable.js'

/** The TLS settings that decide which server is trusted and who the grader is, as the kubeconfig gives them. */
export interface KubeTls {
  ca?: Buffer | string
  cert?: Buffer | string
  key?: Buffer | string
  pfx?: Buffer | string
  passphrase?: string
  servername?: string
  rejectUnauthorized?: boolean
}

const TLS_SETTINGS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'servername', 'rejectUnauthorized'] as const

/** How long a TCP connect and TLS handshake may take. */
const CONNECT_TIMEOUT_MS = 15_000
/**
 * Connections per kubeconfig: two requests at once (or a watch and a request) each have one, a third waits for one
 * to be free. Without a cap undici opens a connection for a request that follows another at once, as it marks the
 * first connection free only a moment after its answer was read.
 */
const CONNECTIONS = 2

interface Kept {
  settings: unknown[]
  dispatcher: Dispatcher
  /** Its connects in progress, cut when it closes (a direct connection; undici's proxy agents connect themselves). */
  connector?: CuttableConnector
}

const kept = new WeakMap<KubeConfig, Kept>()

/** This kubeconfig's kept-alive dispatcher for these TLS settings (made, or remade when they changed). */
export function kubeDispatcher(kc: KubeConfig, tls: KubeTls): Dispatcher {
  const settings = TLS_SETTINGS.map((name) => tls[name])
  let entry = kept.get(kc)
  if (!entry || !sameSettings(entry.settings, settings)) {
    if (entry) close(entry)
    const chosen = Object.fromEntries(TLS_SETTINGS.filter((name) => tls[name] !== undefined).map((name) => [name, tls[name]]))
    entry = { settings, ...newDispatcher(kc.getCurrentCluster()?.proxyUrl, { ...chosen, timeout: CONNECT_TIMEOUT_MS }) }
    kept.set(kc, entry)
  }
  return entry.dispatcher
}

/** Closes the kubeconfig's kept connections (a lab or a preflight is done with the cluster). */
export function closeKubeConnections(kc: KubeConfig): void {
  const entry = kept.get(kc)
  if (entry) close(entry)
  kept.delete(kc)
}

function close(entry: Kept): void {
  void entry.dispatcher.destroy().catch(() => undefined)
  entry.connector?.cut()
}

function newDispatcher(proxyUrl: string | undefined, connect: KubeTls & { timeout: number }): Omit<Kept, 'settings'> {
  // Redirects are never followed: undici's request() follows none unless told to.
  if (!proxyUrl) {
    const connector = new CuttableConnector(connect)
    return { dispatcher: new Agent({ connect: connector.connect, connections: CONNECTIONS }), connector }
  }
  const protocol = proxyUrl.split(':')[0].toLowerCase()
  // undici's SOCKS5 agent (experimental in undici 7: it warns once) takes the TLS settings for the server behind the
  // proxy as `requestTls`, which its type declarations leave out.
  if (protocol === 'socks5' || protocol === 'socks') return { dispatcher: new Socks5ProxyAgent(proxyUrl, { requestTls: connect } as Socks5ProxyAgent.Options) }
  if (protocol === 'http' || protocol === 'https') return { dispatcher: new ProxyAgent({ uri: proxyUrl, requestTls: connect, proxyTls: { timeout: CONNECT_TIMEOUT_MS }, connections: CONNECTIONS }) }
  // client-node's socks-proxy-agent also spoke socks4 and socks5h; undici speaks SOCKS5 (socks5://, socks://) only.
  throw runError('CONFIG', 'kube.proxy', { scheme: JSON.stringify(protocol).slice(0, 40) })
}

function sameSettings(a: unknown[], b: unknown[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => x === b[i] || (Buffer.isBuffer(x) && Buffer.isBuffer(b[i]) && x.equals(b[i] as Buffer)) || (Array.isArray(x) && JSON.stringify(x) === JSON.stringify(b[i])))
  )
}
