// Which ONTAP volume backs a PV, and whether that name is the one Trident would have given this PV.
//
// The name is always read from the PV, never built: CSI Trident names it in volumeAttributes.internalName (and, for
// ontap-nas-economy, volumeAttributes.internalID = /svm/<svm>/flexvol/<flexvol>/qtree/<qtree>); pre-CSI Trident
// mounted it over NFS at `/<internalName>`. Building the expected name is only used to check a name read from a PV.

import type { V1PersistentVolume } from '@kubernetes/client-node'
import { goMatchString, goRegexp } from './go-regexp.js'
import { CSI_PROVISIONER, LEGACY_PROVISIONER } from './trident.js'

export const CSI_VOLUME_NAME = /^trident_pvc_[0-9a-f]{8}(_[0-9a-f]{4}){3}_[0-9a-f]{12}$/
// Trident's internalID of an ontap-nas-economy volume (storage_drivers/ontap/ontap_nas_qtree.go).
const QTREE_INTERNAL_ID = /^\/svm\/([^/]+)\/flexvol\/([^/]+)\/qtree\/([^/]+)$/
// The FlexVols ontap-nas-economy keeps its qtrees in: `trident_qtree_pool_<storage prefix>_<10 letters>`.
const QTREE_POOL_PREFIX = 'trident_qtree_pool_'
const DEFAULT_STORAGE_PREFIX = 'trident_'
// Trident's name template check (ontap_common.go, a Go regexp): a template that does not use .volume.Name gets a
// suffix. Templates come from the student's backend config: they are matched with Go's semantics, never V8's.
const TEMPLATE_USES_VOLUME_NAME = '\\{+.*\\.volume.Name[^{a-z]*\\}+'
const TEMPLATE_UNIQUE_SUFFIX = '_{{slice .volume.Name 4 9}}'

export function provisionedBy(pv: V1PersistentVolume): string | undefined {
  const a = pv.metadata?.annotations ?? {}
  return a['pv.kubernetes.io/provisioned-by'] ?? a['pv.kubernetes.io/provisioned-by-name']
}

/** Whether Trident (CSI or legacy) made this PV dynamically, and if not, why not. */
export function tridentProvisioned(pv: V1PersistentVolume): { ok: true; legacy: boolean } | { ok: false; why: string } {
  const by = provisionedBy(pv)
  if (pv.spec?.csi?.driver === CSI_PROVISIONER) {
    if (by !== CSI_PROVISIONER) return { ok: false, why: 'it has no pv.kubernetes.io/provisioned-by annotation from Trident' }
    if (!pv.spec.csi.volumeAttributes?.internalName) return { ok: false, why: 'its volumeAttributes have no internalName' }
    return { ok: true, legacy: false }
  }
  if (by === LEGACY_PROVISIONER && pv.spec?.nfs) return { ok: true, legacy: true }
  if (by) return { ok: false, why: `it was provisioned by ${by}` }
  return { ok: false, why: 'it has no pv.kubernetes.io/provisioned-by annotation (made by hand)' }
}

/** What a PV names on ONTAP: a FlexVol, or (ontap-nas-economy) a qtree inside a FlexVol. */
export type OntapVolumeRef = { kind: 'flexvol'; volume: string; legacy: boolean } | { kind: 'qtree'; flexvol: string; qtree: string; svm: string; internalName: string }

export function ontapVolumeRef(pv: V1PersistentVolume): OntapVolumeRef | undefined {
  const attributes = pv.spec?.csi?.volumeAttributes ?? {}
  const internal = attributes.internalName
  const id = attributes.internalID?.match(QTREE_INTERNAL_ID)
  if (internal && id) return { kind: 'qtree', svm: id[1], flexvol: id[2], qtree: id[3], internalName: internal }
  if (internal) return { kind: 'flexvol', volume: internal, legacy: false }
  if (pv.spec?.nfs?.path && provisionedBy(pv) === LEGACY_PROVISIONER) {
    const volume = pv.spec.nfs.path.replace(/^\/+/, '').split('/')[0]
    if (volume) return { kind: 'flexvol', volume, legacy: true }
  }
  return undefined
}

/** The ONTAP name a PV names (FlexVol, or qtree for ontap-nas-economy); undefined when it names none. */
export function ontapVolumeName(pv: V1PersistentVolume): string | undefined {
  const ref = ontapVolumeRef(pv)
  if (!ref) return undefined
  return ref.kind === 'qtree' ? ref.qtree : ref.volume
}

/** The parts of a TridentBackend's stored config that decide volume names (`config.ontap_config`). */
export interface BackendNaming {
  /** `storagePrefix`: absent (Trident's default `trident_`), `""` (no prefix) or a string. */
  storagePrefix?: unknown
  /** `defaults.nameTemplate` at the root and in each virtual pool (`storage[].defaults.nameTemplate`). */
  nameTemplates: string[]
  /** `labels` at the root and in each virtual pool, merged (name templates may use `.labels.<key>`). */
  labels: Record<string, string>
  /** The whole `ontap_config`, for `.config.<Field>` in templates. */
  config: Record<string, unknown>
}

export function backendNaming(ontapConfig: Record<string, any> | undefined): BackendNaming {
  const config = ontapConfig ?? {}
  const pools: Record<string, any>[] = Array.isArray(config.storage) ? config.storage.filter((p: unknown) => typeof p === 'object' && p !== null) : []
  const templates = [config.defaults?.nameTemplate, ...pools.map((p) => p.defaults?.nameTemplate)].filter((t): t is string => typeof t === 'string' && t.trim() !== '')
  const labels: Record<string, string> = {}
  for (const source of [config.labels, ...pools.map((p) => p.labels)]) {
    if (typeof source === 'object' && source !== null) for (const [k, v] of Object.entries(source)) if (typeof v === 'string') labels[k] ??= v
  }
  return { storagePrefix: config.storagePrefix, nameTemplates: templates, labels, config }
}

/** What Trident knew about the volume when it named it (PV name, claim, class). */
export interface NamingSubject {
  pvName: string
  namespace?: string
  claimName?: string
  claimUid?: string
  storageClass?: string
}

export type NameVerdict = { ok: true; rule: string } | { ok: false; expected: string }

/**
 * Whether `internalName` (read from the PV) is the name Trident gives a volume for this PV: its default rule
 * (storage prefix + PV name, `-` and `.` as `_`), a name template of the backend (Trident 24.06+), or, for a
 * pre-CSI PV, `trident_<namespace>_<claim>_<first 5 hex of the claim's uid>`. A name that fits none (the SVM's root
 * volume, another student's volume, any volume typed into a hand-edited PV) is not this PV's volume.
 */
export function checkTridentName(internalName: string, subject: NamingSubject, naming: BackendNaming | undefined, legacy = false): NameVerdict {
  const defaultName = defaultInternalName(subject.pvName, naming?.storagePrefix)
  if (internalName === defaultName) return { ok: true, rule: 'storage prefix + PV name' }
  if (legacy && subject.namespace && subject.claimName && subject.claimUid) {
    const short = subject.claimUid.replace(/-/g, '').slice(0, 5)
    const legacyName = `trident_${subject.namespace}_${subject.claimName}_${short}`.replace(/[-.]/g, '_')
    if (internalName === legacyName) return { ok: true, rule: 'pre-CSI trident_<namespace>_<claim>_<uid>' }
  }
  for (const template of naming?.nameTemplates ?? []) {
    if (templateMatcher(template, subject, naming!).test(internalName)) return { ok: true, rule: `name template ${template}` }
  }
  return { ok: false, expected: defaultName }
}

/** The FlexVol ontap-nas-economy keeps a qtree in is one of Trident's qtree pools. */
export function isQtreePoolName(flexvol: string): boolean {
  return flexvol.startsWith(QTREE_POOL_PREFIX)
}

/** Trident's default rule (drivers.GetCommonInternalVolumeName, then `-`/`.` → `_`, no `__`). */
export function defaultInternalName(pvName: string, storagePrefix: unknown): string {
  const prefix = typeof storagePrefix === 'string' ? storagePrefix : DEFAULT_STORAGE_PREFIX
  const joined = prefix === '' ? pvName : `${prefix}-${pvName}`
  return joined.replace(/[-.]/g, '_').replace(/_{2,}/g, '_')
}

/**
 * A name template as a pattern: the parts the grader knows (`.volume.Name`, `.volume.Namespace`,
 * `.volume.RequestName`, `.volume.StorageClass`, `.labels.<key>`, `.config.<Field>`, `slice .volume.Name a b`) are
 * filled in; any other action matches any run of name characters. Then Trident's clean-up: every character other
 * than letters, digits and `_` becomes `_`, runs of `_` become one, and `_` is trimmed at both ends.
 */
function templateMatcher(template: string, subject: NamingSubject, naming: BackendNaming, depth = 0): { test(name: string): boolean } {
  const full = goMatchString(TEMPLATE_USES_VOLUME_NAME, template).matched ? template : template + TEMPLATE_UNIQUE_SUFFIX
  const parts = renderTemplate(full, subject, naming, depth)
  // Wildcards may be empty or start/end with `_`, so the `_` next to one is optional.
  let pattern = ''
  parts.forEach((part, index) => {
    if (part === WILDCARD) {
      pattern += '[A-Za-z0-9_]*'
      return
    }
    let text = part.replace(/[^A-Za-z0-9_]/g, '_').replace(/_{2,}/g, '_')
    if (index === 0) text = text.replace(/^_+/, '')
    if (index === parts.length - 1) text = text.replace(/_+$/, '')
    const before = parts[index - 1] === WILDCARD
    const after = parts[index + 1] === WILDCARD
    if (before) text = text.replace(/^_/, '_?')
    if (after) text = text.replace(/_$/, '_?')
    pattern += text
  })
  // Built from the template's literals (only [A-Za-z0-9_]) and wildcards: linear in Go's engine however many
  // wildcards a template has (V8 would backtrack over every split of the name between them).
  const compiled = goRegexp(`^${pattern}$`)
  return { test: (name) => compiled.ok && compiled.test(name) }
}

const WILDCARD = Symbol('any')
type Part = string | typeof WILDCARD

function renderTemplate(template: string, subject: NamingSubject, naming: BackendNaming, depth: number): Part[] {
  const parts: Part[] = []
  let rest = template
  while (rest.length > 0) {
    const open = rest.indexOf('{{')
    if (open < 0) {
      parts.push(rest)
      break
    }
    if (open > 0) parts.push(rest.slice(0, open))
    const close = rest.indexOf('}}', open)
    if (close < 0) {
      parts.push(WILDCARD)
      break
    }
    const action = rest
      .slice(open + 2, close)
      .replace(/^-\s*/, '')
      .replace(/\s*-$/, '')
      .trim()
    parts.push(renderAction(action, subject, naming, depth))
    rest = rest.slice(close + 2)
  }
  // Adjacent literals join; adjacent wildcards are one.
  const merged: Part[] = []
  for (const part of parts) {
    const last = merged[merged.length - 1]
    if (part === WILDCARD && last === WILDCARD) continue
    if (typeof part === 'string' && typeof last === 'string') merged[merged.length - 1] = last + part
    else merged.push(part)
  }
  return merged
}

function renderAction(action: string, subject: NamingSubject, naming: BackendNaming, depth: number): Part {
  const volumeField = (field: string): string | undefined => ({ Name: subject.pvName, Namespace: subject.namespace, RequestName: subject.claimName, StorageClass: subject.storageClass })[field]
  let m = action.match(/^\.volume\.(\w+)$/)
  if (m) return volumeField(m[1]) ?? WILDCARD
  m = action.match(/^slice\s+\.volume\.(\w+)\s+(\d+)\s+(\d+)$/)
  if (m) {
    const value = volumeField(m[1])
    const [from, to] = [Number(m[2]), Number(m[3])]
    return value !== undefined && to <= value.length && from <= to ? value.slice(from, to) : WILDCARD
  }
  m = action.match(/^\.labels\.(\w+)$/)
  if (m) {
    const value = naming.labels[m[1]]
    if (value === undefined) return WILDCARD
    // A label may itself be a template (`{{.volume.Namespace}}_{{.volume.RequestName}}`): one level deep.
    if (!value.includes('{{')) return value
    if (depth > 0) return WILDCARD
    const inner = renderTemplate(value, subject, naming, depth + 1)
    return inner.every((p) => typeof p === 'string') ? inner.join('') : WILDCARD
  }
  m = action.match(/^\.config\.(\w+)$/)
  if (m) {
    const key = Object.keys(naming.config).find((k) => k.toLowerCase() === m![1].toLowerCase())
    const value = key === undefined ? undefined : naming.config[key]
    return typeof value === 'string' ? value : WILDCARD
  }
  return WILDCARD
}

/**
 * A label value of the backend as Trident writes it into the volume's comment: literal, or a template filled with
 * what the grader knows; undefined when it uses something the grader cannot know.
 */
export function renderLabel(value: string, subject: NamingSubject, naming: BackendNaming): string | undefined {
  if (!value.includes('{{')) return value
  const parts = renderTemplate(value, subject, naming, 1)
  return parts.every((p) => typeof p === 'string') ? parts.join('') : undefined
}
