// A stand-in for the grading worker in the roster runner's tests: it speaks the worker protocol, and what a job
// does depends on the student's namespace:
//   pass-*, fail-*: copy $FAKE_CARDS/<namespace>.json to <out>/scorecard.json after $FAKE_DELAY_MS, exit 0 / 1
//   hang-*: write a partial card, then ignore SIGINT and never end the job (the runner must SIGKILL the worker)
//   crash-*: print "error: ..." and end the whole worker with code 3, without a card
// Every job records what it saw (the worker's pid, env values that matter, env names of the job and of the
// worker) in <out>/env-seen.json and appends "start|end <namespace> <ms>" lines to $FAKE_TIMELINE.

import { appendFileSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { endLine, parseJob, WORKER_TOKEN_ENV } from '../worker-protocol.js'

const token = process.env[WORKER_TOKEN_ENV]!

for await (const line of createInterface({ input: process.stdin })) {
  const { argv, env: jobEnv } = parseJob(line)
  const env = { ...process.env, ...jobEnv }
  const arg = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
  const ns = arg('student')!
  const out = arg('out')!
  mkdirSync(out, { recursive: true })
  const timeline = (what: string) => env.FAKE_TIMELINE && appendFileSync(env.FAKE_TIMELINE, `${what} ${ns} ${Date.now()}\n`)
  writeFileSync(
    join(out, 'env-seen.json'),
    JSON.stringify({
      pid: process.pid,
      args: argv,
      ontapPassword: env.ONTAP_PASSWORD ?? null,
      ontapPasswordFile: env.ONTAP_PASSWORD_FILE ?? null,
      kubeQps: env.GRADER_KUBE_QPS ?? null,
      names: Object.keys(env),
      workerNames: Object.keys(process.env),
    }),
  )
  timeline('start')
  const card = join(env.FAKE_CARDS!, `${ns}.json`)

  if (ns.startsWith('hang-')) {
    copyFileSync(card, join(out, 'scorecard.json'))
    process.on('SIGINT', () => appendFileSync(join(out, 'signals.txt'), 'SIGINT\n'))
    await new Promise(() => setInterval(() => {}, 1000))
  } else if (ns.startsWith('crash-')) {
    process.stderr.write(`Grading ${ns}\nerror: the grader failed unexpectedly: boom.\n`)
    process.exit(3)
  } else {
    await new Promise((resolve) => setTimeout(resolve, Number(env.FAKE_DELAY_MS ?? 0)))
    copyFileSync(card, join(out, 'scorecard.json'))
    timeline('end')
    process.stderr.write(`Grading ${ns}\n${endLine(token, ns.startsWith('fail-') ? 1 : 0)}`)
  }
}
