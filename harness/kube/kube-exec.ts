// `kubectl exec` as a promise: stdout, stderr and the exit code, with a deadline, a cap on what is read (the
// pod's image is the student's: its `cat` may print without end) and cancellation.

import { PassThrough } from 'node:stream'
import type { KubeConfig, V1Status } from '@kubernetes/client-node'
import { Exec } from './client-node.js'
import type { GraderError } from '../errors.js'
import { runError } from '../i18n/usage-errors.js'
import { formatBytes } from '../units/bytes.js'
import { stripUrlCredentials } from '../scorecard/safe-text.js'

/** The most the grader reads of one exec's stdout or stderr (its commands print a few bytes). */
const MAX_EXEC_OUTPUT_BYTES = 1024 * 1024

export interface ExecResult {
  stdout: string
  stderr: string
  /** The command's exit code; -1 when the command could not start (see `startError`). */
  exitCode: number
  /** Why the command did not start, e.g. the executable is missing from the image. */
  startError?: string
}

export async function execInPod(kc: KubeConfig, target: { namespace: string; pod: string; container: string }, command: string[], timeoutMs: number, signal?: AbortSignal): Promise<ExecResult> {
  signal?.throwIfAborted()
  let status: V1Status | undefined
  let socket: { close(): void; on(event: string, fn: (...args: any[]) => void): void } | undefined
  let fail: (error: unknown) => void = () => {}
  const tooMuch = () => {
    socket?.close()
    fail(runError('KUBE_API', 'kube.exec-too-much', { pod: `${target.namespace}/${target.pod}`, limit: formatBytes(MAX_EXEC_OUTPUT_BYTES, 'limit') }))
  }
  const stdout = collect(tooMuch)
  const stderr = collect(tooMuch)
  const done = new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      socket?.close()
      reject(signal!.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    fail = (error) => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      reject(error)
    }
    const timer = setTimeout(() => {
      socket?.close()
      reject(runError('KUBE_API', 'kube.exec-timeout', { pod: `${target.namespace}/${target.pod}`, seconds: Math.round(timeoutMs / 1000) }))
    }, timeoutMs)
    new Exec(kc)
      .exec(target.namespace, target.pod, target.container, command, stdout.stream, stderr.stream, null, false, (s) => {
        status = s
      })
      .then((ws) => {
        socket = ws as unknown as typeof socket
        socket!.on('close', () => {
          clearTimeout(timer)
          signal?.removeEventListener('abort', onAbort)
          resolve()
        })
        if (signal?.aborted) socket!.close()
      })
      .catch((error: unknown) => fail(execError(target, error)))
  })
  await done
  return toResult(status, stdout.text(), stderr.text())
}

function toResult(status: V1Status | undefined, stdout: string, stderr: string): ExecResult {
  if (!status || status.status === 'Success') return { stdout, stderr, exitCode: 0 }
  const exitCause = status.details?.causes?.find((c) => c.reason === 'ExitCode')
  if (exitCause?.message !== undefined) return { stdout, stderr, exitCode: Number(exitCause.message) }
  // No exit code: the process never started (missing executable, container gone, ...).
  return { stdout, stderr, exitCode: -1, startError: status.message ?? 'the command did not start' }
}

function execError(target: { namespace: string; pod: string }, error: unknown): GraderError {
  const text = stripUrlCredentials(String((error as { message?: unknown })?.message ?? error)).replace(/[^\x20-\x7e\n]/g, '?')
  if (/\b403\b/.test(text)) {
    // exec over WebSocket is authorized as `get` on pods/exec up to Kubernetes 1.34, and also as `create` since 1.35.
    return runError('KUBE_FORBIDDEN', 'kube.exec-forbidden', { namespace: target.namespace })
  }
  if (/\b401\b/.test(text)) return runError('KUBE_UNAUTHORIZED', 'kube.exec-unauthorized', {})
  return runError('KUBE_API', 'kube.exec-failed', { pod: `${target.namespace}/${target.pod}`, detail: text.split('\n')[0] })
}

function collect(tooMuch: () => void): { stream: PassThrough; text(): string } {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  let size = 0
  stream.on('data', (c: Buffer) => {
    size += c.length
    if (size > MAX_EXEC_OUTPUT_BYTES) return tooMuch()
    chunks.push(c)
  })
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
}
