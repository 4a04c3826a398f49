// `npm run build` (and `prepare`, so `npm ci` builds): the published JavaScript in dist/.
//   1. removes the output folder, so a deleted module never lingers in the package;
//   2. compiles with tsconfig.build.json (dist/harness/**, dist/specs/**, declarations for the library);
//   3. drops the declarations of the objective specs (they export nothing, and a glob over specs/ must find only
//      the specs themselves);
//   4. copies the files the code reads next to itself at run time (new URL('./x.json', import.meta.url)):
//      every file under harness/ and specs/ that is neither TypeScript nor documentation nor test data;
//   5. replaces dist/harness/kube/client-node.js by a bundle of the two classes the grader runs from that package
//      (client-node-bundle.mjs).
// `--out <dir>` builds elsewhere (the lab's grader image builds into its work folder).
// tsc's diagnostics go to stderr (stdout stays clean for `npm pack --json`, which runs this through prepare).
// Plain JavaScript on purpose: it runs before anything is compiled, on every supported Node.

import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { bundleClientNode } from './client-node-bundle.mjs'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const { values } = parseArgs({ options: { out: { type: 'string' } } })
const out = path.resolve(ROOT, values.out ?? 'dist')
// The output folder is removed first: inside the clone only dist/ (or a folder in it); elsewhere never a folder
// that holds the clone, nor a filesystem root.
const inClone = path.relative(ROOT, out)
const outside = inClone.startsWith('..') || path.isAbsolute(inClone)
const holdsClone = !path.relative(out, ROOT).startsWith('..')
const safe = outside ? !holdsClone && path.parse(out).root !== out : inClone === 'dist' || inClone.startsWith(`dist${path.sep}`)
if (!safe) {
  console.error(`build: refusing to build into ${out}: the folder is removed first (inside the clone only dist/ may be)`)
  process.exit(1)
}

/** Repo-relative paths of the run-time assets: what the build copies as is. */
function assetFiles(root = ROOT) {
  const found = []
  const walk = (rel) => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`
      if (e.isDirectory()) {
        if (e.name !== 'testdata' && e.name !== 'node_modules' && child !== 'specs/tests' && child !== 'harness/build') walk(child)
      } else if (e.isFile() && !/\.(ts|md)$/.test(e.name)) found.push(child)
    }
  }
  for (const top of ['harness', 'specs']) walk(top)
  return found.sort()
}

rmSync(out, { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', out], { cwd: ROOT, stdio: ['ignore', 2, 2] })
if (compiled.status !== 0) {
  console.error(`build: tsc failed (exit ${compiled.status ?? compiled.signal}); nothing usable in ${path.relative(ROOT, out) || out}`)
  rmSync(out, { recursive: true, force: true })
  process.exit(1)
}
for (const e of readdirSync(path.join(out, 'specs'))) if (e.endsWith('.spec.d.ts')) rmSync(path.join(out, 'specs', e))
for (const file of assetFiles()) {
  mkdirSync(path.dirname(path.join(out, file)), { recursive: true })
  copyFileSync(path.join(ROOT, file), path.join(out, file))
}
try {
  await bundleClientNode(path.join(ROOT, 'harness', 'kube', 'client-node.ts'), path.join(out, 'harness', 'kube', 'client-node.js'))
} catch (error) {
  console.error(`build: bundling @kubernetes/client-node failed (${error.message.split('\n')[0]}); nothing usable in ${path.relative(ROOT, out) || out}`)
  rmSync(out, { recursive: true, force: true })
  process.exit(1)
}
