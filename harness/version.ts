import { existsSync, readFileSync } from 'node:fs'

/**
 * The grader's own package.json: the nearest one above this module, as Node finds a module's package. From the
 * sources that is ../package.json (harness/version.ts), from the build ../../package.json (dist/harness/version.js),
 * also when the package is installed under node_modules.
 */
function ownPackageJson(): URL {
  for (let dir = new URL('.', import.meta.url); ;) {
    const candidate = new URL('package.json', dir)
    if (existsSync(candidate)) return candidate
    const parent = new URL('..', dir)
    if (parent.href === dir.href) throw new Error(`trident-lab-grader: no package.json above ${import.meta.url}`)
    dir = parent
  }
}

const pkg = JSON.parse(readFileSync(ownPackageJson(), 'utf8')) as { name: string; version: string }

export const GRADER_NAME = pkg.name
export const GRADER_VERSION = pkg.version
