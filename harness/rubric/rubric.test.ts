import { describe, expect, it } from 'vitest'
import { FAKE_LAB } from '../test-support/fake-lab.js'
import { LAB } from '../index.js'
import { labRubric } from '../objective/lab-definition.js'
import { applyRubric } from './rubric.js'
import { selectObjectives } from './selection.js'

// Overlays name the lab's own objectives (a rubric file is written for it); selection runs on the fake lab.
const defaultRubric = () => labRubric(LAB)

describe('rubric', () => {
  it("takes each objective's points, prerequisites and flags from the lab, and the lab text's parameters", () => {
    const r = labRubric(FAKE_LAB)
    expect(r.objectives.map((o) => o.id)).toEqual(FAKE_LAB.objectives.map((o) => o.id))
    expect(r.objectives.find((o) => o.id === 'middle')).toMatchObject({ points: 10, requires: { all: ['first'], any: ['left', 'right'], mountable: [] }, disruptive: false, ontap: false })
    expect(r.objectives.find((o) => o.id === 'disrupt')).toMatchObject({ requires: { all: ['middle'], any: [], mountable: ['volume'] }, disruptive: true })
    expect(r.parameters).toMatchObject({ dataPath: '/var/lib/mysql', persistTimeoutSeconds: 180, ssdAggregates: ['aggr1_01'] })
  })

  it('overlays points, hints and parameters from a rubric file', () => {
    const r = applyRubric(
      defaultRubric(),
      { objectives: { 'data-persists': { points: 30, hint: { en: 'Ask us', ja: '質問して' } }, 'ontap-volume': { enabled: false } }, parameters: { databaseSelector: 'app=wordpress,tier=mysql' } },
      'r.yaml',
    )
    expect(r.objectives.find((o) => o.id === 'data-persists')).toMatchObject({ points: 30, hint: { en: 'Ask us', ja: '質問して' } })
    expect(r.objectives.find((o) => o.id === 'ontap-volume')?.enabled).toBe(false)
    expect(r.parameters.databaseSelector).toBe('app=wordpress,tier=mysql')
  })

  it('reads requiresMountable and unknownAggregateMedia (default pass)', () => {
    expect(defaultRubric().parameters.unknownAggregateMedia).toBe('pass')
    const r = applyRubric(defaultRubric(), { objectives: { 'data-persists': { requiresMountable: [] } }, parameters: { unknownAggregateMedia: 'error' } }, 'r.yaml')
    expect(r.objectives.find((o) => o.id === 'data-persists')?.requires.mountable).toEqual([])
    expect(r.parameters.unknownAggregateMedia).toBe('error')
  })

  it.each([
    [{ objectives: { 'pvc-bond': {} } }, '`pvc-bond` is not an objective id'],
    [{ objectives: { 'pvc-bound': { requires: ['data-persists'] } } }, '`pvc-bound` cannot require `data-persists`, which runs after it'],
    [{ parameters: { dataPath: 'var/lib/mysql' } }, '`parameters.dataPath` must be an absolute path'],
    [{ extra: 1 }, 'unknown key `extra`'],
    [{ parameters: { unknownAggregateMedia: 'fail' } }, '`parameters.unknownAggregateMedia` must be `pass` or `error`'],
    [{ parameters: { ssdAggregates: ['a1'], hddAggregates: ['a1'] } }, 'aggregate a1 is in both `parameters.ssdAggregates` and `parameters.hddAggregates`'],
    [{ objectives: { 'data-persists': { requiresNotFailed: ['ontap-volume'] } } }, '`data-persists.requiresNotFailed` is now `requiresMountable`'],
    [{ objectives: { 'app-uses-pvc': { requiresMountable: ['data-persists'] } } }, '`app-uses-pvc` cannot require `data-persists`, which runs after it'],
    [['a'], 'the top level must be a mapping'],
  ])('refuses %j with one sentence', (data, sentence) => {
    expect(() => applyRubric(defaultRubric(), data, 'r.yaml')).toThrow(sentence)
  })
})

describe('selectObjectives', () => {
  const fake = labRubric(FAKE_LAB)

  it('adds what --only needs first (not what it needs mountable), and leaves the rest out with a reason', () => {
    const s = selectObjectives(fake, { only: ['disrupt'] })
    expect(s.selected).toEqual(['first', 'left', 'right', 'middle', 'disrupt'])
    expect(s.added).toEqual(['middle', 'first', 'left', 'right'])
    expect(s.leftOut).toEqual([{ id: 'volume', why: { en: 'not selected with --only', ja: '--only で選ばれていない' } }])
  })

  it('lets --skip win over what --only would add', () => {
    const s = selectObjectives(fake, { only: ['middle'], skip: ['first'] })
    expect(s.selected).not.toContain('first')
    expect(s.leftOut.find((l) => l.id === 'first')?.why.en).toBe('left out with --skip')
  })

  it('leaves out what asks ONTAP when the run has no SVM', () => {
    const s = selectObjectives(fake, { ontap: false })
    expect(s.selected).toEqual(['first', 'left', 'right', 'middle', 'disrupt'])
    expect(s.leftOut.map((l) => l.id)).toEqual(['volume'])
  })
})
