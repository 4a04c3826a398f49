// Checks of the caller's input that must fail before any grading starts, each with one sentence (exit 9):
// the report folder, files named by flags or the environment, ports, timeouts, the kubeconfig's server URL.

import { formatBytes } from '../units/bytes.js'
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { UsageError } from '../errors.js'
import { loadKubeConfig, type KubeTarget } from '../kube/kube-config.js'
import { stripUrlCredentials } from '../scorecard/safe-text.js'

/**
 * Upper limits of the time budgets, in seconds. A Node timer holds at most 2^31-1 ms (24.8 days; a bigger delay
 * fires at once), and no lab run needs more than these: a whole run a day, the pod replacement and an ONTAP
 * command an hour / ten minutes.
 */
export const MAX_RUN_TIMEOUT_SECONDS = 86_400
export const MAX_PERSIST_TIMEOUT_SECONDS = 3_600
export const MAX_ONTAP_TIMEOUT_SECONDS = 600

export const PEM_CERTIFICATE = { what: 'a PEM certificate (-----BEGIN CERTIFICATE-----)', test: /-----BEGIN (TRUSTED )?CERTIFICATE-----/ }
export const PEM_PRIVATE_KEY = { what: 'a PEM or OpenSSH private key (-----BEGIN ... PRIVATE KEY-----)', test: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/ }
/** Files named for the grader are small: a bigger one is not what it should be. */
const MAX_INPUT_FILE_BYTES = 1024 * 1024

export function portNumber(value: string, flag: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`${flag} must be a port number from 1 to 65535, not "${value}".`)
  return n
}

/** A regular, readable file (not a folder), small, and when `pem` is given, holding that kind of PEM block. */
export function checkFile(path: string, shown: string, what: string, pem?: { what: string; test: RegExp }): void {
  let size: number
  try {
    const stat = statSync(path)
    if (stat.isDirectory()) throw new UsageError(`${what} names ${shown}, which is a folder, not a file.`)
    if (!stat.isFile()) throw new UsageError(`${what} names ${shown}, which is not a regular file.`)
    size = stat.size
  } catch (error) {
    if (error instanceof UsageError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(`${what} names ${shown}, which ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unreadable'})`}.`)
  }
  if (size > MAX_INPUT_FILE_BYTES)
    throw new UsageError(`${what} names ${shown}, which is larger than ${formatBytes(MAX_INPUT_FILE_BYTES, 'kib')} and cannot be ${pem ? pem.what : 'what it should be'}.`)
  let head: string
  try {
    const fd = openSync(path, 'r')
    try {
      const buffer = Buffer.alloc(Math.min(size, 64 * 1024))
      head = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8')
    } finally {
      closeSync(fd)
    }
  } catch (error) {
    throw new UsageError(`${what} names ${shown}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`)
  }
  if (pem && !pem.test.test(head)) throw new UsageError(`${what} names ${shown}, which is not ${pem.what}.`)
}

/** The report folder: a folder (or one that can be made) the grader may write in, never a file. */
export function checkOutDir(path: string, shown: string, flag: string): void {
  let dir = path
  for (;;) {
    let stat
    try {
      stat = statSync(dir)
    } catch {
      const parent = dirname(dir)
      if (parent === dir) break
      dir = parent
      continue
    }
    if (!stat.isDirectory()) {
      throw new UsageError(dir === path ? `${flag} names ${shown}, which is a file: name a folder for the reports.` : `${flag} names ${shown}, which cannot be made: ${dir} is a file, not a folder.`)
    }
    try {
      accessSync(dir, constants.W_OK)
    } catch {
      throw new UsageError(`${flag} names ${shown}, but ${dir} is not writable: name a folder the grader may write in.`)
    }
    return
  }
}

/**
 * The kubeconfig's server, when the kubeconfig can be read here (what cannot be read is said by the run's own
 * preflight): an http(s) URL with a host. Shown without credentials.
 */
export function checkKubeServer(target: KubeTarget, env: NodeJS.ProcessEnv): void {
  let server: string | undefined
  try {
    server = loadKubeConfig(target, env).getCurrentCluster()?.server
  } catch {
    return
  }
  if (server === undefined) return
  let url: URL | undefined
  try {
    url = new URL(server)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '' || url.search !== '' || url.hash !== '') {
    throw new UsageError(`The kubeconfig's server "${stripUrlCredentials(server)}" is not an https:// URL of an API server; fix the cluster's server in the kubeconfig.`)
  }
}
