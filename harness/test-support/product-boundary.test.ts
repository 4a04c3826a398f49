// The product and its test support stay apart: no production module (a non-test .ts/.mjs under harness/ and specs/,
// outside harness/test-support/ and specs/tests/) imports a test tool (fixtures/, the @trident-lab/* workspaces),
// test support or a test file, nor reads a file there; and the npm tarball holds none of them, whatever dist/ holds.
// The image's side (build context, copies, installed modules) is fixtures/grader-image/*.test.ts.

import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'

const REPO = fileURLToPath(new URL('../..', import.meta.url))

/** Repo-relative folders and files the product must never reach. */
const TEST_ONLY = [/^fixtures\//, /^harness\/test-support\//, /^specs\/tests\//, /(^|\/)testdata\//, /\.test\.[cm]?[jt]s$/, /^bench\//, /^\.ci\//]

/** Repo-relative paths of the production modules: sources under harness/ and specs/ that are not tests or test support. */
export function productionModules(repo = REPO): string[] {
  const out: string[] = []
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(repo, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && child !== 'harness/test-support' && child !== 'specs/tests') walk(child)
      } else if (/\.(ts|mts|mjs|js)$/.test(e.name) && !e.name.endsWith('.d.ts') && !/\.test\./.test(e.name)) out.push(child)
    }
  }
  for (const top of ['harness', 'specs']) walk(top)
  return out.sort()
}

/**
 * What a module at `file` (repo-relative) reaches that only tests may: each import, re-export or dynamic import
 * (read by TypeScript's own pre-processor) and each `new URL('<relative>', import.meta.url)` whose target is test
 * support, a test tool, a test file, or a @trident-lab/* workspace package.
 */
export function testOnlyReferences(file: string, source: string): string[] {
  const specifiers = ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName)
  for (const m of source.matchAll(/new URL\(\s*(['"`])(\.{1,2}\/[^'"`$]*)\1\s*,\s*import\.meta\.url\s*\)/g)) specifiers.push(m[2])
  return specifiers.filter((spec) => {
    if (spec.startsWith('@trident-lab/')) return true
    if (!spec.startsWith('.')) return false
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec))
    return TEST_ONLY.some((re) => re.test(target))
  })
}

describe('production modules', () => {
  it('the scan finds what it must: imports, re-exports, type imports, dynamic imports and files read next to a module', () => {
    const source = [
      "import { a } from './a.js'",
      "import { startOntapSim } from '@trident-lab/ontap-sim'",
      "export { b } from '../test-support/webhook-receiver.js'",
      "import type { RecordedObject } from '../../fixtures/recorded-cluster/index.js'",
      "const { c } = await import('./c.test.js')",
      "const golden = new URL('./testdata/vol-show.txt', import.meta.url)",
      "const schema = new URL('./scorecard.schema.json', import.meta.url)",
      "import { parse } from 'yaml'",
      "import { x } from '../tests/grade-recorded.js'",
    ].join('\n')
    expect(testOnlyReferences('harness/lms/x.ts', source)).toEqual([
      '@trident-lab/ontap-sim',
      '../test-support/webhook-receiver.js',
      '../../fixtures/recorded-cluster/index.js',
      './c.test.js',
      './testdata/vol-show.txt',
    ])
    expect(testOnlyReferences('specs/support/x.ts', source)).toContain('../tests/grade-recorded.js')
    expect(productionModules()).toEqual(
      expect.arrayContaining(['harness/cli.ts', 'harness/index.ts', 'harness/ontap/ssh-client.ts', 'specs/lab.spec.ts', 'harness/objective/run-objective.ts', 'specs/support/claim-messages.ts']),
    )
    expect(productionModules().filter((f) => TEST_ONLY.some((re) => re.test(f)))).toEqual([])
  })

  it('import nothing from fixtures/, the @trident-lab/* workspaces, harness/test-support/, specs/tests/ or a test file', () => {
    const found = productionModules().flatMap((file) => testOnlyReferences(file, readFileSync(path.join(REPO, file), 'utf8')).map((spec) => `${file} -> ${spec}`))
    expect(found).toEqual([])
  })
})

describe('the npm tarball (package.json "files")', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'grader-boundary-'))
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  /** `npm pack --dry-run` without scripts (no build): the paths the tarball would hold. */
  async function packedFiles(dir: string): Promise<string[]> {
    const r = await execa('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, reject: false, timeout: 120_000 })
    expect(r.exitCode, r.stderr).toBe(0)
    return (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path).sort()
  }

  it("leaves out test support, test data, the objective tests, test files, vitest's cache and the workspaces even when dist/ holds them", async () => {
    // A dist/ as a careless build could leave it, next to the real package.json and the test tools' folders.
    const dir = path.join(work, 'pkg')
    const files: Record<string, string> = {
      'README.md': '# x\n',
      'bin/grader.mjs': '',
      'dist/harness/cli.js': '',
      'dist/harness/cli.d.ts': '',
      'dist/specs/data-persists.spec.js': '',
      'dist/harness/test-support/ssh-test-server.js': '',
      'dist/harness/test-support/testdata/vol-show.txt': '',
      'dist/harness/ontap/testdata/vol-show.txt': '',
      'dist/harness/ontap/ssh-client.test.js': '',
      'dist/specs/tests/grade-recorded.js': '',
      // vitest's cache, where the built grader's runs (root dist/) leave it
      'dist/node_modules/.vite/vitest/results.json': '{}',
      'harness/test-support/webhook-receiver.ts': '',
      'fixtures/ontap-sim/index.ts': '',
      'fixtures/ontap-sim/README.md': '',
    }
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      writeFileSync(path.join(dir, file), text)
    }
    cpSync(path.join(REPO, 'package.json'), path.join(dir, 'package.json'))
    cpSync(path.join(REPO, 'fixtures', 'ontap-sim', 'package.json'), path.join(dir, 'fixtures', 'ontap-sim', 'package.json'))
    expect(await packedFiles(dir)).toEqual(['README.md', 'bin/grader.mjs', 'dist/harness/cli.d.ts', 'dist/harness/cli.js', 'dist/specs/data-persists.spec.js', 'package.json'])
  })

  it('packs this clone (its dist/ as it is) with nothing test-only and no TypeScript source', async () => {
    const stray = (await packedFiles(REPO)).filter(
      (f) =>
        !/^(bin\/|dist\/(harness|specs)\/|README(\.[a-z]{2})?\.md$|package\.json$)/.test(f) ||
        /\.test\.|(^|\/)testdata\/|^dist\/harness\/test-support\/|^dist\/specs\/tests\/|^dist\/fixtures\//.test(f) ||
        (f.endsWith('.ts') && !f.endsWith('.d.ts')),
    )
    expect(stray).toEqual([])
  })
})
