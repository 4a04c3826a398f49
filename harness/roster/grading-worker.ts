// A grading worker: one long-lived process that grades the students a roster run hands it, one after another,
// through the same main() an instructor runs for one student. Starting the grader (Node, the TypeScript loader,
// vitest, the Kubernetes client) costs more CPU than grading a student does, so a class is graded by a few
// workers rather than a process per student. The parent (worker-process.ts) stops and replaces a worker that
// hangs or crashes, so one student's trouble still never reaches another's grading.
//
// Protocol (worker-protocol.ts): one job per line on stdin. Everything the job prints goes to stderr, in order,
// followed by the job's end line. The worker ends when stdin closes.

import { createInterface } from 'node:readline'
import { main } from '../cli.js'
import { endLine, parseJob, WORKER_TOKEN_ENV } from './worker-protocol.js'

const token = process.env[WORKER_TOKEN_ENV]
if (!token) {
  process.stderr.write(`error: the grading worker is started by a roster run (it needs ${WORKER_TOKEN_ENV}); to grade one student run npm test -- --student=<ns>.\n`)
  process.exit(9)
}
// The token marks job ends only; the students' grading never sees it.
delete process.env[WORKER_TOKEN_ENV]
// Everything a job prints goes to one stream, so its end line comes after all of it.
const output = { stdout: process.stderr, stderr: process.stderr }

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of lines) {
  if (line.trim() === '') continue
  let job
  try {
    job = parseJob(line)
  } catch (error) {
    process.stderr.write(`error: the grading worker got a job it cannot read (${(error as Error).message}).\n`)
    process.exit(9)
  }
  // The student's password is in the environment for their job only: the objectives' worker thread reads it
  // there, as it does when one student is graded from the command line.
  Object.assign(process.env, job.env)
  try {
    process.stderr.write(endLine(token, await main(job.argv, process.env, output)))
  } finally {
    for (const name of Object.keys(job.env)) delete process.env[name]
  }
}
