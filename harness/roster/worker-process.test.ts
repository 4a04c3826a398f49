// A grading worker that dies while it is handed a job: the job ends with the worker's exit and output, never hangs.

import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { GradingWorker } from './worker-process.js'

it('ends the job with the exit of a worker that dies at once, with its last error line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'worker-process-'))
  const worker = new GradingWorker({ command: process.execPath, args: ['-e', 'process.stderr.write("error: cannot start.\\n"); process.exit(4)'], env: { PATH: process.env.PATH ?? '' }, cwd: dir })
  const result = await worker.run({ job: { argv: [], env: {} }, deadlineMs: 10_000, graceMs: 500, logFile: join(dir, 'deep', 'grader.log') })
  expect(result).toMatchObject({ exitCode: 4, workerExited: true, stopped: undefined, lastError: 'cannot start.' })
  expect(await readFile(join(dir, 'deep', 'grader.log'), 'utf8')).toBe('error: cannot start.\n')
  expect(worker.usable).toBe(false)
  await worker.retire(500)
}, 20_000)
