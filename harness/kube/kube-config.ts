// Loads the kubeconfig the grader should use and turns every way that can go wrong into one sentence.

import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { KubeConfig } from './client-node.js'
import type { RenderedText } from '../i18n/catalogue.js'
import { runError, sentence } from '../i18n/usage-errors.js'
import { boundCredentialPlugins, refuseCredentialCommands, refuseTokenFile } from './credential-commands.js'
import { limitRequestsOf, serverUrl, type KubeRateLimit } from './kube-http.js'

export interface KubeTarget {
  kubeconfigPath?: string
  context?: string
  /**
   * May the kubeconfig's exec credential plugin run? Default true: the instructor's own kubeconfig behaves as
   * kubectl does. False for a kubeconfig nobody vouched for (credential-commands.ts). A legacy auth-provider's
   * cmd-path never runs.
   */
  allowExecPlugins?: boolean
  /** The run's cap on this cluster's requests (a roster's --kube-qps), shared by the clients of this run only. */
  rateLimit?: KubeRateLimit
}

function resolveKubeconfigPath(target: KubeTarget, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (target.kubeconfigPath) return target.kubeconfigPath
  const fromEnv = env.KUBECONFIG?.split(':').find((p) => p !== '')
  if (fromEnv) return fromEnv
  const home = join(homedir(), '.kube', 'config')
  return existsSync(home) ? home : undefined
}

export function loadKubeConfig(target: KubeTarget, env: NodeJS.ProcessEnv = process.env): KubeConfig {
  const path = resolveKubeconfigPath(target, env)
  const kc = new KubeConfig()
  if (!path) {
    if (env.KUBERNETES_SERVICE_HOST) {
      kc.loadFromCluster()
      limitRequestsOf(kc, target.rateLimit)
      return kc
    }
    throw runError('CONFIG', 'kubeconfig.none', {})
  }
  if (!existsSync(path)) throw runError('CONFIG', 'kubeconfig.missing', { path })
  // client-node reads a token file while loading: a kubeconfig nobody vouched for is checked before that.
  if (target.allowExecPlugins === false) refuseTokenFile(path, kubeconfigNamed(path))
  try {
    kc.loadFromFile(path)
  } catch (error) {
    throw runError('CONFIG', 'kubeconfig.unreadable', { path, detail: firstLine(error) })
  }
  if (target.context) {
    if (!kc.getContextObject(target.context)) {
      const known =
        kc
          .getContexts()
          .map((c) => c.name)
          .join(', ') || 'none'
      throw runError('CONFIG', 'kubeconfig.no-context', { path, context: target.context, known })
    }
    kc.setCurrentContext(target.context)
  }
  if (!kc.getCurrentCluster()) {
    throw runError('CONFIG', 'kubeconfig.no-cluster', { path })
  }
  checkAsKubectlDoes(kc, path)
  // Before any request: that is when client-node would run a credential command.
  refuseCredentialCommands(kc, kubeconfigNamed(path), target.allowExecPlugins ?? true)
  boundCredentialPlugins(kc)
  serverUrl(kc.getCurrentCluster()!.server)
  limitRequestsOf(kc, target.rateLimit)
  return kc
}

/**
 * What kubectl refuses before it sends anything: a context that names a user the kubeconfig does not have (kubectl:
 * auth info does not exist; client-node would go on with no credentials), and certificate data that is not PEM
 * (kubectl: unable to load root certificates / client certificate). Files are read by the TLS set-up, which
 * reports its own failure.
 */
function checkAsKubectlDoes(kc: KubeConfig, path: string): void {
  const context = kc.getContextObject(kc.getCurrentContext())
  if (context?.user && !kc.getUser(context.user)) {
    throw runError('CONFIG', 'kubeconfig.no-user', { path, context: context.name, user: context.user })
  }
  const cluster = kc.getCurrentCluster()!
  const user = kc.getCurrentUser()
  const pem: [string, string | undefined, string][] = [
    ['certificate-authority-data', cluster.caData, 'CERTIFICATE-----'],
    ['client-certificate-data', user?.certData, 'CERTIFICATE-----'],
    ['client-key-data', user?.keyData, 'PRIVATE KEY-----'],
  ]
  for (const [field, data, label] of pem) {
    if (data !== undefined && data !== '' && !isPem(Buffer.from(data, 'base64').toString('latin1'), label)) {
      throw runError('CONFIG', 'kubeconfig.bad-pem', { path, field })
    }
  }
}

/** A PEM block of this label (`CERTIFICATE-----`, or any `... PRIVATE KEY-----`) with something between its lines. */
function isPem(text: string, label: string): boolean {
  const begin = text.indexOf('-----BEGIN ')
  if (begin < 0) return false
  const headerEnd = text.indexOf(label, begin)
  const end = text.indexOf('-----END ', headerEnd)
  return headerEnd > begin && end > headerEnd + label.length + 4 && text.indexOf(label, end) > end
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0]
}

/** A kubeconfig file as the sentences of a refusal name it. */
function kubeconfigNamed(path: string): RenderedText {
  return sentence('named.kubeconfig', { path })
}
