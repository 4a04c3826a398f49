// A class roster: who to grade and where each student's work is. YAML (a `students:` list, optional
// `defaults:`) or CSV (a header row). It names where each SVM password is (an env var or a file), never
// the password itself. Every problem is a UsageError that names the row and the field.

import { readFileSync } from 'node:fs'
import { dirname, extname, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { UsageError } from '../errors.js'
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
    throw new UsageError(`Cannot read the roster ${path}: ${code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : (code ?? 'unreadable')}.`)
  }
  const options: { allowExecPlugins?: boolean } = {}
  const rows = extname(file).toLowerCase() === '.csv' ? csvRows(text, path) : yamlRows(text, path, options)
  const base = dirname(file)
  const students = rows.map(({ where, row }) => student(row, where, base))
  if (students.length === 0) throw new UsageError(`The roster ${path} lists no students.`)
  // Ids name report folders: unique even where the file system ignores case, and never the class folder.
  const seen = new Map<string, string>()
  for (const s of students) {
    const folded = s.id.toLowerCase()
    if (folded === CLASS_FOLDER) throw new UsageError(`The roster ${path} uses the id "${s.id}", which is the name of the class summary folder; rename that student.`)
    const earlier = seen.get(folded)
    if (earlier === s.id) throw new UsageError(`The roster ${path} lists the id "${s.id}" twice; ids name report folders and must be unique.`)
    if (earlier !== undefined) throw new UsageError(`The roster ${path} lists the ids "${earlier}" and "${s.id}", which differ only in case; ids name report folders and must be unique ignoring case.`)
    seen.set(folded, s.id)
  }
  return { file, students, ...options }
}

interface Row {
  where: string
  row: Record<string, unknown>
}

function yamlRows(text: string, path: string, options: { allowExecPlugins?: boolean } = {}): Row[] {
  let data: unknown
  try {
    data = parseYaml(text)
  } catch (error) {
    throw new UsageError(`The roster ${path} is not valid YAML (${String((error as Error).message).split('\n')[0]}).`)
  }
  const doc = Array.isArray(data) ? { students: data } : (data as Record<string, unknown> | null)
  if (!doc || typeof doc !== 'object') throw new UsageError(`The roster ${path} must hold a \`students:\` list.`)
  for (const key of Object.keys(doc)) {
    if (key !== 'students' && key !== 'defaults' && key !== 'allowExecPlugins')
      throw new UsageError(`The roster ${path} has an unknown top-level key \`${key}\` (allowed: students, defaults, allowExecPlugins).`)
  }
  const allow = (doc as { allowExecPlugins?: unknown }).allowExecPlugins
  if (allow !== undefined && typeof allow !== 'boolean') throw new UsageError(`The roster ${path}: \`allowExecPlugins\` must be true or false.`)
  options.allowExecPlugins = allow
  const defaults = doc.defaults ?? {}
  if (typeof defaults !== 'object' || Array.isArray(defaults)) throw new UsageError(`The roster ${path}: \`defaults\` must be a mapping.`)
  if (!Array.isArray(doc.students)) throw new UsageError(`The roster ${path} must hold a \`students:\` list.`)
  return doc.students.map((entry, i) => {
    const where = `${path}, student ${i + 1}`
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new UsageError(`${where}: each student must be a mapping such as {id: alice, namespace: alice}.`)
    return { where, row: { ...(defaults as object), ...(entry as object) } }
  })
}

function csvRows(text: string, path: string): Row[] {
  let table: string[][]
  try {
    table = parseCsv(text)
  } catch (error) {
    throw new UsageError(`The roster ${path} is not valid CSV (${(error as Error).message}).`)
  }
  const [header, ...body] = table
  if (!header) throw new UsageError(`The roster ${path} lists no students.`)
  // Headers match keys loosely: `ontap_host`, `ontap-host` and `ontapHost` are one column.
  const columns = header.map((h) => canonicalKey(h) ?? h.trim())
  const repeated = columns.find((c, i) => columns.indexOf(c) !== i)
  if (repeated !== undefined) throw new UsageError(`The roster ${path} has the column \`${repeated}\` more than once in its header; keep one.`)
  return body.map((cells, i) => {
    const where = `${path}, line ${i + 2}`
    const row: Record<string, unknown> = {}
    columns.forEach((c, j) => {
      const value = (cells[j] ?? '').trim()
      if (value !== '') row[c] = value
    })
    return { where, row }
  })
}

function student(row: Record<string, unknown>, where: string, base: string): RosterStudent {
  const fields: Partial<Record<Key, string>> = {}
  for (const [rawKey, value] of Object.entries(row)) {
    const key = canonicalKey(rawKey)
    if (!key) {
      if (/pass(word|phrase)?$|secret|token/i.test(rawKey)) {
        throw new UsageError(`${where}: \`${rawKey}\` looks like a secret; the roster names where a password is (passwordEnv or passwordFile), never the password itself.`)
      }
      throw new UsageError(`${where}: unknown field \`${rawKey}\` (allowed: ${KEYS.join(', ')}).`)
    }
    if (value === undefined || value === null || value === '') continue
    if (typeof value !== 'string' && typeof value !== 'number') throw new UsageError(`${where}: \`${key}\` must be a string.`)
    fields[key] = String(value).trim()
  }
  const id = fields.id
  if (!id) throw new UsageError(`${where}: \`id\` is missing.`)
  if (!ID.test(id)) throw new UsageError(`${where}: id "${id}" may hold only letters, digits, ".", "_" and "-" (at most 64, starting with a letter or digit).`)
  const at = `${where} (${id})`
  const namespace = fields.namespace ?? id
  if (namespace.length > 63 || !DNS1123_LABEL.test(namespace)) {
    throw new UsageError(`${at}: namespace "${namespace}" is not a valid namespace name (lower-case letters, digits and "-").`)
  }
  const host = fields.ontapHost ? splitHostPort(fields.ontapHost, at) : undefined
  let ontapPort = host?.port
  if (fields.ontapPort !== undefined) {
    const n = Number(fields.ontapPort)
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`${at}: ontapPort "${fields.ontapPort}" is not a port number.`)
    if (ontapPort !== undefined && ontapPort !== n) throw new UsageError(`${at}: ontapHost names port ${ontapPort} but ontapPort says ${n}.`)
    ontapPort = n
  }
  if (host && !fields.svm) throw new UsageError(`${at}: ontapHost needs svm (the student's SVM, e.g. svm01).`)
  if (!host && (fields.svm || fields.passwordEnv || fields.passwordFile)) {
    throw new UsageError(`${at}: svm / passwordEnv / passwordFile were given without ontapHost (the SVM management address).`)
  }
  if (fields.passwordEnv && fields.passwordFile) throw new UsageError(`${at}: give passwordEnv or passwordFile, not both.`)
  if (fields.passwordEnv && !ENV_NAME.test(fields.passwordEnv)) {
    throw new UsageError(`${at}: passwordEnv must be the NAME of an environment variable (letters, digits, "_"), not the password.`)
  }
  if (fields.ontapHostKey && !FINGERPRINT.test(fields.ontapHostKey)) {
    throw new UsageError(`${at}: ontapHostKey is not an OpenSSH SHA256 fingerprint (SHA256: followed by 43 base64 characters).`)
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
function splitHostPort(value: string, at: string): { host: string; port?: number } {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(value) ?? /^([^:\s]+)(?::(\d+))?$/.exec(value)
  if (!m) throw new UsageError(`${at}: ontapHost "${value}" is not a host name or address (optionally with :port).`)
  const port = m[2] === undefined ? undefined : Number(m[2])
  if (port !== undefined && (port < 1 || port > 65535)) throw new UsageError(`${at}: ontapHost "${value}" names port ${port}, which is not a port number.`)
  return { host: m[1], port }
}

function canonicalKey(raw: string): Key | undefined {
  const loose = raw.toLowerCase().replace(/[-_\s]/g, '')
  return KEYS.find((k) => k.toLowerCase() === loose)
}
