// CPU accounting of a benchmark run: a child that burns CPU shows up as grader time once it has ended.

import { execa } from 'execa'
import { expect, it } from 'vitest'
import { measureCpu } from './cpu-usage.js'

it("counts the CPU of ended child processes as grader time, within the machine's busy time", async () => {
  const cpu = measureCpu()
  // 0.6 s of the child's own CPU time, however busy the machine (a wall-clock loop gets less when other work runs).
  await execa(process.execPath, ['-e', 'while (process.cpuUsage().user + process.cpuUsage().system < 600_000);'])
  const used = cpu.stop()
  expect(used.grader).toBeGreaterThanOrEqual(0.4)
  expect(used.machine).toBeGreaterThanOrEqual(used.grader)
}, 20_000)
