// Runs one command and measures it as a whole: wall time, CPU seconds (user + sys of the process and every
// descendant it waited for) and peak memory (sum of the RSS of its process tree, sampled).
//
// CPU comes from this process's cutime + cstime in /proc/self/stat: a child's time (with that of the children it
// reaped) is added there once the child is reaped. So run one command at a time, with no other child of this
// process ending meanwhile.

import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { sampleTreeMemory } from './process-memory.js'

const TICKS_PER_SECOND = 100 // USER_HZ on Linux

export interface Measured {
  wallMs: number
  /** user + sys of the whole process tree. */
  cpuSeconds: number
  /** Peak of the summed RSS of the process tree (sampled every `sampleMs`). */
  peakMiB: number
  exitCode: number
  stdout: string
  stderr: string
}

export interface MeasureOptions {
  env: NodeJS.ProcessEnv
  cwd: string
  /** Memory sampling interval: short for short commands (a 0.3 s command needs samples every few ms). */
  sampleMs: number
  timeoutMs?: number
}

/** CPU seconds of this process's reaped children (and theirs). */
export function reapedChildrenCpuSeconds(statText = readFileSync('/proc/self/stat', 'utf8')): number {
  // Fields after "(comm)": state(3) ppid ... utime(14) stime(15) cutime(16) cstime(17); comm may hold spaces.
  const fields = statText
    .slice(statText.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number)
  return (fields[13] + fields[14]) / TICKS_PER_SECOND
}

export function measureProcess(file: string, args: string[], opts: MeasureOptions): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const cpuBefore = reapedChildrenCpuSeconds()
    const started = performance.now()
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] })
    const memory = sampleTreeMemory(child.pid ?? process.pid, opts.sampleMs)
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGTERM'), opts.timeoutMs) : undefined
    child.on('error', (e) => {
      clearTimeout(timer)
      memory.stop()
      reject(new Error(`${file} ${args.join(' ')} could not start: ${e.message}`))
    })
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - started
      clearTimeout(timer)
      resolve({
        wallMs: Math.round(wallMs),
        cpuSeconds: Math.round((reapedChildrenCpuSeconds() - cpuBefore) * 100) / 100,
        peakMiB: memory.stop(),
        exitCode: code ?? (signal ? 128 : -1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      })
    })
  })
}
