// The usage errors of a class run carry their Japanese: each refusal of a roster, a shard or a merge has a
// Japanese sentence that names the same file, row or folder, with no English words in it.

import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { errorSentence, isGraderError } from '../errors.js'
import { CLASS_ERRORS_EN } from '../i18n/class-errors-en.js'
import { CLASS_ERRORS_JA } from '../i18n/class-errors-ja.js'
import { readShardFolder } from './merge-class-read.js'
import { resolveMergeOptions } from './merge-class.js'
import { loadRoster } from './roster-file.js'
import { parseShard, resolveShard } from './shard.js'

/** The refusal's English and Japanese sentences. */
async function refusal(f: () => unknown): Promise<{ en: string; ja: string }> {
  try {
    await f()
  } catch (error) {
    if (isGraderError(error) && error.name === 'UsageError') return { en: errorSentence(error, 'en'), ja: errorSentence(error, 'ja') }
    throw error
  }
  throw new Error('no UsageError')
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/
/** Words of the English sentences' fragments that must never end up in a Japanese one. */
const ENGLISH = /\b(student|line|shard|does not|is a|twice|missing|folder|unreadable)\b/

async function roster(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roster-ja-'))
  await writeFile(join(dir, name), text)
  return dir
}

describe('class usage errors in Japanese', () => {
  it.each([
    ['class.yaml', 'students:\n  - {id: a, password: hunter2-secret}\n', 'class.yaml の 1 人目の学生: `password` はパスワードなどの秘密の値のようです。'],
    ['class.csv', 'id,namespace\nA1,A1\n', 'class.csv の 2 行目（A1）: namespace "A1" は Namespace 名として正しくありません'],
    ['class.yaml', 'students:\n  - {id: a}\n  - {id: a}\n', '名簿 class.yaml に ID "a" が 2 回あります。'],
    ['class.csv', 'id\n"a\n', '名簿 class.csv は CSV として正しくありません（閉じていない引用符があります）。'],
  ])('%s: %j is refused in Japanese, naming the file and the row', async (name, text, ja) => {
    const dir = await roster(name, text)
    const sentence = await refusal(() => loadRoster(name, dir))
    expect(sentence.ja).toContain(ja)
    expect(sentence.ja).not.toMatch(ENGLISH)
    expect(sentence.en).not.toMatch(JAPANESE)
  })

  it('says in Japanese that the roster file is missing or a folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roster-ja-'))
    await mkdir(join(dir, 'class.yaml'))
    expect((await refusal(() => loadRoster('nope.yaml', dir))).ja).toBe('名簿 nope.yaml を読めません（ファイルがありません）。')
    expect((await refusal(() => loadRoster('class.yaml', dir))).ja).toBe('名簿 class.yaml を読めません（フォルダーです）。')
  })

  it('refuses a shard in Japanese', async () => {
    expect((await refusal(() => parseShard('3/3'))).ja).toBe('--shard "3/3": シャードの番号は 0 から 2 までです（JOB_COMPLETION_INDEX と同じく 0 から数えます）。')
    expect((await refusal(() => resolveShard(undefined, { JOB_COMPLETIONS: '3' }))).ja).toMatch(/^JOB_COMPLETIONS が設定されているのに JOB_COMPLETION_INDEX がありません。/)
  })

  it('refuses a merge in Japanese, naming the folders', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'merge-ja-'))
    expect((await refusal(() => resolveMergeOptions({ 'merge-class': ['a', './a'] }, dir))).ja).toBe(
      '--merge-class にフォルダー ./a が 2 回指定されています（a としても指定）。各シャードのフォルダーは 1 回だけ指定してください。',
    )
    expect((await refusal(() => readShardFolder(join(dir, 'nowhere'), 'nowhere'))).ja).toBe('--merge-class に指定された nowhere はありません。各シャードの --out のフォルダーを指定してください。')
    await mkdir(join(dir, 'g', 'class'), { recursive: true })
    await writeFile(join(dir, 'g', 'class', 'summary.json'), '{}')
    expect((await refusal(() => readShardFolder(join(dir, 'g'), 'g'))).ja).toBe(
      'g/class/summary.json はこの採点ツールのシャードの集計ではありません: "schema": "trident-lab-grader/class-summary", "schemaVersion": 1 がありません。',
    )
  })

  it('says each part of a composed sentence in the language of the sentence', () => {
    const a = { index: 0, count: 2, shown: 'a' }
    const b = { index: 1, count: 2, shown: 'b' }
    const twice = { id: 'S01', how: { kind: 'two-shards', folders: [a, b] } } as const
    expect(CLASS_ERRORS_EN['merge.student-twice'](twice)).toMatch(/^The student S01 appears in two shards: shard 0\/2 \(a\) and shard 1\/2 \(b\);/)
    expect(CLASS_ERRORS_JA['merge.student-twice'](twice)).toMatch(/^学生 S01 がシャード 0\/2（a）とシャード 1\/2（b）の両方に含まれています。/)
    const row = { where: 'g/class/summary.json', defect: { kind: 'student', n: 1, id: 's05', field: 'namespace' } } as const
    expect(CLASS_ERRORS_JA['merge.summary-malformed'](row)).toBe('g/class/summary.json はこの採点ツールのシャードの集計ではありません: 1 人目の学生（s05）に有効な "namespace" がありません。')
    const missing = { missing: ['0/9', '1/9', '2/9', '3/9', '4/9', '5/9', '6/9'], count: 9 }
    expect(CLASS_ERRORS_EN['merge.shards-missing'](missing)).toMatch(/^Shards 0\/9, 1\/9, 2\/9, 3\/9, 4\/9 and 2 more are missing/)
    expect(CLASS_ERRORS_JA['merge.shards-missing'](missing)).toMatch(/^次のシャードがありません: 0\/9、1\/9、2\/9、3\/9、4\/9 ほか 2 個。/)
  })

  it('leaves no sentence of a class run outside the catalogues', () => {
    for (const file of ['roster-config.ts', 'roster-file.ts', 'shard.ts', 'merge-class.ts', 'merge-class-read.ts']) {
      expect(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8'), file).not.toMatch(/new UsageError\(/)
    }
  })
})
