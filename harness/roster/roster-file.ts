// A class roster: who to grade and where each student's work is. YAML (a `students:` list, optional
// `defaults:`) or CSV (a header row). It names where each SVM password is (an env var or a file), never
// the password itself. Every problem is a usage error (class-errors-en.ts) that names the row and the field.

import { readFileSync } from 'node:fs'
import { dirname, extname, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { RosterRow } from '../i18n/class-errors-en.js'
import { usageError } from '../i18n/usage-errors.js'
import { parseCsv } from './csv.js'

export interface RosterStudent {
  /** The student's id in reports (`reports/<id>/`) and the LMS; letters, digits, `.`, `_`, `-`. */
  id: string
  /** The namespace graded (default: the id). */
  namespace: string
  kubeconfig?: string
  context?: string
  svm?: string
  ontapHost?: string
  ontapPort?: number
  ontapUser?: string
  ontapHostKey?: string
  /** Name of the environment variable that holds this SVM's password. */
  passwordEnv?: string
  /** Or a file that holds it (resolved against the roster's folder). */
  passwordFile?: string
  /** The LMS user id for the LTI score (default: the id). */
  lmsUserId?: string
}

export interface Roster {
  file: string
  students: RosterStudent[]
  /** YAML `allowExecPlugins: true`: the students' kubeconfigs may run their exec credential plugins. */
  allowExecPlugins?: boolean
}

const KEYS = ['id', 'namespace', 'kubeconfig', 'context', 'svm', 'ontapHost', 'ontapPort', 'ontapUser', 'ontapHostKey', 'passwordEnv', 'passwordFile', 'lmsUserId'] as const
type Key = (typeof KEYS)[number]

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
/** reports/class/ holds the class summary: no student may be called that. */
export const CLASS_FOLDER = 'class'
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

/** An id a roster accepts (it names a report folder): also what --merge-class accepts from a shard's summary. */
export function isStudentId(id: string): boolean {
  return ID.test(id) && id.toLowerCase() !== CLASS_FOLDER
}

export function isNamespaceName(name: string): boolean {
  return name.length <= 63 && DNS1123_LABEL.test(name)
}
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}=?$/

export function loadRoster(path: string, cwd: string): Roster {
  const file = resolve(cwd, path)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw usageError('roster.unreadable', { path, why: code === 'ENOENT' ? 'missing' : code === 'EISDIR' ? 'folder' : 'unreadable', code })
  }
  const options: { allowExecPlugins?: boolean } = {}
  const rows = extname(file).toLowerCase() === '.csv' ? csvRows(text, path) : yamlRows(text, path, options)
  const base = dirname(file)
  const students = rows.map(({ where, row }) => student(row, where, base))
  if (students.length === 0) throw usageError('roster.no-students', { path })
  // Ids name report folders: unique even where the file system ignores case, and never the class folder.
  const seen = new Map<string, string>()
  for (const s of students) {
    const folded = s.id.toLowerCase()
    if (folded === CLASS_FOLDER) throw usageError('roster.id-is-class-folder', { path, id: s.id })
    const earlier = seen.get(folded)
    if (earlier === s.id) throw usageError('roster.id-twice', { path, id: s.id })
    if (earlier !== undefined) throw usageError('roster.ids-differ-in-case', { path, earlier, id: s.id })
    seen.set(folded, s.id)
  }
  return { file, students, ...options }
}

interface Row {
  where: RosterRow
  row: Record<string, unknown>
}

const TOP_LEVEL_KEYS = ['students', 'defaults', 'allowExecPlugins']

function yamlRows(text: string, path: string, options: { allowExecPlugins?: boolean } = {}): Row[] {
  let data: unknown
  try {
    data = parseYaml(text)
  } catch (error) {
    throw usageError('roster.bad-yaml', { path, detail: String((error as Error).message).split('\n')[0] })
  }
  const doc = Array.isArray(data) ? { students: data } : (data as Record<string, unknown> | null)
  if (!doc || typeof doc !== 'object') throw usageError('roster.no-students-list', { path })
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL_KEYS.includes(key)) throw usageError('roster.unknown-top-key', { path, key, allowed: TOP_LEVEL_KEYS })
  }
  const allow = (doc as { allowExecPlugins?: unknown }).allowExecPlugins
  if (allow !== undefined && typeof allow !== 'boolean') throw usageError('roster.allow-exec-not-boolean', { path })
  options.allowExecPlugins = allow
  const defaults = doc.defaults ?? {}
  if (typeof defaults !== 'object' || Array.isArray(defaults)) throw usageError('roster.defaults-not-mapping', { path })
  if (!Array.isArray(doc.students)) throw usageError('roster.no-students-list', { path })
  return doc.students.map((entry, i) => {
    const where: RosterRow = { path, kind: 'student', n: i + 1 }
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw usageError('roster.student-not-mapping', { row: where })
    return { where, row: { ...(defaults as object), ...(entry as object) } }
  })
}

function csvRows(text: string, path: string): Row[] {
  let table: string[][]
  try {
    table = parseCsv(text)
  } catch (error) {
    throw usageError('roster.bad-csv', { path, detail: (error as Error).message })
  }
  const [header, ...body] = table
  if (!header) throw usageError('roster.no-students', { path })
  // Headers match keys loosely: `ontap_host`, `ontap-host` and `ontapHost` are one column.
  const columns = header.map((h) => canonicalKey(h) ?? h.trim())
  const repeated = columns.find((c, i) => columns.indexOf(c) !== i)
  if (repeated !== undefined) throw usageError('roster.column-twice', { path, column: repeated })
  return body.map((cells, i) => {
    const where: RosterRow = { path, kind: 'line', n: i + 2 }
    const row: Record<string, unknown> = {}
    columns.forEach((c, j) => {
      const value = (cells[j] ?? '').trim()
      if (value !== '') row[c] = value
    })
    return { where, row }
  })
}

function student(row: Record<string, unknown>, where: RosterRow, base: string): RosterStudent {
  const fields: Partial<Record<Key, string>> = {}
  for (const [rawKey, value] of Object.entries(row)) {
    const key = canonicalKey(rawKey)
    if (!key) {
      if (/pass(word|phrase)?$|secret|token/i.test(rawKey)) {
        throw usageError('roster.secret-field', { row: where, key: rawKey })
      }
      throw usageError('roster.unknown-field', { row: where, key: rawKey, allowed: KEYS })
    }
    if (value === undefined || value === null || value === '') continue
    if (typeof value !== 'string' && typeof value !== 'number') throw usageError('roster.not-string', { row: where, key })
    fields[key] = String(value).trim()
  }
  const id = fields.id
  if (!id) throw usageError('roster.id-missing', { row: where })
  if (!ID.test(id)) throw usageError('roster.id-invalid', { row: where, id })
  const at: RosterRow = { ...where, id }
  const namespace = fields.namespace ?? id
  if (namespace.length > 63 || !DNS1123_LABEL.test(namespace)) {
    throw usageError('roster.namespace-invalid', { row: at, namespace })
  }
  const host = fields.ontapHost ? splitHostPort(fields.ontapHost, at) : undefined
  let ontapPort = host?.port
  if (fields.ontapPort !== undefined) {
    const n = Number(fields.ontapPort)
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw usageError('roster.port-invalid', { row: at, value: fields.ontapPort })
    if (ontapPort !== undefined && ontapPort !== n) throw usageError('roster.ports-differ', { row: at, hostPort: ontapPort, port: n })
    ontapPort = n
  }
  if (host && !fields.svm) throw usageError('roster.svm-missing', { row: at })
  if (!host && (fields.svm || fields.passwordEnv || fields.passwordFile)) {
    throw usageError('roster.ontap-host-missing', { row: at })
  }
  if (fields.passwordEnv && fields.passwordFile) throw usageError('roster.password-both', { row: at })
  if (fields.passwordEnv && !ENV_NAME.test(fields.passwordEnv)) {
    throw usageError('roster.password-env-invalid', { row: at })
  }
  if (fields.ontapHostKey && !FINGERPRINT.test(fields.ontapHostKey)) {
    throw usageError('roster.host-key-invalid', { row: at })
  }
  return {
    id,
    namespace,
    kubeconfig: fields.kubeconfig ? resolve(base, fields.kubeconfig) : undefined,
    context: fields.context,
    svm: fields.svm,
    ontapHost: host?.host,
    ontapPort,
    ontapUser: fields.ontapUser,
    ontapHostKey: fields.ontapHostKey,
    passwordEnv: fields.passwordEnv,
    passwordFile: fields.passwordFile ? resolve(base, fields.passwordFile) : undefined,
    lmsUserId: fields.lmsUserId,
  }
}

/** `host`, `host:port`, `[v6]` or `[v6]:port`. */
function splitHostPort(value: string, at: RosterRow): { host: string; port?: number } {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(value) ?? /^([^:\s]+)(?::(\d+))?$/.exec(value)
  if (!m) throw usageError('roster.host-invalid', { row: at, value })
  const port = m[2] === undefined ? undefined : Number(m[2])
  if (port !== undefined && (port < 1 || port > 65535)) throw usageError('roster.host-port-invalid', { row: at, value, port })
  return { host: m[1], port }
}

function canonicalKey(raw: string): Key | undefined {
  const loose = raw.toLowerCase().replace(/[-_\s]/g, '')
  return KEYS.find((k) => k.toLowerCase() === loose)
}
