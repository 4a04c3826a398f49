// The README's "How to add an objective", done as written: in a copy of the project, the module from the README is
// written to specs/ and its line added to specs/registry.ts, and nothing else. The copy must type-check and build
// (npm run build, as after any change to the code), show the objective everywhere the registry feeds (usage text,
// default rubric, registry and RBAC tests) and grade it with its built command (node bin/grader.mjs).

import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { find, loadCase } from '@trident-lab/recorded-cluster'
import { baseEnv, gradeRecorded, graderArgs, ROOT } from './grade-recorded.js'

/** The TypeScript blocks of the README's section, without the list indentation. */
async function howToBlocks(): Promise<string[]> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8')
  const start = readme.indexOf('## How to add an objective')
  expect(start, 'README.md has a section "How to add an objective"').toBeGreaterThan(0)
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1))
  return [...section.matchAll(/^( *)```ts\n([\s\S]*?)^ *```/gm)].map(([, indent, code]) =>
    code
      .split('\n')
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n'),
  )
}

let copy: string
let added: { path: string; id: string }
/** The copy's `npm run build`: tsc with tsconfig.build.json (its type check), then dist/. */
let built: { exitCode?: number; output: string }

beforeAll(async () => {
  const blocks = await howToBlocks()
  const module = blocks.find((b) => /^\/\/ specs\/[\w-]+\.spec\.ts\n/.test(b))
  const line = blocks.find((b) => b.includes('await import('))?.trim()
  if (!module || !line) throw new Error('README "How to add an objective" must show the module and its registry line')
  added = { path: module.split('\n')[0].slice(3), id: /id: '([\w-]+)'/.exec(module)![1] }

  copy = await mkdtemp(join(tmpdir(), 'add-objective-'))
  for (const entry of ['harness', 'specs', 'deploy', 'bin', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'vitest.config.ts']) {
    await cp(join(ROOT, entry), join(copy, entry), { recursive: true })
  }
  await symlink(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir')

  // The two steps: the module, and one line in the registry, after its prerequisites (here, before pvc-bound).
  await writeFile(join(copy, added.path), module)
  const registry = await readFile(join(copy, 'specs', 'registry.ts'), 'utf8')
  const anchor = "  (await import('./pvc-bound.spec.js')).default,\n"
  expect(registry).toContain(anchor)
  await writeFile(join(copy, 'specs', 'registry.ts'), registry.replace(anchor, `  ${line}\n${anchor}`))
  // And the published schema, regenerated (npm run schema).
  const schema = await execa(process.execPath, ['--import', 'tsx', 'harness/scorecard/generate-schema.ts'], { cwd: copy, reject: false })
  if (schema.exitCode !== 0) throw new Error(`npm run schema failed in the copy: ${schema.stderr}`)
  // And built, as the README says after changing the code (what `npm run build` runs, without npm around it).
  const build = await run(join(copy, 'harness', 'build', 'build.mjs'), [])
  built = { exitCode: build.exitCode, output: build.stdout + build.stderr }
}, 240_000)

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true })
})

const run = (file: string, args: string[]) => execa(process.execPath, [file, ...args], { cwd: copy, reject: false, env: { ...baseEnv(), CI: '' }, extendEnv: false, timeout: 240_000 })

describe('adding an objective as the README says', () => {
  it('type-checks and builds: the module, its typed messages and the registry', () => {
    expect(built.output).toBe('')
    expect(built.exitCode).toBe(0)
  })

  it('shows up where the registry feeds: usage text, default rubric, registry and RBAC tests', async () => {
    const help = await execa(process.execPath, graderArgs(['--help'], copy), { cwd: copy, reject: false })
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(`storageclass-hdd, ${added.id}, pvc-bound`)
    const rubric = await execa(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "const { defaultRubric } = await import('./harness/rubric/rubric.ts'); console.log(JSON.stringify(defaultRubric().objectives.map((o) => o.id)))",
      ],
      { cwd: copy, reject: false },
    )
    expect(JSON.parse(rubric.stdout)).toContain(added.id)
    const schema = JSON.parse(await readFile(join(copy, 'harness', 'scorecard', 'scorecard.schema.json'), 'utf8'))
    expect(schema.definitions.ObjectiveId.enum).toContain(added.id)
    const tests = await run(join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), ['run', '--project', 'self', 'specs/tests/registry.test.ts', 'harness/scorecard/schema.test.ts'])
    expect(tests.stdout.replace(/\x1b\[[0-9;]*m/g, ''), tests.stderr).toMatch(/Tests\s+\d+ passed \(\d+\)/)
    expect(tests.exitCode).toBe(0)
  }, 240_000)

  it('is graded: failed on a cluster without such a class, passed once one allows expansion', async () => {
    const args = [`--only=${added.id}`]
    const before = await gradeRecorded(loadCase('reference'), { root: copy, args })
    expect(before.statuses()).toMatchObject({ 'trident-installed': 'passed', [added.id]: 'failed', 'pvc-bound': 'skipped' })
    expect(before.check(added.id).message).toContain('No Trident StorageClass allows volume expansion')
    expect(before.check(added.id).i18n.ja.message).toContain('ボリューム拡張を許可する Trident の StorageClass がありません')

    const objects = loadCase('reference')
    find(objects, 'StorageClass', 'ontap-gold').allowVolumeExpansion = true
    const after = await gradeRecorded(objects, { root: copy, args })
    expect(after.check(added.id).status).toBe('passed')
  }, 120_000)
})
