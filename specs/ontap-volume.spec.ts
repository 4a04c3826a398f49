// Lab step "再デプロイメント" (`vol show` on the SVM): the ONTAP volume Trident made for the PVC exists on the
// student's SVM, is the one Trident made for this PV, is online and mounted, is big enough and sits on SSD.
//
// What "cannot be mounted" means here (missing, offline, restricted, no junction path) is recorded with
// check.unmountable(), and a volume ONTAP shows is not the claim's (the SVM's root, another backend's labels) with
// check.notOwned(): only those block data-persists. A volume on the wrong aggregate or too small fails this check
// and data-persists still runs. Aggregate media the ONTAP user cannot see is unknown, never "not SSD". That the PV
// itself is the one Trident made for this claim is pvc-bound's to prove (harness/lab/claim-ownership.ts).

import type { V1PersistentVolume, V1PersistentVolumeClaim } from '@kubernetes/client-node'
import { GraderError } from '../harness/errors.js'
import { findDatabaseClaim } from '../harness/lab/database.js'
import { formatBytes, quantityToBytes } from '../harness/lab/quantity.js'
import { backendNaming, ontapVolumeRef, renderLabel, type BackendNaming, type NamingSubject } from '../harness/lab/volume-name.js'
import { namingSubject, readClaimVolume, type Ownership } from '../harness/lab/claim-ownership.js'
import type { TridentObject } from '../harness/kube/kube-lab.js'
import type { OntapAggregateList, OntapVolume } from '../harness/ontap/types.js'
import type { Lab } from '../harness/objective/lab.js'
import { defineObjective, type Check } from '../harness/objective/objective.js'
import { type Catalogue, type MessageOf, type Text, type Translation } from '../harness/i18n/catalogue.js'
import { LAB_STEPS as S } from '../harness/i18n/lab-steps.js'
import { CLAIM_EN, CLAIM_JA, DATABASE_CLAIM_ACCESS } from './support/claim-messages.js'

const EN = {
  ...CLAIM_EN,
  'ontap.no-internal-name': {
    message: (p: { pv: Text }) => `PV ${p.pv} does not say which ONTAP volume backs it (no volumeAttributes.internalName).`,
    hint: () => 'Only PVs that Trident provisioned carry the ONTAP volume name.',
  },
  'ontap.volume-missing': {
    message: (p: { volume: Text; svm: Text }) => `Volume ${p.volume} does not exist on SVM ${p.svm}.`,
    hint: () => "Compare `vol show` on your SVM with the PV's internalName; was the volume deleted on ONTAP?",
  },
  'ontap.volume-not-online': {
    message: (p: { volume: Text; svm: Text; state: Text }) => `Volume ${p.volume} on SVM ${p.svm} is ${p.state}, not online.`,
    hint: () => 'Check the State column of `vol show` on your SVM.',
  },
  'ontap.volume-too-small': {
    message: (p: { volume: Text; size: Text; request: Text }) => `Volume ${p.volume} is ${p.size}, smaller than the ${p.request} the PVC asked for.`,
    hint: () => "Check the Size column of `vol show` against the PVC's request.",
  },
  'ontap.not-ssd': {
    message: (p: { volume: Text; aggregate: Text }) => `Volume ${p.volume} sits on aggregate ${p.aggregate}, which is not an SSD aggregate.`,
    hint: () => 'The database class should select SSD media; the SSD aggregate is aggr1_01 in the lab.',
  },
  'ontap.volume-moved': {
    message: (p: { volume: Text; aggregate: Text; pool: Text }) =>
      `Volume ${p.volume} sits on aggregate ${p.aggregate}, which is not an SSD aggregate; Trident created it on ${p.pool}, so it was moved after provisioning.`,
    hint: () => 'Compare the Aggregate column of `vol show` with where Trident placed the volume; a `volume move` changes it.',
  },
  'ontap.class-asks-hdd': {
    message: (p: { volume: Text; aggregate: Text; class: Text; media: Text }) =>
      `Volume ${p.volume} sits on aggregate ${p.aggregate}, which is not an SSD aggregate: its StorageClass ${p.class} asks for media "${p.media}".`,
    hint: () => `The database's PVC should use the SSD class of ${S.storageClass.en}.`,
  },
  'ontap.volume-shrunk': {
    message: (p: { volume: Text; size: Text; capacity: Text }) =>
      `Volume ${p.volume} is ${p.size} on ONTAP, smaller than the ${p.capacity} of its PV: it was resized on ONTAP after Trident provisioned it.`,
    hint: () => "Compare the Size column of `vol show` with the PV's capacity; `volume modify -size` changes it.",
  },
  'ontap.volume-other-svm': {
    message: (p: { volume: Text; svm: Text; backend: Text; backendSvm: Text }) => `Volume ${p.volume} is not on your SVM ${p.svm}: the PV's backend ${p.backend} uses SVM ${p.backendSvm}.`,
    hint: () => `The backend of ${S.tridentInstall.en} must point at your own SVM.`,
  },
  'ontap.volume-not-mounted': {
    message: (p: { volume: Text; svm: Text }) => `Volume ${p.volume} on SVM ${p.svm} is online but has no junction path, so no pod can mount it over NFS.`,
    hint: () => 'Check the Junction Path of the volume with `vol show -fields junction-path` on your SVM.',
  },
  'ontap.qtree-missing': {
    message: (p: { qtree: Text; flexvol: Text; svm: Text }) => `The PV's ontap-nas-economy volume is qtree ${p.qtree} in FlexVol ${p.flexvol}, and that qtree does not exist on SVM ${p.svm}.`,
    hint: () => "Compare `volume qtree show` on your SVM with the PV's internalID; was the qtree deleted on ONTAP?",
  },
  'ontap.flexvol-missing': {
    message: (p: { qtree: Text; flexvol: Text; svm: Text }) => `The PV's ontap-nas-economy volume is qtree ${p.qtree} in FlexVol ${p.flexvol}, and that FlexVol does not exist on SVM ${p.svm}.`,
    hint: () => "Compare `vol show` on your SVM with the FlexVol named in the PV's internalID.",
  },
  'ontap.not-tridents-volume': {
    message: (p: { pv: Text; volume: Text; expected: Text }) =>
      `PV ${p.pv} names ONTAP volume ${p.volume}, but Trident would name this PV's volume ${p.expected}: the PV does not point at the volume Trident made for it.`,
    hint: () => 'Let Trident provision the PV from the PVC; do not write or edit PVs by hand.',
  },
  'ontap.pv-not-for-claim': {
    message: (p: { pv: Text; pvc: Text; expected: Text }) => `PV ${p.pv} was not provisioned for PVC ${p.pvc}: a provisioned PV is named pvc-<the claim's uid> (${p.expected}).`,
    hint: () => 'Let Trident provision the PV from the PVC; do not write or edit PVs by hand.',
  },
  'ontap.handle-mismatch': {
    message: (p: { pv: Text; handle: Text }) => `PV ${p.pv} has the volumeHandle "${p.handle}", not its own name as Trident sets it: it names a volume that was not made for this PV.`,
    hint: () => 'Let Trident provision the PV from the PVC; do not write or edit PVs by hand.',
  },
  'ontap.root-volume': {
    message: (p: { volume: Text; svm: Text; why: Text }) => `Volume ${p.volume} is the root volume of SVM ${p.svm} (${p.why}), not a volume Trident made for the PV.`,
    hint: () => 'Let Trident provision the PV from the PVC; do not write or edit PVs by hand.',
  },
  'ontap.labels-differ': {
    message: (p: { volume: Text; label: Text; found: Text; expected: Text }) =>
      `Volume ${p.volume} carries Trident label ${p.label}=${p.found}, but this PV's backend would set ${p.expected}: it is not the volume Trident made for this PV.`,
    hint: () => 'Let Trident provision the PV from the PVC; do not write or edit PVs by hand.',
  },
  'ontap.media-unknown-ssd-class': {
    message: (p: { aggregate: Text; user: Text; class: Text }) =>
      `Passed. Note: the media of aggregate ${p.aggregate} is not visible to ONTAP user ${p.user}; Trident placed the volume for class ${p.class}, which asks for SSD.`,
  },
  'ontap.media-unknown': {
    message: (p: { aggregate: Text; user: Text }) => `Passed. Note: the media of aggregate ${p.aggregate} is not visible to ONTAP user ${p.user}, so whether the volume sits on SSD was not checked.`,
  },
} satisfies Catalogue

const JA: Translation<typeof EN> = {
  ...CLAIM_JA,
  'ontap.no-internal-name': {
    message: (p) => `PV ${p.pv} に、対応する ONTAP ボリューム名（volumeAttributes.internalName）がありません。`,
    hint: () => 'ONTAP のボリューム名を持つのは Trident が作成した PV だけです。',
  },
  'ontap.volume-missing': {
    message: (p) => `SVM ${p.svm} にボリューム ${p.volume} がありません。`,
    hint: () => 'SVM 上の `vol show` と PV の internalName を見比べてください。ONTAP 側でボリュームを削除していませんか。',
  },
  'ontap.volume-not-online': {
    message: (p) => `SVM ${p.svm} のボリューム ${p.volume} の状態は ${p.state} で、online ではありません。`,
    hint: () => 'SVM 上の `vol show` の State 列を確認してください。',
  },
  'ontap.volume-too-small': {
    message: (p) => `ボリューム ${p.volume} のサイズ ${p.size} は、PVC が要求した ${p.request} より小さいです。`,
    hint: () => '`vol show` の Size 列と PVC の要求サイズを見比べてください。',
  },
  'ontap.not-ssd': {
    message: (p) => `ボリューム ${p.volume} はアグリゲート ${p.aggregate} 上にあり、SSD のアグリゲートではありません。`,
    hint: () => 'データベース用クラスでは SSD メディアを選びます。ラボの SSD アグリゲートは aggr1_01 です。',
  },
  'ontap.volume-moved': {
    message: (p) => `ボリューム ${p.volume} は SSD ではないアグリゲート ${p.aggregate} 上にあります。Trident は ${p.pool} 上に作成したので、作成後に移動されています。`,
    hint: () => '`vol show` の Aggregate 列と Trident が配置した場所を見比べてください。`volume move` で変わります。',
  },
  'ontap.class-asks-hdd': {
    message: (p) => `ボリューム ${p.volume} は SSD ではないアグリゲート ${p.aggregate} 上にあります。StorageClass ${p.class} が media "${p.media}" を指定しているためです。`,
    hint: () => `データベースの PVC には${S.storageClass.ja}で作った SSD のクラスを使います。`,
  },
  'ontap.volume-shrunk': {
    message: (p) => `ボリューム ${p.volume} の ONTAP 上のサイズ ${p.size} は、PV の容量 ${p.capacity} より小さくなっています。Trident の作成後に ONTAP 側でサイズが変更されています。`,
    hint: () => '`vol show` の Size 列と PV の容量を見比べてください。`volume modify -size` で変わります。',
  },
  'ontap.volume-other-svm': {
    message: (p) => `ボリューム ${p.volume} はあなたの SVM ${p.svm} にありません。PV のバックエンド ${p.backend} は SVM ${p.backendSvm} を使っています。`,
    hint: () => `${S.tridentInstall.ja}のバックエンドは自分の SVM を指す必要があります。`,
  },
  'ontap.volume-not-mounted': {
    message: (p) => `SVM ${p.svm} のボリューム ${p.volume} は online ですがジャンクションパスがないため、Pod から NFS でマウントできません。`,
    hint: () => 'SVM 上で `vol show -fields junction-path` を実行し、ジャンクションパスを確認してください。',
  },
  'ontap.qtree-missing': {
    message: (p) => `PV の ontap-nas-economy ボリュームは FlexVol ${p.flexvol} 内の qtree ${p.qtree} ですが、SVM ${p.svm} にその qtree がありません。`,
    hint: () => 'SVM 上の `volume qtree show` と PV の internalID を見比べてください。ONTAP 側で qtree を削除していませんか。',
  },
  'ontap.flexvol-missing': {
    message: (p) => `PV の ontap-nas-economy ボリュームは FlexVol ${p.flexvol} 内の qtree ${p.qtree} ですが、SVM ${p.svm} にその FlexVol がありません。`,
    hint: () => 'SVM 上の `vol show` と PV の internalID にある FlexVol 名を見比べてください。',
  },
  'ontap.not-tridents-volume': {
    message: (p) => `PV ${p.pv} は ONTAP ボリューム ${p.volume} を指していますが、Trident がこの PV に付ける名前は ${p.expected} です。PV は Trident が作ったボリュームを指していません。`,
    hint: () => 'PV は PVC から Trident に作らせてください。PV を手で作成・編集しないでください。',
  },
  'ontap.pv-not-for-claim': {
    message: (p) => `PV ${p.pv} は PVC ${p.pvc} のために作られたものではありません。プロビジョニングされた PV の名前は pvc-<PVC の uid>（${p.expected}）です。`,
    hint: () => 'PV は PVC から Trident に作らせてください。PV を手で作成・編集しないでください。',
  },
  'ontap.handle-mismatch': {
    message: (p) => `PV ${p.pv} の volumeHandle は "${p.handle}" で、Trident が設定する PV 自身の名前ではありません。この PV のためではないボリュームを指しています。`,
    hint: () => 'PV は PVC から Trident に作らせてください。PV を手で作成・編集しないでください。',
  },
  'ontap.root-volume': {
    message: (p) => `ボリューム ${p.volume} は SVM ${p.svm} のルートボリューム（${p.why}）で、Trident が PV 用に作ったボリュームではありません。`,
    hint: () => 'PV は PVC から Trident に作らせてください。PV を手で作成・編集しないでください。',
  },
  'ontap.labels-differ': {
    message: (p) =>
      `ボリューム ${p.volume} の Trident ラベル ${p.label} は ${p.found} ですが、この PV のバックエンドなら ${p.expected} になります。Trident がこの PV 用に作ったボリュームではありません。`,
    hint: () => 'PV は PVC から Trident に作らせてください。PV を手で作成・編集しないでください。',
  },
  'ontap.media-unknown-ssd-class': {
    message: (p) => `合格。注: アグリゲート ${p.aggregate} のメディアは ONTAP ユーザー ${p.user} からは見えません。SSD を指定したクラス ${p.class} のために Trident が配置したボリュームです。`,
  },
  'ontap.media-unknown': {
    message: (p) => `合格。注: アグリゲート ${p.aggregate} のメディアは ONTAP ユーザー ${p.user} からは見えないため、ボリュームが SSD 上にあるかは確認していません。`,
  },
}

// ONTAP rounds sizes to its own units; allow 1% below the request before calling it too small.
const SIZE_TOLERANCE = 0.99

export default defineObjective({
  id: 'ontap-volume',
  title: { en: 'The ONTAP volume behind the PV is online on SSD', ja: 'PV の裏の ONTAP ボリュームが SSD 上で online である' },
  points: 10,
  requires: { all: ['pvc-bound'] },
  ontap: true,
  access: [
    ...DATABASE_CLAIM_ACCESS,
    { verbs: ['get'], group: '', resource: 'persistentvolumes', scope: 'cluster' },
    { verbs: ['get', 'list'], group: 'trident.netapp.io', resource: 'tridentvolumes', scope: 'cluster' },
    { verbs: ['list'], group: 'trident.netapp.io', resource: 'tridentbackends', scope: 'cluster' },
    { verbs: ['list'], group: 'storage.k8s.io', resource: 'storageclasses', scope: 'cluster' },
  ],
  messages: { en: EN, ja: JA },
  async check(check) {
    const { lab, see, fail, signal } = check
    const ontap = await lab.ontap()
    const svm = lab.target.ontap!.svm
    const claim = await findDatabaseClaim(lab.kube, lab.params)
    if ('missing' in claim) return fail('pvc.none', { namespace: lab.target.student })
    const pvc = claim.found.pvc
    const pv = await lab.kube.persistentVolume(pvc.spec!.volumeName!)
    if (!pv) return fail('pvc.pending', { name: pvc.metadata!.name!, phase: 'not bound' })
    const ref = ontapVolumeRef(pv)
    if (!ref) return fail('ontap.no-internal-name', { pv: pv.metadata?.name ?? pvc.spec!.volumeName! })

    // pvc-bound (a prerequisite) proves the PV is the one Trident made for this claim; asked again here (from the
    // run's cached reads) because a rubric may drop that prerequisite. Then whether ONTAP agrees: the volume is on
    // the student's SVM, is not the SVM's root, and carries this backend's labels.
    const trident = await tridentRecords(lab, pv)
    const claimed = await readClaimVolume(lab.kube, pvc)
    if (claimed && !claimed.ownership.owned) return notOwned(check, ownershipMessage(claimed.ownership, pvc))
    if (ref.kind === 'qtree' && ref.svm !== svm) {
      return unmountable(check, { key: 'ontap.volume-other-svm', params: { volume: `${ref.flexvol}/${ref.qtree}`, svm, backend: backendNameOf(trident.backend) ?? '(unknown)', backendSvm: ref.svm } })
    }

    const flexvol = ref.kind === 'qtree' ? ref.flexvol : ref.volume
    const volume = await ontap.getVolume(svm, flexvol, { signal })
    see(`ONTAP volume ${svm}:${flexvol} (${ontap.info.target})`, volume ?? 'There are no entries matching your query.')
    if (!volume) {
      const backendSvm = ref.kind === 'qtree' ? ref.svm : svmOf(trident.backend)
      if (backendSvm && backendSvm !== svm) {
        return unmountable(check, { key: 'ontap.volume-other-svm', params: { volume: flexvol, svm, backend: backendNameOf(trident.backend) ?? '(unknown)', backendSvm } })
      }
      if (ref.kind === 'qtree') return unmountable(check, { key: 'ontap.flexvol-missing', params: { flexvol, qtree: ref.qtree, svm } })
      return unmountable(check, { key: 'ontap.volume-missing', params: { volume: flexvol, svm } })
    }
    if (volume.isSvmRoot || volume.junctionPath === '/') {
      return notOwned(check, { key: 'ontap.root-volume', params: { volume: flexvol, svm, why: volume.isSvmRoot ? 'is_svm_root' : 'junction path /' } })
    }
    if (ref.kind === 'qtree') {
      const qtree = await ontap.getQtree(svm, flexvol, ref.qtree, { signal })
      see(`ONTAP qtree ${svm}:${flexvol}/${ref.qtree} (ontap-nas-economy: size and placement are the FlexVol's)`, qtree ?? 'There are no entries matching your query.')
      if (!qtree) return unmountable(check, { key: 'ontap.qtree-missing', params: { qtree: ref.qtree, flexvol, svm } })
    }
    if (volume.state !== 'online') return unmountable(check, { key: 'ontap.volume-not-online', params: { volume: flexvol, svm, state: volume.state } })
    if (!volume.junctionPath) return unmountable(check, { key: 'ontap.volume-not-mounted', params: { volume: flexvol, svm } })
    checkLabels(check, volume, trident.naming, trident.subject)

    checkSize(check, volume, pv, pvc)
    await checkPlacement(check, volume, trident)
  },
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
  const pvc = 'found' in claim ? claim.found.pvc : {}
  const backend = attributes.backendUUID ? backends.find((b) => b.backendUUID === attributes.backendUUID) : undefined
  const tridentVolume = volumes.find((v) => v.metadata.name === pv.metadata?.name)
  const subject = namingSubject(pv, pvc)
  const sc = subject.storageClass ? classes.find((c) => c.metadata?.name === subject.storageClass) : undefined
  return {
    backend,
    tridentVolume,
    naming: backend ? backendNaming((backend.config as { ontap_config?: Record<string, any> } | undefined)?.ontap_config) : undefined,
    subject,
    storageClass: subject.storageClass ? { name: subject.storageClass, media: sc?.parameters?.media } : undefined,
  }
}

/** Where the volume's comment holds Trident's `{"provisioning": {...}}` labels, they are this backend's. */
function checkLabels(check: Check<typeof EN>, volume: OntapVolume, naming: BackendNaming | undefined, subject: NamingSubject): void {
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
      return notOwned(check, { key: 'ontap.labels-differ', params: { volume: volume.name, label, found: String(value), expected } })
    }
  }
}

function checkSize({ fail }: Check<typeof EN>, volume: OntapVolume, pv: V1PersistentVolume, pvc: V1PersistentVolumeClaim): void {
  const requested = pvc.spec?.resources?.requests?.storage
  const request = quantityToBytes(requested)
  if (request === undefined || volume.sizeBytes >= request * SIZE_TOLERANCE) return
  const capacityText = pv.spec?.capacity?.storage
  const capacity = quantityToBytes(capacityText)
  // Trident made the volume at the PV's capacity: a volume smaller than that was resized on ONTAP afterwards.
  if (capacity !== undefined && capacity >= request * SIZE_TOLERANCE) {
    return fail('ontap.volume-shrunk', { volume: volume.name, size: formatBytes(volume.sizeBytes), capacity: capacityText! })
  }
  return fail('ontap.volume-too-small', { volume: volume.name, size: formatBytes(volume.sizeBytes), request: requested! })
}

type MediaVerdict = { aggregate: string; ssd: boolean | undefined; decidedBy: string; reported?: string }

async function checkPlacement(check: Check<typeof EN>, volume: OntapVolume, trident: TridentRecords): Promise<void> {
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

function unmountable({ unmountable: record, fail }: Check<typeof EN>, message: MessageOf<typeof EN>): never {
  record(message)
  return fail(message)
}

function ownershipMessage(ownership: Exclude<Ownership, { owned: true }>, pvc: V1PersistentVolumeClaim): MessageOf<typeof EN> {
  switch (ownership.why) {
    case 'pv-name':
      return { key: 'ontap.pv-not-for-claim', params: { pv: ownership.pv, pvc: `${pvc.metadata?.namespace}/${pvc.metadata?.name}`, expected: ownership.expected } }
    case 'handle':
      return { key: 'ontap.handle-mismatch', params: { pv: ownership.pv, handle: ownership.handle } }
    case 'internal-name':
      return { key: 'ontap.not-tridents-volume', params: { pv: ownership.pv, volume: ownership.volume, expected: ownership.expected } }
  }
}

function notOwned({ notOwned: record, fail }: Check<typeof EN>, message: MessageOf<typeof EN>): never {
  record(message)
  return fail(message)
}

const svmOf = (b: TridentObject | undefined): string | undefined => {
  const config = b?.config as { ontap_config?: { svm?: unknown } } | undefined
  return typeof config?.ontap_config?.svm === 'string' ? config.ontap_config.svm : undefined
}
const backendNameOf = (b: TridentObject | undefined): string | undefined => (typeof b?.backendName === 'string' ? b.backendName : b?.metadata.name)
