// The grading worker's protocol: end lines are recognised only with the worker's own token, and the worker
// refuses to start outside a roster run.

import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { endLine, jobLine, newWorkerToken, parseEndLine, parseJob } from './worker-protocol.js'

describe('worker protocol', () => {
  it('reads back the end line it writes, and only with the same token', () => {
    const token = newWorkerToken()
    expect(parseEndLine(token, endLine(token, 1).trimEnd())).toBe(1)
    expect(parseEndLine(token, endLine(token, 9).trimEnd())).toBe(9)
    expect(parseEndLine(newWorkerToken(), endLine(token, 0).trimEnd())).toBeUndefined()
    expect(parseEndLine(token, `${token} exit 0 and more`)).toBeUndefined()
    expect(parseEndLine(token, `  PASS pvc-bound 15/15 ${token} exit 0`)).toBeUndefined()
  })

  it('carries a job as one line, and refuses a job without argv or env', () => {
    const job = { argv: ['--student=alice', '--out=reports/s01'], env: { ONTAP_PASSWORD: 'x\ny' } }
    expect(jobLine(job).split('\n')).toHaveLength(2)
    expect(parseJob(jobLine(job))).toEqual(job)
    expect(() => parseJob('{"argv":"--student=alice","env":{}}')).toThrow('a grading worker job needs argv (strings) and env (an object)')
  })

  it('the worker refuses to start without a roster run, in one sentence', async () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
    const worker = fileURLToPath(new URL('./grading-worker.ts', import.meta.url))
    const r = await execa(process.execPath, ['--import', tsx, worker], { reject: false, stdin: 'ignore', env: { GRADER_WORKER_TOKEN: '' } })
    expect(r.exitCode).toBe(9)
    expect(r.stderr).toBe('error: the grading worker is started by a roster run (it needs GRADER_WORKER_TOKEN); to grade one student run npm test -- --student=<ns>.')
  }, 30_000)
})
