// Checks of the caller's input that must fail before any grading starts, each with one sentence (exit 9):
// the report folder, files named by flags or the environment, ports, timeouts, the kubeconfig's server URL.

import { formatBytes } from '../units/bytes.js'
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { UsageError } from '../errors.js'
import type { Named } from '../i18n/catalogue.js'
import { usageError } from '../i18n/usage-errors.js'
import type { PemKind } from '../i18n/usage-errors-en.js'
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

/** How each kind of PEM file named for the grader begins (usage-errors-en.ts says what each kind is). */
const PEM_BLOCK: Record<PemKind, RegExp> = {
  certificate: /-----BEGIN (TRUSTED )?CERTIFICATE-----/,
  'private-key': /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/,
}
/** Files named for the grader are small: a bigger one is not what it should be. */
const MAX_INPUT_FILE_BYTES = 1024 * 1024

export function portNumber(value: string, flag: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > 65535) throw usageError('port.invalid', { flag, value })
  return n
}

/** A regular, readable file (not a folder), small, and when `pem` is given, holding that kind of PEM block. */
export function checkFile(path: string, shown: string, what: Named, pem?: PemKind): void {
  let size: number
  try {
    const stat = statSync(path)
    if (stat.isDirectory()) throw usageError('file.folder', { what, shown })
    if (!stat.isFile()) throw usageError('file.not-regular', { what, shown })
    size = stat.size
  } catch (error) {
    if (error instanceof UsageError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw code === 'ENOENT' ? usageError('file.missing', { what, shown }) : usageError('file.unreadable', { what, shown, code: code ?? '?' })
  }
  if (size > MAX_INPUT_FILE_BYTES) throw usageError('file.too-big', { what, shown, limit: formatBytes(MAX_INPUT_FILE_BYTES, 'kib'), pem })
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
    throw usageError('file.unreadable', { what, shown, code: (error as NodeJS.ErrnoException).code ?? '?' })
  }
  if (pem && !PEM_BLOCK[pem].test(head)) throw usageError('file.not-pem', { what, shown, pem })
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
      throw dir === path ? usageError('out.is-file', { flag, shown }) : usageError('out.under-file', { flag, shown, dir })
    }
    try {
      accessSync(dir, constants.W_OK)
    } catch {
      throw usageError('out.not-writable', { flag, shown, dir })
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
    throw usageError('kube.server-invalid', { server: stripUrlCredentials(server) })
  }
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

/** A student's name: a namespace (DNS-1123 label). Nothing is read or written for a name that is not one. */
export function checkStudentName(student: string): void {
  if (student.length > 63 || !DNS1123_LABEL.test(student)) throw usageError('student.invalid', { student })
}
