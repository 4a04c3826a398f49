// Commands a kubeconfig makes its reader run: `exec` credential plugins and the legacy auth-providers' `cmd-path`.
// @kubernetes/client-node runs them on the first request (ExecAuth spawns `exec.command`; the gcp and azure
// auth-providers run `cmd-path` through a shell when their token has expired), never while loading the file,
// so checking the loaded KubeConfig before any request is early enough.
//
// - The instructor's own kubeconfig (--kubeconfig, KUBECONFIG, ~/.kube/config) behaves as kubectl does: exec plugins
//   run (cloud clusters need them), but the gcp and azure auth-providers' `cmd-path` is refused, since kubectl
//   itself dropped both providers (Kubernetes 1.26) and client-node would run that path through a shell.
// - A kubeconfig named in a roster (which may come from students) runs nothing unless the instructor allowed it, and
//   reads no token file either (client-node would send the file's content to the kubeconfig's server).

import type { ChildProcess, SpawnOptions, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { User } from '@kubernetes/client-node'
import { KubeConfig } from './client-node.js'
import { parse as parseYaml } from 'yaml'
import type { Named } from '../i18n/catalogue.js'
import { usageError } from '../i18n/usage-errors.js'
import { shownName } from './kube-names.js'

export interface CredentialCommand {
  /** The kubeconfig user that carries it. */
  user: string
  kind: 'exec' | 'cmd-path'
  /** The auth-provider's name (`gcp`, `azure`, ...) for `cmd-path`, or for an exec plugin inside an auth-provider. */
  provider?: string
  command: string
}

/** What the kubeconfig's current user would run to get credentials. */
export function credentialCommands(kc: KubeConfig): CredentialCommand[] {
  const user = kc.getCurrentUser()
  return user ? commandsOf(user) : []
}

function commandsOf(user: User): CredentialCommand[] {
  const found: CredentialCommand[] = []
  const exec = (user as { exec?: { command?: unknown } }).exec
  if (exec) found.push({ user: user.name, kind: 'exec', command: String(exec.command ?? '') })
  const provider = user.authProvider as { name?: string; config?: Record<string, unknown> } | undefined
  if (provider) {
    const config = provider.config ?? {}
    const nested = config.exec as { command?: unknown } | undefined
    if (nested || provider.name === 'exec') found.push({ user: user.name, kind: 'exec', provider: provider.name, command: String(nested?.command ?? '') })
    if (typeof config['cmd-path'] === 'string' && config['cmd-path'] !== '') found.push({ user: user.name, kind: 'cmd-path', provider: provider.name, command: config['cmd-path'] })
  }
  return found
}

/**
 * Refuses (UsageError, exit 9) a kubeconfig whose current user would run a command the grader must not run:
 * always a legacy auth-provider `cmd-path`; with `allowExec` false (a roster's kubeconfig the instructor did not
 * vouch for) any exec plugin too. `where` names the kubeconfig in the sentence.
 */
export function refuseCredentialCommands(kc: KubeConfig, where: Named, allowExec: boolean): void {
  for (const c of credentialCommands(kc)) {
    if (c.kind === 'cmd-path') {
      throw usageError('kube.cmd-path', { where, command: shownName(c.command), user: shownName(c.user), provider: shownName(c.provider) })
    }
    if (!allowExec) {
      throw usageError('kube.exec-refused', { where, command: shownName(c.command), user: shownName(c.user) })
    }
  }
}

/**
 * A roster's kubeconfig, checked in the roster run before any student is graded: the file and context the
 * student's grading will use (a file or context that does not work is left to that student's grading to report).
 */
export function checkRosterKubeconfig(path: string, context: string | undefined, where: Named, allowExec: boolean): void {
  // client-node reads a user's `token-file` while LOADING the file and sends it as a bearer token to the server the
  // kubeconfig names: a student's kubeconfig naming the grader's own service account token would receive it.
  // So the raw file is read first, and a token file is allowed only where commands are.
  if (!allowExec) refuseTokenFile(path, where)
  const kc = new KubeConfig()
  try {
    kc.loadFromFile(path)
  } catch {
    return
  }
  if (context) {
    if (!kc.getContextObject(context)) return
    kc.setCurrentContext(context)
  }
  refuseCredentialCommands(kc, where, allowExec)
}

/** Refuses a kubeconfig file that has the grader read a token file (see checkRosterKubeconfig). */
export function refuseTokenFile(path: string, where: Named): void {
  const file = tokenFileOf(path)
  if (file) {
    throw usageError('kube.token-file', { where, path: shownName(file.path), user: shownName(file.user) })
  }
}

/** The first user in a kubeconfig file that takes its token from a file (`token-file`, or an auth-provider's `tokenFile`). */
function tokenFileOf(path: string): { user: string; path: string } | undefined {
  let doc: unknown
  try {
    doc = parseYaml(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
  const users = (doc as { users?: unknown } | null)?.users
  if (!Array.isArray(users)) return undefined
  for (const entry of users as Array<{ name?: unknown; user?: Record<string, unknown> } | null>) {
    const user = entry?.user
    if (!user || typeof user !== 'object') continue
    const provider = user['auth-provider'] as { config?: Record<string, unknown> } | undefined
    const file = user['token-file'] ?? provider?.config?.tokenFile
    if (typeof file === 'string' && file !== '') return { user: String(entry?.name ?? ''), path: file }
  }
  return undefined
}

/**
 * Set (to 1) in a roster's grading job whose kubeconfig came from the roster and was not vouched for: the job's own
 * grading refuses commands and token files again, so a kubeconfig changed after the roster run checked it gains nothing.
 */
export const UNVOUCHED_KUBECONFIG_ENV = 'GRADER_KUBECONFIG_UNVOUCHED'

/** The longest an exec credential plugin may run (kubectl has no limit; the grader's runs have a budget). */
const PLUGIN_DEADLINE_MS = 30_000
const livePlugins = new Set<ChildProcess>()
let killOnExit = false

/**
 * Exec plugins the grader allows still never outlive a run: client-node spawns them and waits with no limit, and a
 * plugin that hangs (waiting for a browser login, say) would keep the process alive after its card was written.
 * So each plugin is killed after PLUGIN_DEADLINE_MS, does not hold the process open, and is killed when it exits.
 */
export function boundCredentialPlugins(kc: KubeConfig): void {
  const authenticators = (kc as unknown as { authenticators?: Array<{ execFn?: typeof spawn }> }).authenticators ?? []
  for (const auth of authenticators) {
    const original = auth.execFn
    if (typeof original !== 'function') continue
    auth.execFn = ((command: string, args: readonly string[], options: SpawnOptions) => {
      const child = original(command, args, options)
      livePlugins.add(child)
      const timer = setTimeout(() => child.kill('SIGKILL'), PLUGIN_DEADLINE_MS)
      timer.unref()
      child.on('exit', () => {
        clearTimeout(timer)
        livePlugins.delete(child)
      })
      child.unref()
      for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as { unref?: () => void } | null)?.unref?.()
      if (!killOnExit) {
        killOnExit = true
        process.once('exit', () => {
          for (const c of livePlugins) c.kill('SIGKILL')
        })
      }
      return child
    }) as typeof spawn
  }
}
