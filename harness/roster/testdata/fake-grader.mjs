// A stand-in for the grader CLI in the roster runner's tests: what it does depends on the namespace.
//   pass-*, fail-*: copy $FAKE_CARDS/<namespace>.json to <out>/scorecard.json after $FAKE_DELAY_MS, exit 0 / 1
//   hang-*: write a partial card, then ignore SIGINT and never finish (the runner must SIGKILL it)
//   crash-*: print "error: ..." and exit 3 without a card
// Every run records what it saw (env values that matter, env names) in <out>/env-seen.json and appends
// "start|end <namespace> <ms>" lines to $FAKE_TIMELINE.

import { appendFileSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
const ns = arg('student')
const out = arg('out')
mkdirSync(out, { recursive: true })
const line = (what) => process.env.FAKE_TIMELINE && appendFileSync(process.env.FAKE_TIMELINE, `${what} ${ns} ${Date.now()}\n`)
writeFileSync(
  join(out, 'env-seen.json'),
  JSON.stringify({ args: process.argv.slice(2), ontapPassword: process.env.ONTAP_PASSWORD ?? null, ontapPasswordFile: process.env.ONTAP_PASSWORD_FILE ?? null, kubeQps: process.env.GRADER_KUBE_QPS ?? null, names: Object.keys(process.env) }),
)
line('start')
const delay = Number(process.env.FAKE_DELAY_MS ?? 0)

if (ns.startsWith('hang-')) {
  copyFileSync(join(process.env.FAKE_CARDS, `${ns}.json`), join(out, 'scorecard.json'))
  process.on('SIGINT', () => appendFileSync(join(out, 'signals.txt'), 'SIGINT\n'))
  setInterval(() => {}, 1000)
} else if (ns.startsWith('crash-')) {
  process.stderr.write('Grading crash-1\nerror: the grader failed unexpectedly: boom.\n')
  process.exitCode = 3
} else {
  setTimeout(() => {
    copyFileSync(join(process.env.FAKE_CARDS, `${ns}.json`), join(out, 'scorecard.json'))
    line('end')
    process.exitCode = ns.startsWith('fail-') ? 1 : 0
  }, delay)
}
