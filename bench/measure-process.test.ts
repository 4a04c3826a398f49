// Measuring one command: its whole process tree's CPU and memory, not just the first process's.

import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { graderInvocation } from './grader-invocation.js'
import { measureProcess, reapedChildrenCpuSeconds } from './measure-process.js'

const env = { PATH: process.env.PATH ?? '' }
// Burns CPU time, not wall time: on a loaded machine a wall-clock loop gets less than its length in CPU.
const burn = (ms: number) => `while (process.cpuUsage().user + process.cpuUsage().system < ${ms * 1000});`

describe('measureProcess', () => {
  it('counts the CPU and memory of a grandchild, and the exit code', async () => {
    // sh starts node, which holds ~150 MiB and burns CPU for 0.6 s, then exits 3.
    const script = `const keep = Buffer.alloc(150 * 1024 * 1024, 1); ${burn(600)}; process.exitCode = keep[0] + 2`
    const m = await measureProcess('sh', ['-c', `"${process.execPath}" -e '${script}'`], { cwd: process.cwd(), env, sampleMs: 20 })
    expect(m.exitCode).toBe(3)
    expect(m.cpuSeconds).toBeGreaterThanOrEqual(0.5)
    expect(m.peakMiB).toBeGreaterThanOrEqual(150)
  }, 20_000)

  it('sums the memory of processes running side by side', async () => {
    const one = `"${process.execPath}" -e 'const keep = Buffer.alloc(100 * 1024 * 1024, 1); setTimeout(() => keep.length, 800)'`
    const m = await measureProcess('sh', ['-c', `${one} & ${one} & wait`], { cwd: process.cwd(), env, sampleMs: 20 })
    expect(m.exitCode).toBe(0)
    expect(m.peakMiB).toBeGreaterThanOrEqual(200)
  }, 20_000)

  it('keeps the output, and a command that sleeps costs next to no CPU', async () => {
    const m = await measureProcess('sh', ['-c', 'echo out; echo err >&2; sleep 0.3'], { cwd: process.cwd(), env, sampleMs: 50 })
    expect(m).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitCode: 0 })
    expect(m.cpuSeconds).toBeLessThan(0.1)
  })

  it('stops a command at its time limit', async () => {
    const m = await measureProcess('sleep', ['30'], { cwd: process.cwd(), env, sampleMs: 50, timeoutMs: 300 })
    expect(m.exitCode).toBe(128)
    expect(m.wallMs).toBeLessThan(5000)
  })
})

describe('reapedChildrenCpuSeconds', () => {
  it('reads cutime + cstime, also when the command name holds spaces and parentheses', () => {
    const fields = ['S', '1', '1', '1', '0', '-1', '4194560', '0', '0', '0', '0', '120', '30', '250', '75', '20']
    expect(reapedChildrenCpuSeconds(`1234 (my (odd) cmd) ${fields.join(' ')}`)).toBeCloseTo(3.25)
  })
})

describe('graderInvocation', () => {
  const root = path.join(path.sep, 'repo')
  it('runs the built CLI when bin/grader.mjs and dist/ exist', () => {
    const g = graderInvocation(root, ['--help'], 'auto', () => true)
    expect(g.args).toEqual([path.join(root, 'bin', 'grader.mjs'), '--help'])
    expect(g.label).toBe('node bin/grader.mjs')
  })
  it('runs the sources through tsx otherwise, and says when only the build is missing', () => {
    const none = graderInvocation(root, ['--version'], 'auto', () => false)
    expect(none.args).toEqual(['--import', 'tsx', path.join(root, 'harness', 'cli.ts'), '--version'])
    expect(none.label).toBe('node --import tsx harness/cli.ts')
    const unbuilt = graderInvocation(root, [], 'auto', (f) => f.endsWith('grader.mjs'))
    expect(unbuilt.args[0]).toBe('--import')
    expect(unbuilt.label).toContain('dist/ is not built')
    expect(unbuilt.choice).toBe('sources')
  })
  it('takes the sources or the built CLI when told to, whatever exists', () => {
    expect(graderInvocation(root, ['--help'], 'sources', () => true).args).toEqual(['--import', 'tsx', path.join(root, 'harness', 'cli.ts'), '--help'])
    expect(graderInvocation(root, ['--help'], 'built', () => false).args).toEqual([path.join(root, 'bin', 'grader.mjs'), '--help'])
  })
})
