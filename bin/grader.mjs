#!/usr/bin/env node
// The `trident-lab-grader` command (npm test, npm's bin symlink, the container image): the built CLI's main().
// Nothing else is imported here, so starting stays as fast as the CLI module allows. dist/ is made by
// `npm run build` (`npm ci` runs it); in a clone, build again after changing the TypeScript.
// Node 22.1 and later keep compiled code between runs (in the OS's temporary folder): starts are faster.
;(await import('node:module')).enableCompileCache?.()
const cli = new URL('../dist/harness/cli.js', import.meta.url)
let main
try {
  ;({ main } = await import(cli.href))
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(decodeURIComponent(cli.pathname))) throw error
  process.stderr.write('error: the grader is not built (dist/harness/cli.js is missing): run `npm run build` first.\n')
  process.exit(2)
}
// A reader that stops early (`trident-lab-grader --help | head -1`) closes the pipe: the rest of the output is
// dropped, never a crash, so a grading run still removes its test file and lease before it exits.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error?.code !== 'EPIPE') throw error
  })
}
process.exitCode = await main()
// Everything the run opened is closed by now; should a connection a student's cluster or SVM holds open keep this
// process alive anyway, it still ends soon after its work (the timer itself keeps nothing alive).
setTimeout(() => process.exit(), 5_000).unref()
