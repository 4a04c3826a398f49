// The objective registry (specs/registry.ts) is the one list of objectives: what it must hold, and that what the rest
// of the grader shows (usage, --only/--skip errors, titles, the scorecard schema, sample cards, RBAC manifests) is
// derived from it or checked against it here.

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { parseFlags } from '../../harness/cli/parse-args.js'
import { USAGE } from '../../harness/cli/usage.js'
import { resolveConfig } from '../../harness/config/grader-config.js'
import { TITLES } from '../../harness/i18n/titles.js'
import { sampleCard } from '../../harness/test-support/sample-cards.js'
import { defaultRubric } from '../../harness/rubric/rubric.js'
import { DEFAULT_OBJECTIVES, OBJECTIVE_IDS } from '../../harness/rubric/objectives.js'
import { scorecardErrors } from '../../harness/scorecard/validate-scorecard.js'
import { OBJECTIVES } from '../registry.js'
import { registryProblems } from '../support/check-registry.js'
import { defineObjective, type Access, type Objective } from '../support/define-objective.js'
import { ROOT } from './grade-recorded.js'

const registrySource = readFileSync(fileURLToPath(new URL('../registry.ts', import.meta.url)), 'utf8')

const fake = (id: string, requires: { all?: string[]; any?: string[]; mountable?: string[] } = {}): Objective =>
  defineObjective({ id, title: { en: `Title of ${id}`, ja: `${id} の題` }, points: 5, requires, access: [], messages: { en: {}, ja: {} }, check: async () => undefined })

describe('the objective registry', () => {
  it('lists each objective module once, named by its id, in lab order', () => {
    const modules = [...registrySource.matchAll(/await import\('\.\/([^']+)\.js'\)/g)].map((m) => m[1])
    expect(modules).toEqual(OBJECTIVES.map((o) => `${o.id}.spec`))
    expect(OBJECTIVE_IDS).toEqual(OBJECTIVES.map((o) => o.id))
    expect(registryProblems(OBJECTIVES)).toEqual([])
  })

  it('loads whichever module is imported first (the registry awaits its modules: an import cycle would show here)', async () => {
    const entries = [...OBJECTIVES.map((o) => `specs/${o.id}.spec.ts`), 'specs/registry.ts', 'harness/cli/usage.ts', 'harness/rubric/rubric.ts', 'harness/scorecard/scorecard.ts', 'harness/index.ts']
    const runs = await Promise.all(entries.map((entry) => execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `await import('./${entry}')`], { cwd: ROOT, reject: false })))
    expect(runs.map((r, i) => `${entries[i]}: exit ${r.exitCode} ${r.stderr.split('\n')[0]}`)).toEqual(entries.map((e) => `${e}: exit 0 `))
  }, 60_000)

  it('refuses a duplicate id, a prerequisite that runs later or does not exist, and a bad id', () => {
    expect(registryProblems([fake('a'), fake('a')])).toEqual(['a is listed twice'])
    expect(registryProblems([fake('a', { all: ['b'] }), fake('b')])).toEqual(['a requires b, which comes after it'])
    expect(registryProblems([fake('a', { mountable: ['nope'] })])).toEqual(['a requires nope, which is not an objective'])
    expect(registryProblems([fake('Bad_Id')])).toEqual(['"Bad_Id" is not a lower-case, dash-separated id'])
  })

  it('gives every objective both titles and the same messages, with the same hints, in English and Japanese', () => {
    for (const o of OBJECTIVES) {
      expect(TITLES[o.id]).toEqual(o.title)
      const en = o.messages.en as Record<string, { hint?: unknown }>
      const ja = o.messages.ja as Record<string, { hint?: unknown }>
      expect(Object.keys(ja).sort(), o.id).toEqual(Object.keys(en).sort())
      for (const key of Object.keys(en)) expect(Boolean(ja[key].hint), `${o.id} ${key}`).toBe(Boolean(en[key].hint))
    }
  })

  it('is where the default rubric, usage text, --only/--skip checks and sample cards come from', () => {
    expect(defaultRubric().objectives.map((o) => [o.id, o.points])).toEqual(OBJECTIVES.map((o) => [o.id, o.points]))
    expect(DEFAULT_OBJECTIVES.map((o) => o.disruptive)).toEqual(OBJECTIVES.map((o) => o.disruptive))
    const usage = USAGE.replace(/\s+/g, ' ')
    expect(usage).toContain(`Objectives, in lab order: ${OBJECTIVE_IDS.join(', ')}.`)
    expect(() => resolveConfig(parseFlags(['--student', 'alice', '--only=no-such-objective']), {}, process.cwd())).toThrow(`known: ${OBJECTIVE_IDS.join(', ')}.`)
    expect(sampleCard().checks.map((c) => c.id)).toEqual([...OBJECTIVE_IDS])
  })

  it("is the scorecard schema's list of ids: every registered id validates, another does not", () => {
    const card = sampleCard()
    expect(scorecardErrors(card)).toEqual([])
    expect(scorecardErrors({ ...card, checks: [{ ...card.checks[0], id: 'not-an-objective' }] }).join('\n')).toContain('/checks/0/id')
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
