// Lab step "再デプロイメント" (`vol show` on the SVM): the ONTAP volume Trident made for the PVC exists on the
// student's SVM, is the one Trident made for this PV, is online and mounted, is big enough and sits on SSD.
//
// What "cannot be mounted" means here (missing, offline, restricted, no junction path) is recorded with
// check.unmountable(): only that blocks data-persists. A volume on the wrong aggregate or too small fails this check
// and data-persists still runs. Aggregate media the ONTAP user cannot see is unknown, never "not SSD".

import type { V1PersistentVolume, V1PersistentVolumeClaim } from '@kubernetes/client-node'
import { GraderError } from '../harness/errors.js'
import { findDatabaseClaim } from '../harness/lab/database.js'
import { formatBytes, quantityToBytes } from '../harness/lab/quantity.js'
import {
  backendNaming,
  checkTridentName,
  isQtreePoolName,
  ontapVolumeRef,
  renderLabel,
  type BackendNaming,
  type NamingSubject,
  type OntapVolumeRef,
} from '../harness/lab/volume-name.js'
import type { TridentObject } from '../harness/kube/kube-lab.js'
import type { OntapAggregateList, OntapVolume } from '../harness/ontap/types.js'
import type { Lab } from './support/lab.js'
import { objective, type Check } from './support/objective.js'

// ONTAP rounds sizes to its own units; allow 1% below the request before calling it too small.
const SIZE_TOLERANCE = 0.99

objective('ontap-volume', async (check) => {
  const { lab, see, fail, signal } = check
  const ontap = await lab.ontap()
  const svm = lab.target.ontap!.svm
  const claim = await findDatabaseClaim(lab.kube, lab.params)
  if ('missing' in claim) return fail('pvc.none', { namespace: lab.target.student })
  const pvc = claim.found.pvc
  const pv = await lab.kube.persistentVolume(pvc.spec!.volumeName!)
  if (!pv) return fail('pvc.pending', { name: pvc.metadata?.name, phase: 'not bound' })
  const ref = ontapVolumeRef(pv)
  if (!ref) return fail('ontap.no-internal-name', { pv: pv.metadata?.name })

  const trident = await tridentRecords(lab, pv)
  checkOwnership(check, pv, pvc, ref, trident)

  const flexvol = ref.kind === 'qtree' ? ref.flexvol : ref.volume
  const volume = await ontap.getVolume(svm, flexvol, { signal })
  see(`ONTAP volume ${svm}:${flexvol} (${ontap.info.target})`, volume ?? 'There are no entries matching your query.')
  if (!volume) {
    const backendSvm = ref.kind === 'qtree' ? ref.svm : svmOf(trident.backend)
    if (backendSvm && backendSvm !== svm) {
      return unmountable(check, 'ontap.volume-other-svm', { volume: flexvol, svm, backend: backendNameOf(trident.backend) ?? '(unknown)', backendSvm })
    }
    if (ref.kind === 'qtree') return unmountable(check, 'ontap.flexvol-missing', { flexvol, qtree: ref.qtree, svm })
    return unmountable(check, 'ontap.volume-missing', { volume: flexvol, svm })
  }
  if (volume.isSvmRoot || volume.junctionPath === '/') {
    return fail('ontap.root-volume', { volume: flexvol, svm, why: volume.isSvmRoot ? 'is_svm_root' : 'junction path /' })
  }
  if (ref.kind === 'qtree') {
    const qtree = await ontap.getQtree(svm, flexvol, ref.qtree, { signal })
    see(`ONTAP qtree ${svm}:${flexvol}/${ref.qtree} (ontap-nas-economy: size and placement are the FlexVol's)`, qtree ?? 'There are no entries matching your query.')
    if (!qtree) return unmountable(check, 'ontap.qtree-missing', { qtree: ref.qtree, flexvol, svm })
  }
  if (volume.state !== 'online') return unmountable(check, 'ontap.volume-not-online', { volume: flexvol, svm, state: volume.state })
  if (!volume.junctionPath) return unmountable(check, 'ontap.volume-not-mounted', { volume: flexvol, svm })
  checkLabels(check, volume, trident.naming, trident.subject)

  checkSize(check, volume, pv, pvc)
  await checkPlacement(check, volume, trident, pvc)
})

interface TridentRecords {
  backend?: TridentObject
  naming?: BackendNaming
  /** The TridentVolume of this PV: `pool` is the aggregate Trident placed it on. */
  tridentVolume?: TridentObject
  subject: NamingSubject
  storageClass?: { name: string; media?: string }
}

async function tridentRecords(lab: Lab, pv: V1PersistentVolume): Promise<TridentRecords> {
  const attributes = pv.spec?.csi?.volumeAttributes ?? {}
  const [backends, volumes, classes, claim] = await Promise.all([
    lab.kube.tridentObjects('tridentbackends'),
    lab.kube.tridentObjects('tridentvolumes'),
    lab.kube.storageClasses(),
    findDatabaseClaim(lab.kube, lab.params),
  ])
  const pvc = 'found' in claim ? claim.found.pvc : undefined
  const backend = attributes.backendUUID ? backends.find((b) => b.backendUUID === attributes.backendUUID) : undefined
  const tridentVolume = volumes.find((v) => v.metadata.name === pv.metadata?.name)
  const className = pvc?.spec?.storageClassName ?? pvc?.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class']
  const sc = className ? classes.find((c) => c.metadata?.name === className) : undefined
  return {
    backend,
    tridentVolume,
    naming: backend ? backendNaming((backend.config as { ontap_config?: Record<string, any> } | undefined)?.ontap_config) : undefined,
    subject: {
      pvName: pv.metadata?.name ?? '',
      namespace: pvc?.metadata?.namespace,
      claimName: pvc?.metadata?.name,
      claimUid: pvc?.metadata?.uid,
      storageClass: className,
    },
    storageClass: className ? { name: className, media: sc?.parameters?.media } : undefined,
  }
}

/** The ONTAP name in the PV is the one Trident gives this PV (not the SVM's root, not another student's volume). */
function checkOwnership({ see, fail }: Check, pv: V1PersistentVolume, pvc: V1PersistentVolumeClaim, ref: OntapVolumeRef, trident: TridentRecords): void {
  const pvName = pv.metadata?.name ?? ''
  const legacy = ref.kind === 'flexvol' && ref.legacy
  if (!legacy && pvc.metadata?.uid && pvName !== `pvc-${pvc.metadata.uid}`) {
    return fail('ontap.pv-not-for-claim', { pv: pvName, pvc: `${pvc.metadata.namespace}/${pvc.metadata.name}`, expected: `pvc-${pvc.metadata.uid}` })
  }
  const internalName = ref.kind === 'qtree' ? ref.internalName : ref.volume
  const verdict = checkTridentName(internalName, trident.subject, trident.naming, legacy)
  see('ONTAP name in the PV', {
    pv: pvName,
    internalName,
    ...(ref.kind === 'qtree' ? { internalID: pv.spec?.csi?.volumeAttributes?.internalID, flexvol: ref.flexvol, qtree: ref.qtree } : {}),
    backend: backendNameOf(trident.backend),
    nameTemplates: trident.naming?.nameTemplates.length ? trident.naming.nameTemplates : undefined,
    tridentName: verdict.ok ? `yes (${verdict.rule})` : `no (expected ${verdict.expected})`,
  })
  if (!verdict.ok) return fail('ontap.not-tridents-volume', { pv: pvName, volume: internalName, expected: verdict.expected })
  if (ref.kind === 'qtree') {
    if (ref.qtree !== ref.internalName) return fail('ontap.not-tridents-volume', { pv: pvName, volume: ref.qtree, expected: ref.internalName })
    if (!isQtreePoolName(ref.flexvol)) return fail('ontap.not-tridents-volume', { pv: pvName, volume: ref.flexvol, expected: 'trident_qtree_pool_...' })
  }
}

/** Where the volume's comment holds Trident's `{"provisioning": {...}}` labels, they are this backend's. */
function checkLabels({ fail }: Check, volume: OntapVolume, naming: BackendNaming | undefined, subject: NamingSubject): void {
  if (!naming || !volume.comment) return
  let found: unknown
  try {
    found = JSON.parse(volume.comment)
  } catch {
    return // not Trident's comment: an administrator may write anything there
  }
  const labels = (found as { provisioning?: unknown } | null)?.provisioning
  if (typeof labels !== 'object' || labels === null) return
  for (const [label, value] of Object.entries(labels as Record<string, unknown>)) {
    const template = naming.labels[label]
    const expected = template === undefined ? undefined : renderLabel(template, subject, naming)
    // Compared without whitespace: the CLI may wrap a long comment and the parser joins its lines with a space.
    if (expected !== undefined && String(value).replace(/\s+/g, '') !== expected.replace(/\s+/g, '')) {
      return fail('ontap.labels-differ', { volume: volume.name, label, found: String(value), expected })
    }
  }
}

function checkSize({ fail }: Check, volume: OntapVolume, pv: V1PersistentVolume, pvc: V1PersistentVolumeClaim): void {
  const requested = pvc.spec?.resources?.requests?.storage
  const request = quantityToBytes(requested)
  if (request === undefined || volume.sizeBytes >= request * SIZE_TOLERANCE) return
  const capacityText = pv.spec?.capacity?.storage
  const capacity = quantityToBytes(capacityText)
  // Trident made the volume at the PV's capacity: a volume smaller than that was resized on ONTAP afterwards.
  if (capacity !== undefined && capacity >= request * SIZE_TOLERANCE) {
    return fail('ontap.volume-shrunk', { volume: volume.name, size: formatBytes(volume.sizeBytes), capacity: capacityText })
  }
  return fail('ontap.volume-too-small', { volume: volume.name, size: formatBytes(volume.sizeBytes), request: requested })
}

type MediaVerdict = { aggregate: string; ssd: boolean | undefined; decidedBy: string; reported?: string }

async function checkPlacement(check: Check, volume: OntapVolume, trident: TridentRecords, pvc: V1PersistentVolumeClaim): Promise<void> {
  const { lab, see, fail, note, signal } = check
  const ontap = await lab.ontap()
  const svm = lab.target.ontap!.svm
  const list = await ontap.listAggregates({ svm, include: volume.aggregates, signal })
  const verdicts = (volume.aggregates.length > 0 ? volume.aggregates : ['(none shown)']).map((name) => mediaOf(name, list, lab.params))
  const pool = typeof trident.tridentVolume?.pool === 'string' ? trident.tridentVolume.pool : undefined
  see('Aggregate media', {
    source: list.refused ? `${list.source} (refused for this user)` : list.source,
    listed: list.aggregates,
    volume: verdicts,
    tridentPlacedOn: pool,
    storageClass: trident.storageClass,
  })

  const notSsd = verdicts.find((v) => v.ssd === false)
  if (notSsd) {
    const params = { volume: volume.name, aggregate: notSsd.aggregate }
    if (pool && !volume.aggregates.includes(pool)) return fail('ontap.volume-moved', { ...params, pool })
    const media = trident.storageClass?.media
    if (media !== undefined && media !== 'ssd') return fail('ontap.class-asks-hdd', { ...params, class: trident.storageClass!.name, media })
    return fail('ontap.not-ssd', params)
  }
  const unknown = verdicts.find((v) => v.ssd === undefined)
  if (!unknown) return
  const user = lab.target.ontap!.user
  if (lab.params.unknownAggregateMedia === 'error') {
    throw new GraderError(
      'ONTAP_MEDIA_UNKNOWN',
      `the media of aggregate ${unknown.aggregate} (volume ${volume.name}) is not visible to ONTAP user ${user} and not listed in the rubric's ssdAggregates/hddAggregates; ` +
        'add it to one of them, or set parameters.unknownAggregateMedia to pass',
    )
  }
  const sc = trident.storageClass
  if (sc?.media === 'ssd') return note('ontap.media-unknown-ssd-class', { aggregate: unknown.aggregate, user, class: sc.name })
  return note('ontap.media-unknown', { aggregate: unknown.aggregate, user })
}

/** ONTAP's answer first; the rubric's lists only for what ONTAP did not tell this user. */
function mediaOf(name: string, list: OntapAggregateList, params: Lab['params']): MediaVerdict {
  const listed = list.aggregates.find((a) => a.name === name)
  if (listed?.ssd !== undefined) return { aggregate: name, ssd: listed.ssd, decidedBy: 'ONTAP', reported: listed.reported }
  const reported = listed ? listed.reported : 'not in the list this user sees'
  if (params.ssdAggregates.includes(name)) return { aggregate: name, ssd: true, decidedBy: 'rubric parameters.ssdAggregates', reported }
  if (params.hddAggregates.includes(name)) return { aggregate: name, ssd: false, decidedBy: 'rubric parameters.hddAggregates', reported }
  return { aggregate: name, ssd: undefined, decidedBy: 'unknown', reported }
}

function unmountable({ unmountable: record, fail }: Check, reason: Parameters<Check['fail']>[0], params: Parameters<Check['fail']>[1]): never {
  record(reason, params)
  return fail(reason, params)
}

const svmOf = (b: TridentObject | undefined): string | undefined => {
  const config = b?.config as { ontap_config?: { svm?: unknown } } | undefined
  return typeof config?.ontap_config?.svm === 'string' ? config.ontap_config.svm : undefined
}
const backendNameOf = (b: TridentObject | undefined): string | undefined => (typeof b?.backendName === 'string' ? b.backendName : b?.metadata.name)
