// The objective registry (specs/registry.ts) is the one list of objectives: what it must hold, that what the rest
// of the grader shows (usage, --only/--skip errors, titles, the scorecard schema, sample cards, RBAC manifests) is
// derived from it or checked against it here, and that the engine (harness/) knows no objective: it takes the lab
// as data from one composition root (harness/stateful-lab.ts).

import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { usageText } from '../../harness/cli/usage-text.js'
import { grade, labRubric, OBJECTIVE_IDS } from '../../harness/index.js'
import { labProblems } from '../../harness/objective/lab-definition.js'
import { defineObjective, type Access, type Objective } from '../../harness/objective/objective.js'
import { sampleCard } from '../../harness/test-support/sample-cards.js'
import { scorecardErrors } from '../../harness/scorecard/validate-scorecard.js'
import { OBJECTIVES } from '../registry.js'
import { ROOT } from './grade-recorded.js'

const registrySource = readFileSync(fileURLToPath(new URL('../registry.ts', import.meta.url)), 'utf8')

const fake = (id: string, requires: { all?: string[]; any?: string[]; mountable?: string[] } = {}): Objective =>
  defineObjective({ id, title: { en: `Title of ${id}`, ja: `${id} の題` }, points: 5, requires, access: [], messages: { en: {}, ja: {} }, check: async () => undefined })

/** The engine's own source files (harness/, not its tests or test support). */
function engineFiles(dir = join(ROOT, 'harness')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return e.name === 'test-support' ? [] : engineFiles(path)
    return /\.(ts|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [relative(ROOT, path)] : []
  })
}
const importsOf = (file: string) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => m[1])

describe('the objective registry', () => {
  it('lists each objective module once, named by its id, in lab order', () => {
    const modules = [...registrySource.matchAll(/^import \w+ from '\.\/([^']+)\.js'/gm)].map((m) => m[1]).sort()
    expect(modules).toEqual(OBJECTIVES.map((o) => `${o.id}.spec`).sort())
    expect(OBJECTIVE_IDS).toEqual(OBJECTIVES.map((o) => o.id))
    expect(labProblems(OBJECTIVES)).toEqual([])
  })

  it('refuses a duplicate id, a prerequisite that runs later or does not exist, and a bad id', () => {
    expect(labProblems([fake('a'), fake('a')])).toEqual(['a is listed twice'])
    expect(labProblems([fake('a', { all: ['b'] }), fake('b')])).toEqual(['a requires b, which comes after it'])
    expect(labProblems([fake('a', { mountable: ['nope'] })])).toEqual(['a requires nope, which is not an objective'])
    expect(labProblems([fake('Bad_Id')])).toEqual(['"Bad_Id" is not a lower-case, dash-separated id'])
  })

  it('gives every objective both titles and the same messages, with the same hints, in English and Japanese', () => {
    for (const o of OBJECTIVES) {
      expect(labRubric().objectives.find((r) => r.id === o.id)?.title).toEqual(o.title)
      const en = o.messages.en as Record<string, { hint?: unknown }>
      const ja = o.messages.ja as Record<string, { hint?: unknown }>
      expect(Object.keys(ja).sort(), o.id).toEqual(Object.keys(en).sort())
      for (const key of Object.keys(en)) expect(Boolean(ja[key].hint), `${o.id} ${key}`).toBe(Boolean(en[key].hint))
    }
  })

  it('is where the default rubric, usage text, --only/--skip checks and sample cards come from', async () => {
    expect(labRubric().objectives.map((o) => [o.id, o.points, o.disruptive, o.ontap])).toEqual(OBJECTIVES.map((o) => [o.id, o.points, o.disruptive, o.ontap]))
    expect(usageText('en', OBJECTIVE_IDS).replace(/\s+/g, ' ')).toContain(`Objectives, in lab order: ${OBJECTIVE_IDS.join(', ')}.`)
    await expect(grade({ student: 'alice', kube: {}, only: ['no-such-objective'] })).rejects.toThrow(`known: ${OBJECTIVE_IDS.join(', ')}.`)
    expect(sampleCard().checks.map((c) => c.id)).toEqual([...OBJECTIVE_IDS])
  })

  it('checks cards for well-formed ids', () => {
    const card = sampleCard()
    expect(scorecardErrors(card)).toEqual([])
    expect(scorecardErrors({ ...card, checks: [{ ...card.checks[0], id: 'Not An Id' }] }).join('\n')).toContain('/checks/0/id')
  })
})

describe('the engine (harness/)', () => {
  it('imports the lab (specs/) in one place only: the composition root', () => {
    const importers = engineFiles().filter((file) => importsOf(file).some((spec) => spec.includes('/specs/') || spec.startsWith('../specs')))
    expect(importers).toEqual(['harness/stateful-lab.ts'])
  })

  it('names no objective: ids are data', () => {
    const ids = OBJECTIVES.map((o) => o.id)
    const naming = engineFiles().flatMap((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8')
      return ids.filter((id) => text.includes(`'${id}'`) || text.includes(`"${id}"`)).map((id) => `${file}: ${id}`)
    })
    expect(naming).toEqual([])
  })
})

// The RBAC manifests a class installs (deploy/): every access an objective declares must be granted there.
interface Rule {
  apiGroups: string[]
  resources: string[]
  verbs: string[]
  resourceNames?: string[]
}
const rulesOf = (file: string, kind: 'ClusterRole' | 'Role'): Rule[] =>
  parseAllDocuments(readFileSync(fileURLToPath(new URL(`../../deploy/${file}`, import.meta.url)), 'utf8'))
    .map((d) => d.toJS())
    .filter((d) => d?.kind === kind)
    .flatMap((d) => d.rules as Rule[])
const GRANTS: Record<Access['scope'], Rule[]> = {
  cluster: rulesOf('cluster-role.yaml', 'ClusterRole'),
  student: rulesOf('student-role.yaml', 'Role'),
  trident: rulesOf('trident-role.yaml', 'Role'),
}

/** The declared accesses no rule of their scope grants, as `verb group/resource (scope)`. */
export function ungranted(objectives: readonly Objective[]): string[] {
  const missing: string[] = []
  for (const o of objectives) {
    for (const access of o.access) {
      for (const verb of access.verbs) {
        const granted = GRANTS[access.scope].some(
          (r) =>
            r.apiGroups.includes(access.group) &&
            r.resources.includes(access.resource) &&
            (r.verbs.includes(verb) || r.verbs.includes('*')) &&
            (!r.resourceNames || (access.name !== undefined && r.resourceNames.includes(access.name))),
        )
        if (!granted) missing.push(`${o.id}: ${verb} ${access.group || 'core'}/${access.resource}${access.name ? `/${access.name}` : ''} (${access.scope})`)
      }
    }
  }
  return missing
}

describe('the RBAC manifests (deploy/)', () => {
  it('grant every API access the objectives declare', () => {
    expect(ungranted(OBJECTIVES)).toEqual([])
  })

  it('would be caught missing a grant an objective needs', () => {
    const needsSecrets = defineObjective({ ...fake('reads-secrets'), access: [{ verbs: ['list'], group: '', resource: 'secrets', scope: 'student' }] })
    const needsOtherLease = defineObjective({ ...fake('other-lease'), access: [{ verbs: ['delete'], group: 'coordination.k8s.io', resource: 'leases', scope: 'student', name: 'someone-else' }] })
    expect(ungranted([needsSecrets, needsOtherLease])).toEqual(['reads-secrets: list core/secrets (student)', 'other-lease: delete coordination.k8s.io/leases/someone-else (student)'])
  })

  it('grant nothing on a resource that no objective declares', () => {
    const declared = new Set(OBJECTIVES.flatMap((o) => o.access.map((a) => `${a.scope} ${a.group}/${a.resource}`)))
    const granted = Object.entries(GRANTS).flatMap(([scope, rules]) => rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.map((res) => `${scope} ${g}/${res}`))))
    expect(granted.filter((g) => !declared.has(g))).toEqual([])
  })
})
