// The two StorageClass objectives differ only in the media they look for. A class counts when Trident would
// read it (CSI provisioner, every parameter key known to Trident, backendType ontap-nas if given) and it selects
// that media: `media: ssd` exactly, or pool lists whose every pool is an SSD aggregate (see storage-pools.ts).
// Pool media comes from ONTAP when the run has ONTAP access and the user may read aggregates, else from the
// rubric's ssdAggregates/hddAggregates; ONTAP is asked only when some class picks pools by name.

import type { V1StorageClass } from '@kubernetes/client-node'
import { GraderError } from '../../harness/errors.js'
import type { MessageKey, Params } from '../../harness/i18n/messages.js'
import {
  backendTypeOk,
  describeClass,
  isLegacyTridentClass,
  isTridentClass,
  looseMedia,
  readTridentClass,
  tridentRelease,
  type Media,
  type TridentClassReading,
  type TridentRelease,
} from '../../harness/lab/storage-classes.js'
import { classSelects, type ClassVerdict, type Pool, type PoolView } from '../../harness/lab/storage-pools.js'
import type { TridentObject } from '../../harness/kube/kube-lab.js'
import type { OntapAggregate } from '../../harness/ontap/types.js'
import type { ObjectiveId } from '../../harness/rubric/objectives.js'
import type { Lab } from './lab.js'
import { objective, type Check } from './objective.js'

export function storageClassObjective(id: ObjectiveId, media: Media, purpose: { en: string; ja: string }): void {
  objective(id, async ({ lab, see, fail, note }) => {
    const classes = await lab.kube.storageClasses()
    see('StorageClasses', classes.map(describeClass))
    const judged = await judgeClasses(lab, classes, media)
    if (judged.view) see(`Storage pools (${judged.view.source})`, judged.view.pools.map((p) => ({ backend: p.backend, pool: p.name, media: p.media ?? 'unknown', mediaFrom: p.mediaFrom })))
    const chosen = judged.classes.find((j) => j.verdict?.selects)
    if (chosen) return noteIfNeeded(see, note, chosen, media)
    // A class that picks aggregates whose media nobody knows is never failed (as ontap-volume): it passes with a
    // note, or is a grader error when the rubric says `unknownAggregateMedia: error`.
    const unknown = unknownMediaClass(judged)
    if (unknown) {
      if (lab.params.unknownAggregateMedia === 'error') throw unknownMediaError(unknown, media)
      return note('sc.note-unknown-pool-media', { name: unknown.name, pools: unknown.pools, media })
    }

    const { key, params } = nearestMiss(judged.classes, media, judged.release)
    if (key === 'sc.none') return fail('sc.none', { media, purpose: purpose.en, purposeJa: purpose.ja })
    return fail(key, params)
  })
}

export interface JudgedClass {
  sc: V1StorageClass
  name: string
  reading?: TridentClassReading
  verdict?: ClassVerdict
}

export interface JudgedClasses {
  classes: JudgedClass[]
  release: TridentRelease
  view?: PoolView & { source: string }
}

/** Every class judged for one media, with the pools the judgement used (when pools mattered). */
export async function judgeClasses(lab: Lab, classes: V1StorageClass[], media: Media): Promise<JudgedClasses> {
  const versions = await lab.kube.tridentObjects('tridentversions')
  const release = tridentRelease(versions[0]?.trident_version as string | undefined)
  const readings = classes.map((sc) => ({ sc, name: sc.metadata?.name ?? '', reading: isTridentClass(sc) ? readTridentClass(sc, release) : undefined }))
  const needsPools = readings.some((r) => r.reading && (r.reading.storagePools || r.reading.additionalStoragePools || r.reading.excludeStoragePools))
  const view = needsPools ? await poolViewOnce(lab) : undefined
  const judged = readings.map(({ sc, name, reading }): JudgedClass => {
    if (!reading || reading.rejected || !backendTypeOk(reading)) return { sc, name, reading }
    return { sc, name, reading, verdict: classSelects(reading, media, view ?? { pools: [], complete: false }) }
  })
  return { classes: judged, release, view }
}

/**
 * Names of the classes that select this media as Trident reads them (pvc-bound uses it for SSD), and of those that
 * pick aggregates whose media the grader cannot know (counted under `unknownAggregateMedia: pass`).
 */
export async function classesSelecting(lab: Lab, media: Media): Promise<{ selecting: string[]; unknownMedia: string[] }> {
  const judged = await judgeClasses(lab, await lab.kube.storageClasses(), media)
  return {
    selecting: judged.classes.filter((j) => j.verdict?.selects).map((j) => j.name),
    unknownMedia: judged.classes.filter((j) => j.verdict?.selects === false && j.verdict.why === 'pool-unknown-media').map((j) => j.name),
  }
}

/** The first Trident class whose pools' media the grader cannot know, with those pools. */
function unknownMediaClass(judged: JudgedClasses): { name: string; pools: string } | undefined {
  for (const j of judged.classes) {
    const v = j.verdict
    if (v && !v.selects && v.why === 'pool-unknown-media') return { name: j.name, pools: [...new Set(v.pools.map((p) => p.name))].join(', ') }
  }
  return undefined
}

export function unknownMediaError(unknown: { name: string; pools: string }, media: Media): GraderError {
  return new GraderError(
    'ONTAP_MEDIA_UNKNOWN',
    `StorageClass ${unknown.name} picks aggregates by name (${unknown.pools}) whose media is neither shown by ONTAP here nor listed in the rubric's ssdAggregates/hddAggregates, so whether it selects ${media} cannot be told; ` +
      'add them to one of those lists, or set parameters.unknownAggregateMedia to pass',
  )
}

// One pool view per run: the SSD and HDD objectives and pvc-bound ask ONTAP once between them.
const VIEWS = new WeakMap<Lab, Promise<PoolView & { source: string }>>()

function poolViewOnce(lab: Lab): Promise<PoolView & { source: string }> {
  let view = VIEWS.get(lab)
  if (!view) {
    view = poolView(lab)
    VIEWS.set(lab, view)
  }
  return view
}

/** The pools of the ontap-nas backends: aggregates from ONTAP when it lists them, else the rubric's. */
async function poolView(lab: Lab): Promise<PoolView & { source: string }> {
  const backends = (await lab.kube.tridentObjects('tridentbackends')).filter((b) => ontapConfig(b as BackendLike).storageDriverName === 'ontap-nas')
  const rubricMedia = new Map<string, Media>([...lab.params.hddAggregates.map((a) => [a, 'hdd'] as const), ...lab.params.ssdAggregates.map((a) => [a, 'ssd'] as const)])
  let fromOntap: OntapAggregate[] | undefined
  if (lab.target.ontap) {
    try {
      const listed = await (await lab.ontap()).listAggregates({ svm: lab.target.ontap.svm, signal: lab.cancelled })
      // A refusal or an empty answer (what REST may give an SVM user) says nothing about the SVM's aggregates.
      fromOntap = listed.refused || listed.aggregates.length === 0 ? undefined : listed.aggregates
    } catch {
      // ONTAP unreachable or unreadable: ontap-volume reports that; classes fall back to the rubric.
      fromOntap = undefined
    }
  }
  const aggregates = fromOntap
    ? fromOntap.map((a) => {
        const known: Pool['media'] = a.media ?? (a.ssd === true ? 'ssd' : a.ssd === false ? 'not-ssd' : undefined)
        const fromRubric = rubricMedia.get(a.name)
        // The rubric's word settles what ONTAP leaves open (unknown, or "not SSD" when HDD is asked).
        const media = known === undefined || (known === 'not-ssd' && fromRubric) ? fromRubric : known
        return { name: a.name, media, mediaFrom: media === undefined ? undefined : media === known ? ('ontap' as const) : ('rubric' as const) }
      })
    : [...rubricMedia].map(([name, media]) => ({ name, media: media as Pool['media'], mediaFrom: 'rubric' as const }))
  const owners: (TridentObject | undefined)[] = backends.length > 0 ? backends : [undefined]
  const pools: Pool[] = owners.flatMap((b): Pool[] => {
    const config = b ? ontapConfig(b as BackendLike) : {}
    const backend = b ? String(b.backendName ?? b.metadata.name) : undefined
    const offers = { nasType: typeof config.nasType === 'string' && config.nasType ? config.nasType.toLowerCase() : 'nfs', region: str(config.region), zone: str(config.zone) }
    // A backend with virtual pools (`storage: [...]`) reports only those, named <backend>_pool_<index>; their
    // media offer is that of the aggregates behind them, decided at provisioning: unknown here.
    if (backend && Array.isArray(config.storage) && config.storage.length > 0) {
      return config.storage.map((_: unknown, index: number) => ({ backend, name: `${backend}_pool_${index}`, offers }))
    }
    const only = typeof config.aggregate === 'string' && config.aggregate !== '' ? config.aggregate : undefined
    return aggregates
      .filter((a) => !only || a.name === only)
      .map((a) => ({ backend, name: a.name, media: a.media, mediaFrom: a.mediaFrom, offers }))
  })
  const source = fromOntap ? 'aggregates listed by ONTAP' : "ONTAP aggregates not readable here: the rubric's ssdAggregates and hddAggregates"
  return { pools, complete: fromOntap !== undefined, source }
}

type BackendLike = { config?: unknown }

function ontapConfig(b: BackendLike): Record<string, any> {
  const config = (b.config ?? {}) as Record<string, any>
  return (config.ontap_config ?? config) as Record<string, any>
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)

function noteIfNeeded(see: Check['see'], note: Check['note'], chosen: JudgedClass, media: Media): void {
  const verdict = chosen.verdict as Extract<ClassVerdict, { selects: true }>
  see(`StorageClass ${chosen.name} selects ${media}`, { pools: verdict.pools.map((p) => `${p.backend ?? '*'}:${p.name}`) })
  // The check passes with a note the student (and instructor) can read, rather than a bare "Passed.".
  if (verdict.rubricPools.length > 0) note('sc.note-rubric-media', { name: chosen.name, pools: verdict.rubricPools.join(', '), media })
  else if (verdict.unmatchedNote) note('sc.note-no-known-pool', { name: chosen.name, media })
}

/** The class the student most likely meant, and what keeps it from counting. */
function nearestMiss(classes: JudgedClass[], media: Media, release: TridentRelease): { key: MessageKey; params: Params } {
  const meant = classes.filter((j) => looseMedia(j.sc) === media || hasPoolList(j.sc))
  const trident = meant.filter((j) => isTridentClass(j.sc))
  const rejected = trident.find((j) => j.reading?.rejected)
  if (rejected) {
    const r = rejected.reading!.rejected!
    const prefixTooNew = release && r.key.startsWith('trident.netapp.io/') && (release[0] < 22 || (release[0] === 22 && release[1] < 7))
    const key: MessageKey = r.why === 'bad-value' ? 'sc.bad-value' : prefixTooNew ? 'sc.prefix-too-new' : 'sc.rejected-key'
    return { key, params: { name: rejected.name, key: r.key, value: r.value, type: r.type } }
  }
  // A class whose pools are all of the other media was meant for that media: it is explained last.
  const meantOther = (j: JudgedClass) => j.verdict?.selects === false && j.verdict.why === 'pool-other-media' && j.verdict.onlyOther
  for (const why of ['pool-other-media', 'no-pool', 'attribute', 'media-spelling'] as const) {
    const hit = trident.find((j) => j.verdict && !j.verdict.selects && j.verdict.why === why && !meantOther(j))
    if (hit) return verdictMiss(hit, media)
  }
  const legacy = meant.find((j) => isLegacyTridentClass(j.sc))
  if (legacy) return { key: 'sc.legacy', params: { name: legacy.name } }
  const wrongBackend = trident.find((j) => j.reading && !j.reading.rejected && !backendTypeOk(j.reading))
  if (wrongBackend) return { key: 'sc.wrong-backend-type', params: { name: wrongBackend.name, media, backendType: wrongBackend.reading!.attributes.backendType } }
  const other = meant.find((j) => !isTridentClass(j.sc) && !isLegacyTridentClass(j.sc))
  if (other) return { key: 'sc.wrong-provisioner', params: { name: other.name, media, provisioner: other.sc.provisioner } }
  const pickedOther = trident.find(meantOther)
  if (pickedOther) return verdictMiss(pickedOther, media)
  const otherMedia = classes.filter((j) => j.verdict && !j.verdict.selects && j.verdict.why === 'other-media')
  if (otherMedia.length > 0) {
    const list = otherMedia.map((j) => `${j.name} (media "${(j.verdict as { media: string }).media}")`).join(', ')
    return { key: 'sc.other-media', params: { media, classes: list } }
  }
  return { key: 'sc.none', params: { media } }
}

function verdictMiss(j: JudgedClass, media: Media): { key: MessageKey; params: Params } {
  const v = j.verdict as Exclude<ClassVerdict, { selects: true }>
  switch (v.why) {
    case 'pool-other-media':
      return { key: 'sc.pool-other-media', params: { name: j.name, media, pool: v.pool.name, poolMedia: v.pool.media, backend: v.pool.backend ?? '*' } }
    case 'no-pool':
      return { key: 'sc.no-pool', params: { name: j.name, media, known: v.poolsKnown.join(', ') || '(none)' } }
    case 'attribute':
      return { key: 'sc.attribute-unmatched', params: { name: j.name, key: v.attribute, value: v.value } }
    case 'media-spelling':
      return { key: 'sc.media-spelling', params: { name: j.name, value: v.media, media } }
    default:
      return { key: 'sc.none', params: { media } }
  }
}

function hasPoolList(sc: V1StorageClass): boolean {
  return Object.keys(sc.parameters ?? {}).some((k) => /(^|\/)(storagePools|additionalStoragePools|requiredStorage)$/.test(k))
}
