// --merge-class: shard folders as roster runs with --shard leave them (each student's scorecard.json and the
// shard's marked class/summary.json), merged into the whole class; and every way the folders can be wrong.

import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { isGraderError } from '../errors.js'
import { labPoints, sampleCard } from '../test-support/sample-cards.js'
import type { Scorecard } from '../scorecard/scorecard.js'
import { summarise, type ClassSummary, type GradedStudent } from './class-summary.js'
import { mergeClass, resolveMergeOptions, type MergeOptions } from './merge-class.js'
import type { Roster, RosterStudent } from './roster-file.js'
import { selectShard, shardMark } from './shard.js'
import { renderSummaryCsv, writeClassSummary } from './write-class-summary.js'

const KLASS: RosterStudent[] = [
  { id: 's05', namespace: 'erin' },
  { id: 's01', namespace: 'alice' },
  { id: 's03', namespace: 'carol' },
  { id: 's02', namespace: 'bob' },
  { id: 's04', namespace: 'dave' },
]
const SHARD_STARTED = '2026-04-01T08:59:00.000Z'
const SETTINGS = { parallel: 2, studentsPerProcess: 10, ontapSessionsPerHost: 2, kubeQps: 100, studentTimeoutSeconds: 600 }

/** What each student's grading gives: s01 passes, s02 fails, s03 is a grader error, s04 and s05 pass. */
function cardOf(s: RosterStudent): Scorecard {
  if (s.id === 's02') return sampleCard({ 'pvc-bound': { status: 'failed' }, 'app-uses-pvc': { status: 'blocked', blockedBy: ['pvc-bound'] } }, { student: s.namespace })
  if (s.id === 's03') return sampleCard({ 'ontap-volume': { status: 'error' } }, { student: s.namespace })
  return sampleCard({}, { student: s.namespace })
}

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'merge-class-'))
})

interface ShardOptions {
  roster?: RosterStudent[]
  /** Leave these students' cards out (the summary still lists them). */
  noCard?: string[]
  /** Students the summary says were never reached (a cancelled shard): no card, an error row. */
  cancelled?: string[]
  card?: (s: RosterStudent) => Scorecard
  mark?: boolean
  pending?: number
  dropRow?: string
  extraRow?: RosterStudent
  folder?: string
}

/** A shard's --out folder as `--roster ... --shard i/n` leaves it. Returns the folder. */
async function shard(index: number, count: number, o: ShardOptions = {}): Promise<string> {
  const roster = o.roster ?? KLASS
  const out = join(dir, o.folder ?? `shard-${index}-of-${count}`)
  const slice = selectShard(roster, { index, count }).filter((s) => s.id !== o.dropRow)
  if (o.extraRow) slice.push(o.extraRow)
  const graded: GradedStudent[] = []
  for (const s of slice) {
    let card = (o.card ?? cardOf)(s)
    if (o.cancelled?.includes(s.id))
      card = {
        ...sampleCard({}, { student: s.namespace, complete: false, runErrors: [`The roster run was cancelled before ${s.id} was graded.`] }),
        checks: [],
        totals: { possible: 0, awarded: 0, passed: 0, failed: 0, blocked: 0, error: 0, skipped: 0 },
      }
    else if (!o.noCard?.includes(s.id)) {
      await mkdir(join(out, s.id), { recursive: true })
      await writeFile(join(out, s.id, 'scorecard.json'), JSON.stringify(card))
    }
    graded.push({ id: s.id, namespace: s.namespace, card, durationMs: 1000 + index, reportDir: `../${s.id}` })
  }
  const summary = summarise(
    graded,
    {
      roster: 'class.yaml',
      lang: 'en',
      startedAt: SHARD_STARTED,
      finishedAt: `2026-04-01T09:0${index}:00.000Z`,
      settings: SETTINGS,
      ...(o.mark === false ? {} : { shard: shardMark(roster, { index, count }) }),
    },
    graded.length + (o.pending ?? 0),
  )
  await writeClassSummary(summary, join(out, 'class'))
  return out
}

function options(dirs: string[], extra: Partial<MergeOptions> = {}): MergeOptions {
  return { dirs: dirs.map((d) => ({ dir: d, shown: d.slice(dir.length + 1) })), outRoot: dir, ...extra }
}

async function refusal(o: MergeOptions): Promise<string> {
  try {
    await mergeClass(o)
  } catch (error) {
    if (isGraderError(error) && error.name === 'UsageError') return error.message
    throw error
  }
  throw new Error('the merge was not refused')
}

describe('mergeClass', () => {
  it('builds the whole class from three shards, as one roster run would have, and writes it in the roster formats', async () => {
    const dirs = [await shard(2, 3), await shard(0, 3), await shard(1, 3)]
    const { summary, problems } = await mergeClass(options(dirs))
    expect(problems).toEqual([])
    // Out of the lab's points; s03's erred ontap-volume is not part of what was possible.
    const lab = labPoints()
    const s02 = lab - labPoints(['pvc-bound', 'app-uses-pvc'])
    const s03 = lab - labPoints(['ontap-volume'])
    expect(summary.students.map((s) => [s.id, s.namespace, s.result, s.awarded, s.possible])).toEqual([
      ['s01', 'alice', 'passed', lab, lab],
      ['s02', 'bob', 'failed', s02, lab],
      ['s03', 'carol', 'error', s03, s03],
      ['s04', 'dave', 'passed', lab, lab],
      ['s05', 'erin', 'passed', lab, lab],
    ])
    expect(summary.totals).toEqual({ students: 5, passed: 3, failed: 1, error: 1, deliveryFailed: 0, pending: 0 })
    expect(summary.exitCode).toBe(2)
    expect(summary.merged).toEqual({ shards: 3, from: ['../shard-0-of-3', '../shard-1-of-3', '../shard-2-of-3'] })
    expect(summary.shard).toBeUndefined()
    expect(summary.startedAt).toBe(SHARD_STARTED)
    expect(summary.finishedAt).toBe('2026-04-01T09:02:00.000Z')
    // s01 is rank 0 (shard 0), s02 rank 1 (shard 1), ...: each row links to the shard folder that graded it.
    expect(summary.students.map((s) => s.reportDir)).toEqual(['../shard-0-of-3/s01', '../shard-1-of-3/s02', '../shard-2-of-3/s03', '../shard-0-of-3/s04', '../shard-1-of-3/s05'])

    // The same rows as summarise() over the same cards in one run.
    const oneRun = summarise(
      [...KLASS]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((s, rank) => ({ id: s.id, namespace: s.namespace, card: cardOf(s), durationMs: 1000 + (rank % 3), reportDir: summary.students[rank].reportDir })),
      { roster: 'class.yaml', lang: 'en', startedAt: summary.startedAt, finishedAt: summary.finishedAt, settings: SETTINGS },
    )
    expect(summary.students).toEqual(oneRun.students)
    expect(summary.objectives).toEqual(oneRun.objectives)

    const written = JSON.parse(readFileSync(join(dir, 'class', 'summary.json'), 'utf8')) as ClassSummary
    expect(written.students.map((s) => s.id)).toEqual(['s01', 's02', 's03', 's04', 's05'])
    expect(readFileSync(join(dir, 'class', 'summary.csv'), 'utf8')).toBe(renderSummaryCsv(summary))
    expect(readFileSync(join(dir, 'class', 'summary.md'), 'utf8')).toContain('Merged from 3 shards; every student was graded in exactly one of them.')
    expect(readFileSync(join(dir, 'class', 'index.html'), 'utf8')).toContain('href="../shard-2-of-3/s03/scorecard.html"')
    // The shards' own summaries are untouched.
    expect(JSON.parse(readFileSync(join(dirs[1], 'class', 'summary.json'), 'utf8')).shard).toMatchObject({ index: 0, count: 3 })
  })

  it("lists the students in the roster's order when the roster is given, and checks that it is the shards' class", async () => {
    const dirs = [await shard(0, 2), await shard(1, 2)]
    const roster: Roster = { file: join(dir, 'class.yaml'), students: KLASS }
    const { summary } = await mergeClass(options(dirs, { roster, rosterShown: 'class.yaml' }))
    expect(summary.students.map((s) => s.id)).toEqual(['s05', 's01', 's03', 's02', 's04'])

    const other: Roster = { file: join(dir, 'other.yaml'), students: [...KLASS, { id: 's06', namespace: 'frank' }] }
    expect(await refusal(options(dirs, { roster: other, rosterShown: 'other.yaml' }))).toBe('The shards were not graded from the roster other.yaml: s06 is in the roster but in no shard.')
    const renamed: Roster = { file: join(dir, 'r.yaml'), students: KLASS.map((s) => (s.id === 's04' ? { ...s, namespace: 'david' } : s)) }
    expect(await refusal(options(dirs, { roster: renamed, rosterShown: 'r.yaml' }))).toBe("The shards were not graded from the roster r.yaml: a student's namespace differs.")
  })

  it('merges a single shard of one (--shard 0/1) and an empty shard (more shards than students)', async () => {
    const two = KLASS.slice(0, 2) // s05, s01
    const dirs = [await shard(0, 3, { roster: two }), await shard(1, 3, { roster: two }), await shard(2, 3, { roster: two })]
    const { summary } = await mergeClass(options(dirs))
    expect(summary.students.map((s) => s.id)).toEqual(['s01', 's05'])
    const whole = await shard(0, 1, { folder: 'whole' })
    expect((await mergeClass(options([whole]))).summary.totals.students).toBe(5)
  })

  it('keeps a student a cancelled shard never reached as a grader error that says so', async () => {
    const dirs = [await shard(0, 2, { cancelled: ['s03'] }), await shard(1, 2)]
    const { summary, problems } = await mergeClass(options(dirs))
    expect(problems).toEqual([])
    const s03 = summary.students.find((s) => s.id === 's03')!
    expect(s03).toMatchObject({ result: 'error', complete: false, awarded: 0, possible: 0, notes: ['The roster run was cancelled before s03 was graded.'] })
  })

  it('never takes a card beyond what the summary code checks: invalid, foreign, older or missing cards make the student a grader error with a note', async () => {
    const dirs = [await shard(0, 2, { noCard: ['s01'] }), await shard(1, 2)]
    // s02 (shard 1): a card that breaks the scorecard schema (a student-made total).
    const s02 = cardOf(KLASS[3]) as any
    s02.totals.awarded = 'all of them'
    await writeFile(join(dirs[1], 's02', 'scorecard.json'), JSON.stringify(s02))
    // s03 (shard 0): another namespace's card.
    await writeFile(join(dirs[0], 's03', 'scorecard.json'), JSON.stringify(sampleCard({}, { student: 'mallory' })))
    // s04 (shard 1): a card from before the shard's run.
    await writeFile(join(dirs[1], 's04', 'scorecard.json'), JSON.stringify({ ...sampleCard({}, { student: 'dave' }), startedAt: '2026-03-01T00:00:00.000Z' }))
    // s05 (shard 0): not JSON.
    await writeFile(join(dirs[0], 's05', 'scorecard.json'), '{"schema": "trident-lab-grader/scorecard", ')

    const { summary, problems } = await mergeClass(options(dirs))
    const row = (id: string) => summary.students.find((s) => s.id === id)!
    expect(problems.map((p) => p.en)).toEqual([
      "shard-0-of-2/s01/scorecard.json is missing although the shard's summary lists s01 as passed.",
      'shard-1-of-2/s02/scorecard.json is not a valid scorecard (/totals/awarded must be number).',
      "shard-0-of-2/s03/scorecard.json grades namespace mallory, not carol as the shard's summary says.",
      "shard-1-of-2/s04/scorecard.json is older than the shard's run (started 2026-03-01T00:00:00.000Z, the shard at 2026-04-01T08:59:00.000Z): a card from an earlier run.",
      'shard-0-of-2/s05/scorecard.json is not valid JSON.',
    ])
    expect(problems.map((p) => p.ja)).toEqual([
      'シャードの集計では s01 は合格ですが、shard-0-of-2/s01/scorecard.json がありません。',
      'shard-1-of-2/s02/scorecard.json は正しい採点結果ではありません（/totals/awarded must be number）。',
      'shard-0-of-2/s03/scorecard.json は namespace mallory の採点結果で、シャードの集計にある carol のものではありません。',
      'shard-1-of-2/s04/scorecard.json はシャードの実行より前のものです（開始 2026-03-01T00:00:00.000Z、シャードは 2026-04-01T08:59:00.000Z）。以前の実行の採点結果です。',
      'shard-0-of-2/s05/scorecard.json は JSON として正しくありません。',
    ])
    for (const id of ['s01', 's02', 's03', 's04', 's05']) {
      expect(row(id)).toMatchObject({ result: 'error', complete: false, awarded: 0, possible: 0, objectives: {} })
      expect(row(id).notes).toHaveLength(1)
    }
    expect(summary.exitCode).toBe(2)
  })

  it('renders student text from a card as text in every format', async () => {
    const hostile = '<img src=x onerror=alert(1)>|=cmd'
    const dirs = [await shard(0, 1, { card: (s) => ({ ...cardOf(s), runErrors: s.id === 's01' ? [hostile] : [] }) })]
    await mergeClass(options(dirs))
    expect(readFileSync(join(dir, 'class', 'index.html'), 'utf8')).not.toContain('<img src=x')
    expect(readFileSync(join(dir, 'class', 'summary.md'), 'utf8')).not.toContain('<img src=x')
  })
})

describe('mergeClass refuses, naming what is wrong', () => {
  it('a missing shard', async () => {
    const dirs = [await shard(0, 3), await shard(2, 3)]
    expect(await refusal(options(dirs))).toBe("Shard 1/3 is missing: none of the folders given holds it (give all 3 shards' folders).")
    expect(await refusal(options([dirs[0]]))).toBe("Shards 1/3, 2/3 are missing: none of the folders given holds them (give all 3 shards' folders).")
  })

  it('a shard given twice', async () => {
    const a = await shard(1, 3)
    const b = await shard(1, 3, { folder: 'copy-of-1' })
    expect(await refusal(options([await shard(0, 3), a, b, await shard(2, 3)]))).toBe("shard 1/3 was given twice: shard-1-of-3 and copy-of-1; give each shard's folder once.")
  })

  it('a student in two shards', async () => {
    // Shard 1 also lists s01, which shard 0 graded.
    const dirs = [await shard(0, 2), await shard(1, 2, { extraRow: { id: 's01', namespace: 'alice' } })]
    expect(await refusal(options(dirs))).toBe(
      'The student s01 appears in two shards: shard 0/2 (shard-0-of-2) and shard 1/2 (shard-1-of-2); every student must be graded exactly once (merge the shards of one run).',
    )
    const upper = [await shard(0, 2, { folder: 'a' }), await shard(1, 2, { folder: 'b', extraRow: { id: 'S01', namespace: 'alice' } })]
    expect(await refusal(options(upper))).toMatch(/^The student S01 appears in two shards: shard 0\/2 \(a\) and shard 1\/2 \(b\);/)
  })

  it('a shard that is incomplete: students pending, or fewer rows than it has students', async () => {
    const pending = [await shard(0, 2), await shard(1, 2, { pending: 1 })]
    expect(await refusal(options(pending))).toBe('shard 1/2 (shard-1-of-2) is incomplete: 1 of its 2 students were not graded; grade that shard again.')
    const short = [await shard(0, 2, { folder: 'x0' }), await shard(1, 2, { folder: 'x1', dropRow: 's02' })]
    expect(await refusal(options(short))).toBe('shard 1/2 (x1) is incomplete: its summary lists 1 students, but the shard has 2; grade that shard again.')
  })

  it('a summary without a shard mark (no --shard, or a shard stopped before it finished)', async () => {
    const dirs = [await shard(0, 2), await shard(1, 2, { mark: false, pending: 1 })]
    expect(await refusal(options(dirs))).toBe(
      'shard-1-of-2/class/summary.json has no shard mark: it is the summary of a roster run without --shard, or of a shard that was stopped before it finished (1 students still pending); grade that shard again.',
    )
  })

  it('shards of different runs: other splits, other rosters, a student dealt to another shard', async () => {
    expect(await refusal(options([await shard(0, 2), await shard(1, 3)]))).toBe(
      'The folders hold shards of different splits: shard 0/2 (shard-0-of-2) and shard 1/3 (shard-1-of-3); merge the shards of one run.',
    )
    const other = [...KLASS, { id: 's06', namespace: 'frank' }]
    expect(await refusal(options([await shard(0, 2, { folder: 'p' }), await shard(1, 2, { folder: 'q', roster: other })]))).toBe(
      'shard 1/2 (q) was graded from another roster than shard 0/2 (p) (other students); merge the shards of one run.',
    )
    // Shard 1's summary swapped s02 for s01 (and shard 0 lost s01): the dealing says where each belongs.
    const swapped = [
      await shard(0, 2, { folder: 'm', dropRow: 's01', extraRow: { id: 's02', namespace: 'bob' } }),
      await shard(1, 2, { folder: 'n', dropRow: 's02', extraRow: { id: 's01', namespace: 'alice' } }),
    ]
    expect(await refusal(options(swapped))).toBe('The student s02 is in shard 0/2 (m), but the class deals it to shard 1/2: these folders are not the shards of one run.')
  })

  it('a folder that is no shard folder, or a damaged summary', async () => {
    expect(await refusal(options([join(dir, 'nowhere')]))).toBe("--merge-class names nowhere, which does not exist: give each shard's --out folder.")
    await mkdir(join(dir, 'empty'))
    expect(await refusal(options([join(dir, 'empty')]))).toBe('empty holds no class summary (class/summary.json): give the --out folder of each shard, after the shard has finished.')
    const d = await shard(0, 1)
    await writeFile(join(d, 'class', 'summary.json'), '{"schema": ')
    expect(await refusal(options([d]))).toBe('shard-0-of-1/class/summary.json is not valid JSON (a shard still writing it, or a damaged file).')
    await writeFile(join(d, 'class', 'summary.json'), JSON.stringify({ schema: 'something-else' }))
    expect(await refusal(options([d]))).toBe('shard-0-of-1/class/summary.json is not a shard summary of this grader: no "schema": "trident-lab-grader/class-summary", "schemaVersion": 1.')
    const good = JSON.parse(await readFile(join(await shard(0, 1, { folder: 'g' }), 'class', 'summary.json'), 'utf8'))
    const bad = async (change: (s: any) => void) => {
      const copy = structuredClone(good)
      change(copy)
      await rm(join(dir, 'g', 'class', 'summary.json'))
      await writeFile(join(dir, 'g', 'class', 'summary.json'), JSON.stringify(copy))
      return refusal(options([join(dir, 'g')]))
    }
    expect(await bad((s) => (s.students[0].id = '../../etc'))).toBe('g/class/summary.json is not a shard summary of this grader: student 1 has no valid "id".')
    expect(await bad((s) => (s.students[1].id = 'class'))).toBe('g/class/summary.json is not a shard summary of this grader: student 2 has no valid "id".')
    expect(await bad((s) => (s.students[0].namespace = 'Not A Namespace'))).toBe('g/class/summary.json is not a shard summary of this grader: student 1 (s05) has no valid "namespace".')
    expect(await bad((s) => (s.students[0].durationMs = -5))).toBe('g/class/summary.json is not a shard summary of this grader: student 1 (s05) has no valid "durationMs".')
    expect(await bad((s) => (s.students[0].runErrors = [{ toString: 1 }]))).toBe('g/class/summary.json is not a shard summary of this grader: student 1 (s05) has no valid "runErrors".')
    expect(await bad((s) => (s.shard.index = 1))).toBe('g/class/summary.json is not a shard summary of this grader: its "shard" mark is malformed.')
    expect(await bad((s) => (s.shard.rosterDigest = 'md5:1'))).toBe('g/class/summary.json is not a shard summary of this grader: its "shard" mark is malformed.')
  })
})

describe('resolveMergeOptions', () => {
  const usage = (flags: Parameters<typeof resolveMergeOptions>[0]): string => {
    try {
      resolveMergeOptions(flags, dir)
    } catch (error) {
      if (isGraderError(error) && error.name === 'UsageError') return error.message
      throw error
    }
    throw new Error('no UsageError')
  }

  it('takes the folders, --out (default reports), --lang and --roster', async () => {
    await writeFile(join(dir, 'class.yaml'), 'students:\n  - {id: s01, namespace: alice}\n')
    const o = resolveMergeOptions({ 'merge-class': ['a/', 'b'], roster: 'class.yaml', lang: 'ja' }, dir)
    expect(o.dirs).toEqual([
      { dir: join(dir, 'a'), shown: 'a' },
      { dir: join(dir, 'b'), shown: 'b' },
    ])
    expect(o.outRoot).toBe(join(dir, 'reports'))
    expect(o.lang).toBe('ja')
    expect(o.roster?.students.map((s) => s.id)).toEqual(['s01'])
  })

  it.each([
    [{ 'merge-class': ['a'], parallel: '4' }, "--parallel does not apply to --merge-class, which only reads the shards' folders and writes the class summary."],
    [{ 'merge-class': ['a'], shard: '0/2' }, "--shard does not apply to --merge-class, which only reads the shards' folders and writes the class summary."],
    [{ 'merge-class': ['a'], student: 'alice' }, "--student does not apply to --merge-class, which only reads the shards' folders and writes the class summary."],
    [{ 'merge-class': ['a', './a'] }, "--merge-class names the folder ./a twice (also as a); give each shard's folder once."],
    [
      { 'merge-class': ['reports/shard-0-of-2'], out: 'reports/shard-0-of-2' },
      "--out names the shard folder reports/shard-0-of-2: the merged summary would replace that shard's class summary; give the folder that holds the shards (e.g. --out reports).",
    ],
    [{ 'merge-class': ['a'], lang: 'fr' }, '--lang must be ja or en, not "fr".'],
    [{ 'merge-class': [] }, '--merge-class needs the folders of the shards, e.g. --merge-class reports/shard-0-of-3 reports/shard-1-of-3 reports/shard-2-of-3.'],
  ] as const)('refuses %j', (flags, sentence) => {
    expect(usage(flags as any)).toBe(sentence)
  })
})
