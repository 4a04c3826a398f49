// Every word the grader shows a student or an instructor outside the objectives' own messages and the errors:
// console lines and prompts, scorecard.md, the HTML pages, the LMS comments and the class summary. English declares
// each entry (a word, or a sentence of typed parameters), grouped by where it appears; words-ja.ts is typed against
// it (Translation), so a missing entry or a parameter of another type is a compile error. Callers take the words of
// their language from words.ts (wordsFor). Values an entry is handed are already made safe for its output
// (terminalField, markdownText, esc): entries only put them in place. Status marks (PASS, FAIL, ✅) are not words:
// logs grep them the same in every language.

import type { Catalogue } from './catalogue.js'

/** A check's status (check.ts's CheckStatus, spelled out so this file stands alone: its callers index it by CheckStatus). */
type Status = 'passed' | 'failed' | 'error' | 'blocked' | 'skipped'

/** What the lab counts and a run did not check (skipped: --skip/--only, no ONTAP host, a pod delete not allowed), and its points. */
export interface NotChecked {
  ids: string[]
  points: number
}

/** A total out of the whole lab. */
export interface LabTotal {
  awarded: number
  labPoints: number
  notChecked?: NotChecked
}

/** Why a student's card in a shard's folder cannot be used by --merge-class (`file`: the card, as shown). */
export type CardProblem = { file: string } & (
  | { kind: 'missing'; id: string; result: string }
  | { kind: 'too-big'; mib: number }
  | { kind: 'not-json' }
  | { kind: 'invalid'; detail: string }
  | { kind: 'other-namespace'; graded: string; expected: string }
  | { kind: 'older'; started: string; shardStarted: string }
)

function cardProblem(p: CardProblem): string {
  switch (p.kind) {
    case 'missing':
      return `${p.file} is missing although the shard's summary lists ${p.id} as ${p.result}.`
    case 'too-big':
      return `${p.file} is larger than ${p.mib} MiB, so it is no scorecard of this grader.`
    case 'not-json':
      return `${p.file} is not valid JSON.`
    case 'invalid':
      return `${p.file} is not a valid scorecard (${p.detail}).`
    case 'other-namespace':
      return `${p.file} grades namespace ${p.graded}, not ${p.expected} as the shard's summary says.`
    case 'older':
      return `${p.file} is older than the shard's run (started ${p.started}, the shard at ${p.shardStarted}): a card from an earlier run.`
  }
}

export interface StatusCounts {
  passed: number
  failed: number
  blocked: number
  error: number
  skipped: number
}

const notChecked = (n: NotChecked) => `not checked: ${n.ids.join(', ')}, ${n.points} point${n.points === 1 ? '' : 's'}`

export const WORDS_EN = {
  /** The names of the statuses in prose (the JSON keeps the ids). */
  status: { passed: 'passed', failed: 'failed', error: 'grader error', blocked: 'blocked', skipped: 'skipped' } satisfies Record<Status, string>,
  /** A student's result on the class lines (a word of one column: ids grep the same as the JSON). */
  result: { passed: 'passed', failed: 'failed', error: 'error' } satisfies Record<'passed' | 'failed' | 'error', string>,

  // ---- the console of one student's run (stderr while it runs, the summary on stdout)
  console: {
    grading: (p: { student: string; selfCheck: boolean }) => `Grading ${p.student}${p.selfCheck ? ' (self-check)' : ''}`,
    alsoGrading: (p: { ids: string[] }) => `Also grading what --only needs first: ${p.ids.join(', ')}.`,
    postIgnored: 'Note: --post is ignored in a self-check: a self-check score is never sent to the LMS.',
    stopping: 'Stopping: cleaning up the test file and the lease (Ctrl-C again to quit at once)…',
    posted: (p: { url: string; attempts: number }) => `posted the scorecard to ${p.url} (attempt ${p.attempts})`,
    error: (p: { detail: string }) => `error: ${p.detail}`,
    unexpected: (p: { detail: string }) => `the grader failed unexpectedly: ${p.detail}`,
    partialScorecard: (p: { file: string }) => `partial scorecard: ${p.file}`,
    /** The total line; `<student>: <awarded>/<lab points> points` stays first, logs are parsed by it. */
    total: (p: { student: string; total: LabTotal; counts: StatusCounts }) =>
      `${p.student}: ${p.total.awarded}/${p.total.labPoints} points (${p.total.notChecked ? `${notChecked(p.total.notChecked)}; ` : ''}` +
      `${p.counts.passed} passed, ${p.counts.failed} failed, ${p.counts.blocked} blocked, ${p.counts.error} error, ${p.counts.skipped} skipped)`,
    detected: (p: { versions: string[] }) => `detected: ${p.versions.join(', ')}`,
    /** Where the card is: the JSON first (scripts read its path from this line), then every other file written. */
    scorecard: (p: { dir: string; json: string; others: string[] }) => `scorecard: ${p.dir}/${p.json} (also ${p.others.join(', ')})`,
    confirmDelete: 'To check that data persists, the grader deletes one database pod (its Deployment starts a new one). Continue? [y/N] ',
  },

  // ---- a roster run's console (an instructor's)
  roster: {
    noStudents: (p: { shard: string; roster: string; classSize: number }) => `${p.shard} of ${p.roster} has no students (the class has ${p.classSize}): writing its empty summary.`,
    grading: (p: {
      shard?: { name: string; students: number; classSize: number }
      students: number
      roster: string
      parallel: number
      sessionsPerHost: number
      kubeQps: number
      seconds: number
      posting: boolean
    }) =>
      `Grading ${p.shard ? `${p.shard.name} of ${p.roster}: ${p.shard.students} of ${p.shard.classSize} students` : `${p.students} student${p.students === 1 ? '' : 's'} from ${p.roster}`}: ${p.parallel} at a time, ` +
      `at most ${p.sessionsPerHost} per ONTAP host, ${p.kubeQps} Kubernetes requests/s in all, ${p.seconds} s each` +
      (p.posting ? ', posting each scorecard' : ''),
    stopping: 'Stopping: the running students clean up and no one else is graded (Ctrl-C again to quit at once)…',
    shardStopped: (p: { shard: string }) => `${p.shard} was stopped before it finished: its summary is not marked as the shard's, so --merge-class refuses it; grade this shard again.`,
    studentDone: (p: { done: number; total: number; name: string; awarded: number; possible: number; result: string; seconds: number; extra?: string }) =>
      `[${p.done}/${p.total}] ${p.name}: ${p.awarded}/${p.possible} ${p.result} · ${p.seconds} s${p.extra ? ` · ${p.extra}` : ''}`,
    classLine: (p: { what: { shard?: string; merged?: number }; students: number; passed: number; failed: number; error: number; notDelivered: number }) =>
      `${p.what.shard ? `class (${p.what.shard})` : p.what.merged !== undefined ? `class (merged from ${p.what.merged} shard${p.what.merged === 1 ? '' : 's'})` : 'class'}: ` +
      `${p.students} students: ${p.passed} passed, ${p.failed} failed, ${p.error} grader errors${p.notDelivered ? `, ${p.notDelivered} not delivered` : ''}`,
    summaryFiles: (p: { json: string; others: string[] }) => `summary: ${p.json} (also ${p.others.join(', ')})`,
    merged: (p: { shards: number; dir: string }) => `Merged ${p.shards} shard${p.shards === 1 ? '' : 's'} into ${p.dir}`,
    warning: (p: { detail: string }) => `warning: ${p.detail}`,
    cardProblem,
  },

  // ---- scorecard.md
  markdown: {
    title: 'Level 2 scorecard',
    score: (p: { total: LabTotal }) => `Score: ${p.total.awarded} / ${p.total.labPoints}`,
    notChecked: (p: { notChecked: NotChecked }) =>
      `Not checked (no points given or lost): ${p.notChecked.ids.map((id) => `\`${id}\``).join(', ')}, ${p.notChecked.points} point${p.notChecked.points === 1 ? '' : 's'}.`,
    objective: 'Objective',
    status: 'Status',
    points: 'Points',
    result: 'Result',
    hint: 'Hint',
    partial: 'This run did not finish; the card is partial.',
    versions: 'Detected',
    truncated: (p: { id: string; shrunk: number; omitted: number; itemCap: string; objectiveCap: string }) =>
      `Evidence of \`${p.id}\` was truncated: ${[p.shrunk ? `${p.shrunk} item(s) cut to ${p.itemCap}` : '', p.omitted ? `${p.omitted} more item(s) left out (${p.objectiveCap} per objective)` : ''].filter(Boolean).join(', ')}.`,
    run: 'run',
  },

  // ---- scorecard.html and the class page (status words are shown with their English id as the CSS class)
  html: {
    scorecard: 'Level 2 scorecard',
    classTitle: 'Level 2: class overview',
    selfCheck: 'self-check',
    points: 'points',
    notChecked: (p: { notChecked: NotChecked }) => `Not checked (no points given or lost): ${p.notChecked.ids.join(', ')}, ${p.notChecked.points} point${p.notChecked.points === 1 ? '' : 's'}.`,
    partial: 'This run did not finish: the card is partial, and the score is not final.',
    notFinal: 'The grader could not check everything (grader errors below cost no points); the score is not final.',
    runErrors: 'Problems of the run',
    objectives: 'Objectives',
    hint: 'Hint',
    blockedBy: 'Waits for',
    evidence: 'Evidence (for instructors)',
    evidenceCut: (p: { size: string; cap: string }) => `(truncated: ${p.size} cut to ${p.cap})`,
    moreInJson: (p: { characters: number }) => `… (${p.characters} more characters in scorecard.json)`,
    actions: 'What the grader did',
    about: 'About this run',
    detected: 'Detected versions',
    kubernetes: 'Kubernetes',
    trident: 'Trident',
    ontap: 'ONTAP',
    context: 'Kube context',
    server: 'API server',
    svm: 'SVM',
    runId: 'Run',
    started: 'Started',
    duration: 'Run time',
    seconds: (p: { seconds: string }) => `${p.seconds} s`,
    minutes: (p: { minutes: number; seconds: number }) => `${p.minutes} min ${p.seconds} s`,
    grader: 'Grader',
    notDetected: 'not detected',
    student: 'Student',
    namespace: 'Namespace',
    result: 'Result',
    score: 'Score',
    time: 'Time',
    notes: 'Notes',
    students: 'students',
    passRate: 'Passed',
    average: 'Average',
    notDelivered: 'not delivered',
    secondsUnit: 's',
  },

  // ---- Gradescope's output and the LTI comment (plain text)
  lms: {
    score: (p: { total: LabTotal }) => `Level 2: ${p.total.awarded} / ${p.total.labPoints} points${p.total.notChecked ? ` (${notChecked(p.total.notChecked)})` : ''}.`,
    counts: (p: StatusCounts) => `${p.passed} passed, ${p.failed} failed, ${p.blocked} blocked, ${p.error} grader errors, ${p.skipped} skipped.`,
    notFinal: 'The grader could not grade everything; this score is not final (grader errors cost no points).',
    toFix: (p: { titles: string[] }) => `To fix: ${p.titles.join('; ')}.`,
    graderError: 'Grader error (no points lost):',
    /** Sentences of the comment follow each other with this between them. */
    sentenceGap: ' ',
  },

  // ---- reports/class/summary.md
  classMarkdown: {
    title: 'Level 2: class summary',
    student: 'Student',
    result: 'Result',
    score: 'Score',
    time: 'Time',
    notes: 'Notes',
    counts: (p: { students: number; passed: number; failed: number; error: number }) => `${p.students} students: ${p.passed} passed, ${p.failed} failed, ${p.error} grader errors`,
    shard: (p: { index: number; count: number; students: number; classSize: number }) =>
      `Shard ${p.index}/${p.count} (shards count from 0): ${p.students} of the class's ${p.classSize} students. The whole class: \`npm test -- --merge-class <the shards' folders>\`.`,
    merged: (p: { shards: number }) => `Merged from ${p.shards} shard${p.shards === 1 ? '' : 's'}; every student was graded in exactly one of them.`,
    parallel: (p: { parallel: number }) => `parallel ${p.parallel}`,
  },
} satisfies Record<string, Catalogue>

export type Words = typeof WORDS_EN
