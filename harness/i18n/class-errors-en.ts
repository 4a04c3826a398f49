// Usage errors of a class run (--roster, --shard, --merge-class), in English: the catalogue that declares each
// sentence and its parameters. class-errors-ja.ts is typed against it. Thrown through usageError() (usage-errors.ts).
// Parts of a sentence that are words (where in the roster, which shard, what is wrong with a summary) are passed
// as codes and places, never as English text, so each language says them itself. Names, paths, ids, flags and
// environment variables are put in as given.

import { nameIn, type Catalogue, type Named } from './catalogue.js'

/** A row of a roster: the n-th student of a YAML list or the n-th line of a CSV file, with its id once known. */
export interface RosterRow {
  path: string
  kind: 'student' | 'line'
  n: number
  id?: string
}

/** Why a roster cannot be read: it is missing, a folder, or another error (with its errno code if there is one). */
export type RosterReadFailure = 'missing' | 'folder' | 'unreadable'

/** A shard (its place in the split), and the folder it was read from where a sentence names that. */
export interface ShardPlace {
  index: number
  count: number
  shown: string
}

/** What --merge-class found wrong with a row of a shard's summary. */
export type SummaryRowField = 'object' | 'id' | 'namespace' | 'result' | 'complete' | 'durationMs' | 'runErrors' | 'delivery'

/** What --merge-class found wrong with a shard's summary. */
export type SummaryDefect =
  | { kind: 'schema'; schema: string; version: number }
  | { kind: 'pending' | 'shard' | 'roster' | 'lang' | 'times' | 'settings' | 'students' }
  | { kind: 'student'; n: number; id?: string; field: SummaryRowField }

/** Two students with one id: twice in one shard's summary, or in two shards. */
export type DuplicateStudent = { kind: 'one-shard'; folder: ShardPlace } | { kind: 'two-shards'; folders: readonly [ShardPlace, ShardPlace] }

/** Why the shards do not match the roster given to --merge-class. */
export type RosterMismatch = { kind: 'absent'; id: string } | { kind: 'extra'; id: string; folder: ShardPlace } | { kind: 'namespace' }

/** The one message parseCsv (roster/csv.ts) refuses a file with; any other text is quoted as it is. */
export const CSV_UNCLOSED_QUOTE = 'a quoted field is not closed'

const row = (r: RosterRow) => `${r.path}, ${r.kind} ${r.n}${r.id !== undefined ? ` (${r.id})` : ''}`
const shard = (s: Pick<ShardPlace, 'index' | 'count'>) => `shard ${s.index}/${s.count}`
const folder = (s: ShardPlace) => `${shard(s)} (${s.shown})`

const ROW_FIELD: Record<SummaryRowField, string> = {
  object: 'is not an object',
  id: 'has no valid "id"',
  namespace: 'has no valid "namespace"',
  result: 'has no valid "result"',
  complete: 'has no "complete"',
  durationMs: 'has no valid "durationMs"',
  runErrors: 'has no valid "runErrors"',
  delivery: 'has a malformed "delivery"',
}

const DEFECT: Record<Exclude<SummaryDefect['kind'], 'schema' | 'student'>, string> = {
  pending: '"totals.pending" is not a count',
  shard: 'its "shard" mark is malformed',
  roster: '"roster" is not a file name',
  lang: '"lang" is neither en nor ja',
  times: '"startedAt"/"finishedAt" are not times',
  settings: '"settings" is malformed',
  students: '"students" is not a list',
}

function defect(d: SummaryDefect): string {
  if (d.kind === 'schema') return `no "schema": "${d.schema}", "schemaVersion": ${d.version}`
  if (d.kind === 'student') return `student ${d.n} ${d.id !== undefined ? `(${d.id}) ` : ''}${ROW_FIELD[d.field]}`
  return DEFECT[d.kind]
}

/** At most five shards by name, then how many more. */
function shardList(missing: string[]): string {
  return missing.length > 5 ? `${missing.slice(0, 5).join(', ')} and ${missing.length - 5} more` : missing.join(', ')
}

export const CLASS_ERRORS_EN = {
  // ---- a roster run's flags (roster/roster-config.ts)
  'roster.flag-student': () => "--roster and --student cannot be used together: the roster names every student's namespace.",
  'roster.flag-ontap-host': () => '--ontap-host is per student in a roster run: set ontapHost in the roster.',
  'roster.flag-ontap-port': () => '--ontap-port is per student in a roster run: set ontapPort (or ontapHost host:port) in the roster.',
  'roster.flag-svm': () => '--svm is per student in a roster run: set svm in the roster.',
  'roster.flag-ontap-host-key': () => '--ontap-host-key is per student in a roster run: set ontapHostKey in the roster, or use --ontap-known-hosts.',
  'roster.flag-lms-user-id': () => '--lms-user-id is per student in a roster run: set lmsUserId in the roster.',
  'roster.flag-self-check': () => '--self-check is for one student checking their own work, not for a roster run.',
  'roster.flag-yes': () => '--yes answers the self-check question, which a roster run never asks.',
  'roster.whole-number': (p: { flag: string; value: string }) => `${p.flag} must be a whole number from 1 to 256, not "${p.value}".`,

  // ---- the roster file (roster/roster-file.ts)
  'roster.unreadable': (p: { path: string; why: RosterReadFailure; code?: string }) =>
    `Cannot read the roster ${p.path}: ${p.why === 'missing' ? 'it does not exist' : p.why === 'folder' ? 'it is a folder' : (p.code ?? 'unreadable')}.`,
  'roster.no-students': (p: { path: string }) => `The roster ${p.path} lists no students.`,
  'roster.id-is-class-folder': (p: { path: string; id: string }) => `The roster ${p.path} uses the id "${p.id}", which is the name of the class summary folder; rename that student.`,
  'roster.id-twice': (p: { path: string; id: string }) => `The roster ${p.path} lists the id "${p.id}" twice; ids name report folders and must be unique.`,
  'roster.ids-differ-in-case': (p: { path: string; earlier: string; id: string }) =>
    `The roster ${p.path} lists the ids "${p.earlier}" and "${p.id}", which differ only in case; ids name report folders and must be unique ignoring case.`,
  'roster.bad-yaml': (p: { path: string; detail: string }) => `The roster ${p.path} is not valid YAML (${p.detail}).`,
  'roster.no-students-list': (p: { path: string }) => `The roster ${p.path} must hold a \`students:\` list.`,
  'roster.unknown-top-key': (p: { path: string; key: string; allowed: string[] }) => `The roster ${p.path} has an unknown top-level key \`${p.key}\` (allowed: ${p.allowed.join(', ')}).`,
  'roster.allow-exec-not-boolean': (p: { path: string }) => `The roster ${p.path}: \`allowExecPlugins\` must be true or false.`,
  'roster.defaults-not-mapping': (p: { path: string }) => `The roster ${p.path}: \`defaults\` must be a mapping.`,
  'roster.student-not-mapping': (p: { row: RosterRow }) => `${row(p.row)}: each student must be a mapping such as {id: alice, namespace: alice}.`,
  'roster.bad-csv': (p: { path: string; detail: string }) => `The roster ${p.path} is not valid CSV (${p.detail}).`,
  'roster.column-twice': (p: { path: string; column: string }) => `The roster ${p.path} has the column \`${p.column}\` more than once in its header; keep one.`,
  'roster.secret-field': (p: { row: RosterRow; key: string }) =>
    `${row(p.row)}: \`${p.key}\` looks like a secret; the roster names where a password is (passwordEnv or passwordFile), never the password itself.`,
  'roster.unknown-field': (p: { row: RosterRow; key: string; allowed: readonly string[] }) => `${row(p.row)}: unknown field \`${p.key}\` (allowed: ${p.allowed.join(', ')}).`,
  'roster.not-string': (p: { row: RosterRow; key: string }) => `${row(p.row)}: \`${p.key}\` must be a string.`,
  'roster.id-missing': (p: { row: RosterRow }) => `${row(p.row)}: \`id\` is missing.`,
  'roster.id-invalid': (p: { row: RosterRow; id: string }) => `${row(p.row)}: id "${p.id}" may hold only letters, digits, ".", "_" and "-" (at most 64, starting with a letter or digit).`,
  'roster.namespace-invalid': (p: { row: RosterRow; namespace: string }) => `${row(p.row)}: namespace "${p.namespace}" is not a valid namespace name (lower-case letters, digits and "-").`,
  'roster.port-invalid': (p: { row: RosterRow; value: string }) => `${row(p.row)}: ontapPort "${p.value}" is not a port number.`,
  'roster.ports-differ': (p: { row: RosterRow; hostPort: number; port: number }) => `${row(p.row)}: ontapHost names port ${p.hostPort} but ontapPort says ${p.port}.`,
  'roster.svm-missing': (p: { row: RosterRow }) => `${row(p.row)}: ontapHost needs svm (the student's SVM, e.g. svm01).`,
  'roster.ontap-host-missing': (p: { row: RosterRow }) => `${row(p.row)}: svm / passwordEnv / passwordFile were given without ontapHost (the SVM management address).`,
  'roster.password-both': (p: { row: RosterRow }) => `${row(p.row)}: give passwordEnv or passwordFile, not both.`,
  'roster.password-env-invalid': (p: { row: RosterRow }) => `${row(p.row)}: passwordEnv must be the NAME of an environment variable (letters, digits, "_"), not the password.`,
  'roster.host-key-invalid': (p: { row: RosterRow }) => `${row(p.row)}: ontapHostKey is not an OpenSSH SHA256 fingerprint (SHA256: followed by 43 base64 characters).`,
  'roster.host-invalid': (p: { row: RosterRow; value: string }) => `${row(p.row)}: ontapHost "${p.value}" is not a host name or address (optionally with :port).`,
  'roster.host-port-invalid': (p: { row: RosterRow; value: string; port: number }) => `${row(p.row)}: ontapHost "${p.value}" names port ${p.port}, which is not a port number.`,

  // ---- --shard and an Indexed Job's environment (roster/shard.ts); `where` is --shard or the variables' names
  'shard.malformed': (p: { where: string; value: string }) => `${p.where} must be <index>/<count> with whole numbers, e.g. 0/3 for the first of three shards, not "${p.value}".`,
  'shard.count-range': (p: { where: string; value: string; max: number }) => `${p.where} "${p.value}": the number of shards must be from 1 to ${p.max}.`,
  'shard.index-range': (p: { where: string; value: string; last: number }) => `${p.where} "${p.value}": the shard index must be from 0 to ${p.last} (shards count from 0, like JOB_COMPLETION_INDEX).`,
  'shard.disagrees': (p: { flag: string; index: string; count: string }) =>
    `--shard ${p.flag} disagrees with this Indexed Job pod's JOB_COMPLETION_INDEX=${p.index} and JOB_COMPLETIONS=${p.count}; drop --shard (the Job's index is used) or make them agree.`,
  'shard.completions-missing': () =>
    "JOB_COMPLETION_INDEX is set (an Indexed Job) but JOB_COMPLETIONS is not: set JOB_COMPLETIONS to the Job's completions (or give --shard <index>/<count>), else every pod would grade the whole class.",
  'shard.index-missing': () =>
    'JOB_COMPLETIONS is set but JOB_COMPLETION_INDEX is not: only an Indexed Job (completionMode: Indexed) gives each pod its index; give --shard <index>/<count> otherwise.',
  'shard.index-not-whole': (p: { value: string }) => `JOB_COMPLETION_INDEX must be a whole number, not "${p.value}".`,
  'shard.completions-not-whole': (p: { value: string }) => `JOB_COMPLETIONS must be a whole number, not "${p.value}".`,

  // ---- --merge-class: its flags and folders (roster/merge-class.ts)
  'merge.flag-not-applicable': (p: { flag: string }) => `--${p.flag} does not apply to --merge-class, which only reads the shards' folders and writes the class summary.`,
  'merge.no-folders': () => '--merge-class needs the folders of the shards, e.g. --merge-class reports/shard-0-of-3 reports/shard-1-of-3 reports/shard-2-of-3.',
  'merge.folder-twice': (p: { shown: string; also?: string }) => `--merge-class names the folder ${p.shown} twice${p.also !== undefined ? ` (also as ${p.also})` : ''}; give each shard's folder once.`,
  'merge.out-is-shard': (p: { shown: string }) =>
    `--out names the shard folder ${p.shown}: the merged summary would replace that shard's class summary; give the folder that holds the shards (e.g. --out reports).`,

  // ---- --merge-class: the shards, together (roster/merge-class.ts)
  'merge.different-splits': (p: { first: ShardPlace; other: ShardPlace }) => `The folders hold shards of different splits: ${folder(p.first)} and ${folder(p.other)}; merge the shards of one run.`,
  'merge.other-roster': (p: { folder: ShardPlace; first: ShardPlace }) => `${folder(p.folder)} was graded from another roster than ${folder(p.first)} (other students); merge the shards of one run.`,
  'merge.shard-twice': (p: { shard: Pick<ShardPlace, 'index' | 'count'>; earlier: string; shown: string }) =>
    `${shard(p.shard)} was given twice: ${p.earlier} and ${p.shown}; give each shard's folder once.`,
  'merge.shards-missing': (p: { missing: string[]; count: number }) =>
    `${p.missing.length === 1 ? `Shard ${shardList(p.missing)} is` : `Shards ${shardList(p.missing)} are`} missing: none of the folders given holds ${p.missing.length === 1 ? 'it' : 'them'} (give all ${p.count} shards' folders).`,
  'merge.shard-pending': (p: { folder: ShardPlace; pending: number; students: number }) =>
    `${folder(p.folder)} is incomplete: ${p.pending} of its ${p.students} students were not graded; grade that shard again.`,
  'merge.student-twice': (p: { id: string; how: DuplicateStudent }) =>
    `The student ${p.id} appears ${p.how.kind === 'one-shard' ? `twice in ${folder(p.how.folder)}` : `in two shards: ${folder(p.how.folders[0])} and ${folder(p.how.folders[1])}`}; every student must be graded exactly once (merge the shards of one run).`,
  'merge.shard-short': (p: { folder: ShardPlace; listed: number; students: number }) =>
    `${folder(p.folder)} is incomplete: its summary lists ${p.listed} students, but the shard has ${p.students}; grade that shard again.`,
  'merge.student-count': (p: { held: number; roster: number }) => `The shards hold ${p.held} students, but their roster has ${p.roster}; merge the shards of one run.`,
  'merge.misdealt': (p: { id: string; folder: ShardPlace; index: number; count: number }) =>
    `The student ${p.id} is in ${folder(p.folder)}, but the class deals it to shard ${p.index}/${p.count}: these folders are not the shards of one run.`,
  'merge.marks-mismatch': () => "The students in the shards' summaries are not the ones their shard marks were made for; merge the shards of one run.",
  'merge.not-from-roster': (p: { roster: string; why: RosterMismatch }) =>
    `The shards were not graded from the roster ${p.roster}: ${
      p.why.kind === 'absent'
        ? `${p.why.id} is in the roster but in no shard`
        : p.why.kind === 'extra'
          ? `${p.why.id} is in ${folder(p.why.folder)} but not in the roster`
          : "a student's namespace differs"
    }.`,

  // ---- --merge-class: one shard's folder and summary (roster/merge-class-read.ts)
  'merge.folder-is-file': (p: { shown: string }) => `--merge-class names ${p.shown}, which is a file: give each shard's --out folder.`,
  'merge.folder-missing': (p: { shown: string }) => `--merge-class names ${p.shown}, which does not exist: give each shard's --out folder.`,
  'merge.summary-too-big': (p: { where: string; mib: number }) => `${p.where} is larger than ${p.mib} MiB, so it is no class summary of this grader.`,
  'merge.no-summary': (p: { shown: string; file: string }) => `${p.shown} holds no class summary (${p.file}): give the --out folder of each shard, after the shard has finished.`,
  'merge.summary-not-json': (p: { where: string }) => `${p.where} is not valid JSON (a shard still writing it, or a damaged file).`,
  'merge.summary-malformed': (p: { where: string; defect: SummaryDefect }) => `${p.where} is not a shard summary of this grader: ${defect(p.defect)}.`,
  'merge.summary-unsharded': (p: { where: string; pending: number }) =>
    `${p.where} has no shard mark: it is the summary of a roster run without --shard, or of a shard that was stopped before it finished${p.pending > 0 ? ` (${p.pending} students still pending)` : ''}; grade that shard again.`,

  // ---- why one student of a class has no grading (their card and log say it; the class goes on)
  'roster.password-env-unset': (p: { env: string; id: string }) => `The roster names ${p.env} for the SVM password of ${p.id}, but that environment variable is not set.`,
  'roster.password-file-missing': (p: { id: string }) => `The roster names a password file for the SVM of ${p.id} that does not exist.`,
  'roster.settings-unusable': (p: { id: string; detail: Named }) => `The settings for ${p.id} cannot be used: ${nameIn(p.detail, 'en')}`,
  'roster.could-not-start': (p: { id: string; detail: Named }) => `The grading of ${p.id} could not start: ${nameIn(p.detail, 'en')}`,
  'roster.failed-unexpectedly': (p: { id: string; detail: Named }) => `The grading of ${p.id} failed unexpectedly: ${nameIn(p.detail, 'en')}`,
  'roster.cancelled-before': (p: { id: string }) => `The roster run was cancelled before ${p.id} was graded.`,
  'merge.not-graded': (p: { id: string }) => `${p.id} was not graded.`,

  // ---- a roster's files as the sentences about them name them (a Named: usage-errors-en.ts's `what` and `where`)
  'named.roster-kubeconfig': (p: { id: string }) => `The kubeconfig named for ${p.id} in the roster`,
  'named.roster-password-file': (p: { id: string }) => `The roster's passwordFile for ${p.id}`,
} satisfies Catalogue

export type ClassErrors = typeof CLASS_ERRORS_EN
