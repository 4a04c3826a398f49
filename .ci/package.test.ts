// The package as users get it: `npm pack` (which builds through `prepare`), the tarball installed into a fresh
// project, and the `trident-lab-grader` command run through npm's bin symlink on Node 20, 22 and 24: --help,
// --version, a usage error, a grading run and a one-student roster run of a recorded cluster
// (@trident-lab/recorded-cluster, a workspace the tarball does not hold) from the installed JavaScript alone. Node 22 and 24 come from .ci/node-version.sh's cache outside the clone; when one
// cannot be had its runs are skipped, saying so, unless CI is set (then they fail).

import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCase, startRecordedApiServer } from '@trident-lab/recorded-cluster'
import { OBJECTIVE_IDS } from '../harness/index.js'
import type { Scorecard } from '../harness/scorecard/scorecard.js'
import { scorecardErrors } from '../harness/scorecard/validate-scorecard.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> }
const MAJORS = [20, 22, 24] as const
const HAS_LIBRARY_ENTRY = existsSync(path.join(ROOT, 'harness', 'index.ts'))
/** The READMEs (README.md and its translations, README.ja.md): npm packs every top-level README*. */
const READMES = readdirSync(ROOT)
  .filter((f) => /^README(\.[a-z]{2})?\.md$/.test(f))
  .sort()
/** What the package is built and packed from; the test packs a copy, so it never rebuilds this clone's dist/. */
const PACKAGE_INPUTS = ['package.json', 'package-lock.json', ...READMES, 'bin', 'tsconfig.json', 'tsconfig.build.json', 'harness', 'specs']

interface Packed {
  tarball: string
  files: string[]
  /** The fresh project the tarball is installed in. */
  project: string
}

let work: string
let packed: Packed
const nodes = new Map<number, { binary?: string; why?: string }>()

/** A Node binary of this major: the one running the tests, or .ci/node-version.sh's. */
function nodeOf(major: number): { binary?: string; why?: string } {
  if (Number(process.versions.node.split('.')[0]) === major) return { binary: process.execPath }
  try {
    const out = execFileSync('bash', [path.join(ROOT, '.ci', 'node-version.sh'), String(major)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 }).trim()
    return out ? { binary: out } : { why: `.ci/node-version.sh ${major} found no Node ${major}` }
  } catch (error) {
    return { why: `.ci/node-version.sh ${major} failed: ${String((error as Error).message).split('\n')[0]}` }
  }
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'grader-pack-'))
  // `npm pack` runs `prepare` (the build) first: the tarball holds what this clone's sources build to. It runs in a
  // copy of them (with this clone's node_modules), so test runs at the same time never rebuild the same dist/.
  const src = path.join(work, 'src')
  for (const entry of PACKAGE_INPUTS) cpSync(path.join(ROOT, entry), path.join(src, entry), { recursive: true })
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(src, 'node_modules'), 'dir')
  const pack = await execa('npm', ['pack', '--json', '--pack-destination', work], { cwd: src, reject: false, timeout: 300_000 })
  if (pack.exitCode !== 0) throw new Error(`npm pack failed (exit ${pack.exitCode}):\n${pack.stderr.slice(-4000)}`)
  const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>
  const project = path.join(work, 'project')
  mkdirSync(project)
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'grader-pack-test', private: true, type: 'module' }))
  const install = await execa('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(work, info.filename)], { cwd: project, reject: false, timeout: 600_000 })
  if (install.exitCode !== 0) throw new Error(`npm install of the tarball failed (exit ${install.exitCode}):\n${install.stderr.slice(-4000)}`)
  packed = { tarball: path.join(work, info.filename), files: info.files.map((f) => f.path).sort(), project }
  // The built grader must run without tsx (a tool for developing it, a devDependency): should an install bring it
  // anyway (another package's dependency), remove it, so the runs below show that nothing loads TypeScript (the
  // grading run's objective specs, a roster).
  rmSync(path.join(project, 'node_modules', 'tsx'), { recursive: true, force: true })
  for (const major of MAJORS) nodes.set(major, nodeOf(major))
}, 900_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('the packed tarball', () => {
  it('holds the command, the built grader and its assets, the objective specs, and nothing test-only (tests, test support, test data, test tools) or TypeScript source', () => {
    const { files } = packed
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        pkg.bin['trident-lab-grader'],
        'dist/harness/cli.js',
        'dist/harness/grade.js',
        'dist/harness/scorecard/scorecard.schema.json',
        'dist/harness/objective/run-objective.js',
      ]),
    )
    for (const id of OBJECTIVE_IDS) expect(files).toContain(`dist/specs/${id}.spec.js`)
    const stray = files.filter(
      (f) =>
        /\.test\.|(^|\/)testdata\/|(^|\/)node_modules\/|^dist\/harness\/test-support\/|^dist\/specs\/tests\/|^dist\/fixtures\/|^(fixtures|bench|\.ci|harness|specs|deploy|reports)\//.test(f) ||
        (f.endsWith('.ts') && !f.endsWith('.d.ts')),
    )
    expect(stray).toEqual([])
    expect(files.filter((f) => !/^(bin\/|dist\/(harness|specs)\/)/.test(f)).sort()).toEqual([...READMES, 'package.json'].sort())
    // The test tools are workspaces of the repository: an install of the package neither needs nor brings them.
    const installed = JSON.parse(readFileSync(path.join(packed.project, 'node_modules', pkg.name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
    expect(Object.keys(installed.dependencies ?? {}).filter((name) => name.startsWith('@trident-lab/'))).toEqual([])
    expect(existsSync(path.join(packed.project, 'node_modules', '@trident-lab'))).toBe(false)
  })

  it('installs the command as npm bin symlink to bin/grader.mjs', () => {
    const link = path.join(packed.project, 'node_modules', '.bin', 'trident-lab-grader')
    expect(existsSync(link)).toBe(true)
    expect(path.relative(packed.project, execFileSync('realpath', [link], { encoding: 'utf8' }).trim())).toBe(path.join('node_modules', pkg.name, 'bin', 'grader.mjs'))
  })

  it.skipIf(!HAS_LIBRARY_ENTRY)('exports the library (exports "."), with its type declarations', async () => {
    expect(packed.files).toEqual(expect.arrayContaining(['dist/harness/index.js', 'dist/harness/index.d.ts']))
    const r = await execa(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pkg.name)}); console.log(JSON.stringify(Object.keys(m)))`], {
      cwd: packed.project,
      reject: false,
    })
    expect(r.stderr).toBe('')
    expect((JSON.parse(r.stdout) as string[]).length).toBeGreaterThan(0)
  })
})

for (const major of MAJORS) {
  // Each case starts up to three processes of a Node that may be cold on disk, while other test files load the machine.
  describe(`trident-lab-grader through npm's bin symlink on Node ${major}`, { timeout: 180_000 }, () => {
    const command = () => path.join(packed.project, 'node_modules', '.bin', 'trident-lab-grader')
    /** Runs the installed command as a shell would: the symlink itself, its `#!/usr/bin/env node` finding this Node first on PATH. */
    const run = async (args: string[], options: { file?: string } = {}) => {
      const node = nodes.get(major)!
      if (!node.binary) {
        if (process.env.CI) throw new Error(`${node.why} (CI is set, so a missing Node fails instead of skipping)`)
        return undefined
      }
      return execa(options.file ?? command(), args, {
        cwd: packed.project,
        reject: false,
        stdin: 'ignore',
        extendEnv: false,
        env: { PATH: `${path.dirname(node.binary)}${path.delimiter}${process.env.PATH ?? ''}`, HOME: process.env.HOME ?? '', LANG: 'en_US.UTF-8' },
        timeout: 120_000,
      })
    }

    it('--help prints the usage and exits 0 (also into a pipe closed early); --version names the package; an unknown flag is a usage error (exit 9)', async (ctx) => {
      const help = await run(['--help'])
      if (!help) return ctx.skip(nodes.get(major)!.why)
      expect(help.stderr).toBe('')
      expect(help.stdout).toMatch(/^Usage: .*--student=<namespace>/)
      expect(help.stdout).toContain('--roster')
      expect(help.exitCode).toBe(0)

      const version = await run(['--version'])
      expect(version?.stdout).toBe(`${pkg.name} ${pkg.version}`)
      expect(version?.exitCode).toBe(0)

      const bad = await run(['--no-such-flag'])
      expect(bad?.stdout).toBe('')
      expect(bad?.stderr).toContain('Unknown option --no-such-flag')
      expect(bad?.exitCode).toBe(9)

      // A reader that is gone before the usage is written (`| true`) closes the pipe: no crash, no stack trace, exit 0.
      const piped = await run(['-c', `${JSON.stringify(command())} --help | true; exit \${PIPESTATUS[0]}`], { file: 'bash' })
      expect(piped?.stdout).toBe('')
      expect(piped?.stderr).toBe('')
      expect(piped?.exitCode).toBe(0)
    })

    it('grades a recorded cluster from the installed JavaScript: trident-installed passes, the scorecard is valid and names this Node', async (ctx) => {
      const node = nodes.get(major)!
      if (!node.binary && !process.env.CI) return ctx.skip(node.why)
      const server = await startRecordedApiServer(loadCase('reference'))
      const dir = mkdtempSync(path.join(work, `grade-node${major}-`))
      try {
        await server.writeKubeconfig(path.join(dir, 'kubeconfig'))
        const out = path.join(dir, 'out')
        const r = await run(['--student=alice', `--kubeconfig=${path.join(dir, 'kubeconfig')}`, `--out=${out}`, '--only=trident-installed'])
        const cardFile = path.join(out, 'scorecard.json')
        expect(existsSync(cardFile), `no scorecard; exit ${r?.exitCode}, stderr:\n${r?.stderr}`).toBe(true)
        const card = JSON.parse(readFileSync(cardFile, 'utf8')) as Scorecard
        expect(scorecardErrors(card)).toEqual([])
        expect(card.grader).toEqual({ name: pkg.name, version: pkg.version, node: execFileSync(node.binary!, ['--version'], { encoding: 'utf8' }).trim() })
        expect(card.runErrors).toEqual([])
        expect(card.complete).toBe(true)
        expect(card.checks.find((c) => c.id === 'trident-installed')).toMatchObject({ status: 'passed', awarded: 15 })
        expect(card.detected).toMatchObject({ tridentVersion: '25.06.0', kubernetesVersion: 'v1.34.4' })
        for (const report of ['junit.xml', 'scorecard.md', 'scorecard.html', 'results.json', 'lti-score.json']) expect(existsSync(path.join(out, report)), report).toBe(true)
        expect(r?.stdout).toMatch(/PASS\s+trident-installed/)
        expect(r?.exitCode).toBe(0)
        // No warning from Node on any version (the bundled client-node once loaded the deprecated punycode module).
        expect(r?.stderr).not.toMatch(/Warning|\(node:\d+\)/)
        expect(server.requests.length).toBeGreaterThan(0)
      } finally {
        await server.close()
      }
    })

    it('grades a two-student roster in two rounds from the installed JavaScript (in-process: two vitest runs in one process)', async (ctx) => {
      const node = nodes.get(major)!
      if (!node.binary && !process.env.CI) return ctx.skip(node.why)
      const server = await startRecordedApiServer(loadCase('reference'))
      const dir = mkdtempSync(path.join(work, `roster-node${major}-`))
      try {
        await server.writeKubeconfig(path.join(dir, 's01.kubeconfig'))
        writeFileSync(path.join(dir, 'class.yaml'), 'students:\n  - {id: s01, namespace: alice, kubeconfig: s01.kubeconfig}\n  - {id: s02, namespace: alice, kubeconfig: s01.kubeconfig}\n')
        const out = path.join(dir, 'reports')
        // --parallel 1: one student per round, so the second is graded by a second vitest run in the same process.
        const r = await run(['--roster', path.join(dir, 'class.yaml'), `--out=${out}`, '--only=trident-installed', '--parallel', '1'])
        for (const id of ['s01', 's02']) {
          const cardFile = path.join(out, id, 'scorecard.json')
          expect(existsSync(cardFile), `no scorecard for ${id}; exit ${r?.exitCode}, stderr:\n${r?.stderr}`).toBe(true)
          const card = JSON.parse(readFileSync(cardFile, 'utf8')) as Scorecard
          expect(card.runErrors).toEqual([])
          const check = card.checks.find((c) => c.id === 'trident-installed')
          expect(check, `${id}: ${check?.message}`).toMatchObject({ status: 'passed', awarded: 15 })
        }
        expect(existsSync(path.join(out, 'class', 'summary.json'))).toBe(true)
        expect(r?.exitCode).toBe(0)
      } finally {
        await server.close()
      }
    })
  })
}
