// Where the CPU of a benchmark run went, from /proc: the whole machine's busy time, and the part the grading
// processes used (children of this process: their time is added to ours when they are reaped). The rest is
// the lab cluster (API server, kubelet, containerd, the Trident double, the ONTAP simulator) and the kernel.

import { readFileSync } from 'node:fs'

const TICKS_PER_SECOND = 100 // USER_HZ on Linux

export interface CpuSeconds {
  /** Busy time of all cores together. */
  machine: number
  /** Grading processes (reaped children of this process). */
  grader: number
}

function snapshot(): CpuSeconds {
  // cpu  user nice system idle iowait irq softirq steal ...
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
  const busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7]
  // Fields after "(comm)": state(3) ppid ... utime(14) stime(15) cutime(16) cstime(17)
  const stat = readFileSync('/proc/self/stat', 'utf8')
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number)
  const children = fields[13] + fields[14]
  return { machine: busy / TICKS_PER_SECOND, grader: children / TICKS_PER_SECOND }
}

/** Starts counting; `stop()` returns the CPU seconds used since. */
export function measureCpu(): { stop(): CpuSeconds } {
  const start = snapshot()
  return {
    stop() {
      const end = snapshot()
      return { machine: round(end.machine - start.machine), grader: round(end.grader - start.grader) }
    },
  }
}

const round = (s: number) => Math.round(s * 10) / 10
