import { describe, expect, it } from 'vitest'
import { applyRubric, defaultRubric } from './rubric.js'
import { selectObjectives } from './selection.js'

describe('rubric', () => {
  it('follows DESIGN.md: eight objectives, 100 points, prerequisites in lab order', () => {
    const r = defaultRubric()
    expect(r.objectives.map((o) => o.id)).toEqual(['trident-installed', 'backend-online', 'storageclass-ssd', 'storageclass-hdd', 'pvc-bound', 'app-uses-pvc', 'ontap-volume', 'data-persists'])
    expect(r.objectives.reduce((s, o) => s + o.points, 0)).toBe(100)
    expect(r.objectives.find((o) => o.id === 'pvc-bound')?.requires).toEqual({ all: ['trident-installed'], any: ['storageclass-ssd', 'storageclass-hdd'], mountable: [] })
    expect(r.objectives.find((o) => o.id === 'data-persists')?.requires).toEqual({ all: ['pvc-bound', 'app-uses-pvc'], any: [], mountable: ['ontap-volume'] })
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
  it('adds what --only needs first, and leaves the rest out with a reason', () => {
    const s = selectObjectives(defaultRubric(), ['data-persists'])
    expect(s.selected).toEqual(['trident-installed', 'storageclass-ssd', 'storageclass-hdd', 'pvc-bound', 'app-uses-pvc', 'data-persists'])
    expect(s.added).toEqual(['pvc-bound', 'app-uses-pvc', 'trident-installed', 'storageclass-ssd', 'storageclass-hdd'])
    expect(s.leftOut).toEqual([
      { id: 'backend-online', why: { en: 'not selected with --only', ja: '--only で選ばれていない' } },
      { id: 'ontap-volume', why: { en: 'not selected with --only', ja: '--only で選ばれていない' } },
    ])
  })

  it('lets --skip win over what --only would add', () => {
    const s = selectObjectives(defaultRubric(), ['app-uses-pvc'], ['trident-installed'])
    expect(s.selected).not.toContain('trident-installed')
    expect(s.leftOut.find((l) => l.id === 'trident-installed')?.why.en).toBe('left out with --skip')
  })
})
