// Peak memory of a process tree (this process and every descendant), sampled from /proc.

import { readdirSync, readFileSync } from 'node:fs'

function children(): Map<number, number[]> {
  const tree = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      tree.set(ppid, [...(tree.get(ppid) ?? []), Number(entry)])
    } catch {
      // The process ended while we looked.
    }
  }
  return tree
}

function rssKiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
  } catch {
    return 0
  }
}

/** Samples the resident memory of `root` and its descendants; `stop()` returns the peak in MiB. */
export function sampleTreeMemory(root = process.pid, everyMs = 250): { stop(): number } {
  let peak = 0
  const sample = () => {
    const tree = children()
    let total = 0
    const stack = [root]
    while (stack.length > 0) {
      const pid = stack.pop()!
      total += rssKiB(pid)
      stack.push(...(tree.get(pid) ?? []))
    }
    peak = Math.max(peak, total)
  }
  const timer = setInterval(sample, everyMs)
  sample()
  return {
    stop() {
      clearInterval(timer)
      sample()
      return Math.round(peak / 1024)
    },
  }
}
