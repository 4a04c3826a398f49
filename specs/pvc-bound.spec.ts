// Lab step "Persistent Volume Claimの作成": the database's PVC asks for the SSD class and Trident
// provisioned a volume for it, for this very claim: the PV's claimRef names this PVC (namespace, name, uid).
// The class is read as Kubernetes reads it (GetPersistentVolumeClaimClass): the old annotation
// `volume.beta.kubernetes.io/storage-class`, when present, wins over spec.storageClassName.

import type { V1PersistentVolume, V1PersistentVolumeClaim } from '@kubernetes/client-node'
import { findDatabaseClaim } from '../harness/lab/database.js'
import { describeClass, isDefaultClass, looseMedia } from '../harness/lab/storage-classes.js'
import { isDnsSubdomain } from '../harness/kube/kube-names.js'
import { tridentProvisioned } from '../harness/lab/volume-name.js'
import { readClaimVolume } from '../harness/lab/claim-ownership.js'
import { defineObjective, type Check } from '../harness/objective/objective.js'
import { trimStop, type Catalogue, type Text, type Translation } from '../harness/i18n/catalogue.js'
import { LAB_STEPS as S } from '../harness/i18n/lab-steps.js'
import { CLAIM_EN, CLAIM_JA, DATABASE_CLAIM_ACCESS } from './support/claim-messages.js'
import { classesSelecting, STORAGE_CLASS_ACCESS, unknownMediaError } from './support/storageclass-objective.js'

const EN = {
  ...CLAIM_EN,
  'pvc.named-missing': {
    message: (p: { namespace: Text; name: Text }) => `The PersistentVolumeClaim ${p.namespace}/${p.name} named by the rubric does not exist.`,
    hint: () => `Create it as in ${S.pvc.en}.`,
  },
  'pvc.class-missing': {
    message: (p: { name: Text; storageClass: Text }) => `PVC ${p.name} asks for StorageClass "${p.storageClass}", which does not exist.`,
    hint: () => 'Compare storageClassName in the PVC with `kubectl get sc`.',
  },
  'pvc.not-ssd-class': {
    message: (p: { name: Text; storageClass: Text; media?: Text }) =>
      `PVC ${p.name} uses StorageClass "${p.storageClass}", which is not a Trident SSD class${p.media ? ` (it asks for media "${p.media}")` : ''}; the database belongs on the SSD class.`,
    hint: () => `${S.storageClass.en} defines a fast SSD class for the database; use that one in the PVC.`,
  },
  'pvc.static-pv': {
    message: (p: { name: Text; pv: Text }) => `PVC ${p.name} is bound to PV ${p.pv}, which was not provisioned dynamically by Trident.`,
    hint: () => "Let Trident create the PV: remove the hand-made PV and the PVC's volumeName, and ask for the SSD class.",
  },
  'pvc.pv-missing': {
    message: (p: { name: Text; volume: Text }) => `PVC ${p.name} is Bound to volume "${p.volume}", but no PersistentVolume of that name exists.`,
    hint: () => 'Compare `kubectl get pvc` with `kubectl get pv`; let Trident provision the volume for this PVC.',
  },
  'pvc.volume-name-invalid': {
    message: (p: { name: Text; volume: Text }) => `PVC ${p.name} names volume "${p.volume}", which is not a valid PersistentVolume name; the grader did not look it up.`,
    hint: () => 'spec.volumeName of a claim is set by Kubernetes when it binds; do not edit it by hand. Recreate the PVC and let Trident provision its volume.',
  },
  'pvc.note-unknown-class-media': {
    message: (p: { name: Text; storageClass: Text }) =>
      `Passed. Note: PVC ${p.name} uses StorageClass "${p.storageClass}", which picks aggregates whose media the grader cannot know; it was not checked to be an SSD class.`,
  },
  'pvc.claimref-mismatch': {
    message: (p: { name: Text; pv: Text; claimRef: Text; namespace: Text; uid: Text }) =>
      `PVC ${p.name} points at PV ${p.pv}, but that PV belongs to another claim (${p.claimRef}), not to ${p.namespace}/${p.name} (uid ${p.uid}).`,
    hint: () => 'A PV belongs to exactly one claim; let Trident provision a new volume for this PVC instead of naming an existing PV.',
  },
  'pvc.pv-not-for-claim': {
    message: (p: { name: Text; pv: Text; expected: Text }) =>
      `PVC ${p.name} is bound to PV ${p.pv}, which Trident did not provision for it: Trident's PV for this claim is named ${p.expected} (pvc-<the claim's uid>).`,
    hint: () => "Let Trident provision the PV from the PVC: remove the PVC's volumeName and the hand-made PV; do not write or edit PVs by hand.",
  },
  'pvc.handle-mismatch': {
    message: (p: { name: Text; pv: Text; handle: Text }) =>
      `PVC ${p.name} is bound to PV ${p.pv}, whose volumeHandle is "${p.handle}": Trident sets the handle to the PV's own name, so this PV names a volume that was not made for this claim.`,
    hint: () => 'Let Trident provision the PV from the PVC; do not copy or edit PVs by hand.',
  },
  'pvc.not-tridents-volume': {
    message: (p: { name: Text; pv: Text; volume: Text; expected: Text }) =>
      `PVC ${p.name} is bound to PV ${p.pv}, which names ONTAP volume ${p.volume}, but Trident names this claim's volume ${p.expected}: the PV does not point at the volume Trident made for this claim.`,
    hint: () => 'Let Trident provision the PV from the PVC; do not copy or edit PVs by hand.',
  },
  'pvc.pending-class-media': {
    message: (p: { name: Text; phase: Text; storageClass: Text; media: Text; event?: Text }) =>
      `PVC ${p.name} is ${p.phase}, not Bound: its StorageClass "${p.storageClass}" asks for media "${p.media}", and the database belongs on the SSD class${p.event ? ` (Kubernetes says: ${trimStop(p.event)})` : ''}.`,
    hint: () => `${S.storageClass.en} defines a fast SSD class for the database; use that one in the PVC.`,
  },
} satisfies Catalogue

const JA: Translation<typeof EN> = {
  ...CLAIM_JA,
  'pvc.named-missing': {
    message: (p) => `ルーブリックで指定された PersistentVolumeClaim ${p.namespace}/${p.name} がありません。`,
    hint: () => `${S.pvc.ja}を参考に作成してください。`,
  },
  'pvc.class-missing': {
    message: (p) => `PVC ${p.name} が指定している StorageClass "${p.storageClass}" は存在しません。`,
    hint: () => 'PVC の storageClassName と `kubectl get sc` の一覧を見比べてください。',
  },
  'pvc.not-ssd-class': {
    message: (p) =>
      `PVC ${p.name} の StorageClass "${p.storageClass}" は Trident の SSD クラスではありません${p.media ? `（media "${p.media}" を指定しています）` : ''}。データベースは SSD クラスに置きます。`,
    hint: () => `${S.storageClass.ja}でデータベース用の高速（SSD）クラスを定義しています。PVC ではそちらを使ってください。`,
  },
  'pvc.static-pv': {
    message: (p) => `PVC ${p.name} がバインドしている PV ${p.pv} は、Trident が動的に作成したものではありません。`,
    hint: () => 'PV は Trident に作らせます。手作りの PV と PVC の volumeName を外し、SSD クラスを指定してください。',
  },
  'pvc.pv-missing': {
    message: (p) => `PVC ${p.name} はボリューム "${p.volume}" に Bound となっていますが、その名前の PersistentVolume がありません。`,
    hint: () => '`kubectl get pvc` と `kubectl get pv` を見比べてください。PV は Trident に作らせます。',
  },
  'pvc.volume-name-invalid': {
    message: (p) => `PVC ${p.name} のボリューム名 "${p.volume}" は PersistentVolume の名前として正しくないため、採点ツールは参照していません。`,
    hint: () => 'PVC の spec.volumeName はバインド時に Kubernetes が設定します。手で編集せず、PVC を作り直して Trident にボリュームを作らせてください。',
  },
  'pvc.note-unknown-class-media': {
    message: (p) => `合格。注: PVC ${p.name} の StorageClass "${p.storageClass}" はメディアの分からないアグリゲートを選んでいるため、SSD クラスかどうかは確認していません。`,
  },
  'pvc.claimref-mismatch': {
    message: (p) => `PVC ${p.name} は PV ${p.pv} を指していますが、その PV は別のクレーム（${p.claimRef}）のもので、${p.namespace}/${p.name}（uid ${p.uid}）のものではありません。`,
    hint: () => 'PV は 1 つのクレームだけのものです。既存の PV を指定せず、この PVC 用のボリュームを Trident に作らせてください。',
  },
  'pvc.pv-not-for-claim': {
    message: (p) =>
      `PVC ${p.name} がバインドしている PV ${p.pv} は、Trident がこの PVC のために作ったものではありません。この PVC 用に Trident が作る PV の名前は ${p.expected}（pvc-<PVC の uid>）です。`,
    hint: () => 'PV は PVC から Trident に作らせてください。PVC の volumeName と手作りの PV を外し、PV を手で作成・編集しないでください。',
  },
  'pvc.handle-mismatch': {
    message: (p) =>
      `PVC ${p.name} がバインドしている PV ${p.pv} の volumeHandle は "${p.handle}" です。Trident は volumeHandle を PV 自身の名前にするため、この PV はこの PVC のためではないボリュームを指しています。`,
    hint: () => 'PV は PVC から Trident に作らせてください。PV をコピーしたり手で編集したりしないでください。',
  },
  'pvc.not-tridents-volume': {
    message: (p) =>
      `PVC ${p.name} がバインドしている PV ${p.pv} は ONTAP ボリューム ${p.volume} を指していますが、Trident がこの PVC のボリュームに付ける名前は ${p.expected} です。PV は Trident がこの PVC のために作ったボリュームを指していません。`,
    hint: () => 'PV は PVC から Trident に作らせてください。PV をコピーしたり手で編集したりしないでください。',
  },
  'pvc.pending-class-media': {
    message: (p) =>
      `PVC ${p.name} は ${p.phase} で、Bound になっていません。StorageClass "${p.storageClass}" が media "${p.media}" を指定していますが、データベースは SSD クラスに置きます${p.event ? `（Kubernetes のイベント: ${trimStop(p.event)}）` : ''}。`,
    hint: () => `${S.storageClass.ja}でデータベース用の高速（SSD）クラスを定義しています。PVC ではそちらを使ってください。`,
  },
}

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class'

/** The parameter key that holds a class's media (`media` or `trident.netapp.io/media`). */
const mediaKey = (sc: { parameters?: Record<string, string> }) => Object.keys(sc.parameters ?? {}).find((k) => k === 'media' || k === 'trident.netapp.io/media') ?? 'media'

/** The class a claim asks for, as Kubernetes reads it; undefined when it names none (the default class applies). */
function claimClass(pvc: V1PersistentVolumeClaim): string | undefined {
  const annotations = pvc.metadata?.annotations ?? {}
  if (BETA_CLASS_ANNOTATION in annotations) return annotations[BETA_CLASS_ANNOTATION]
  return pvc.spec?.storageClassName ?? undefined
}

export default defineObjective({
  id: 'pvc-bound',
  title: { en: 'The database PVC is Bound to a Trident volume of the SSD class', ja: 'データベースの PVC が SSD クラスの Trident ボリュームに Bound している' },
  points: 15,
  requires: { all: ['trident-installed'], any: ['storageclass-ssd', 'storageclass-hdd'] },
  access: [
    ...DATABASE_CLAIM_ACCESS,
    { verbs: ['get'], group: '', resource: 'namespaces', scope: 'cluster' },
    { verbs: ['list'], group: '', resource: 'events', scope: 'student' },
    { verbs: ['get'], group: '', resource: 'persistentvolumes', scope: 'cluster' },
    ...STORAGE_CLASS_ACCESS,
  ],
  messages: { en: EN, ja: JA },
  async check(check) {
    const { lab, see, fail, note } = check
    const claim = await findDatabaseClaim(lab.kube, lab.params)
    if ('missing' in claim) {
      if (claim.missing === 'named-missing') return fail('pvc.named-missing', { namespace: lab.target.student, name: claim.name ?? lab.params.databasePvc ?? '?' })
      if (!(await lab.kube.studentNamespace())) return fail('ns.missing', { namespace: lab.target.student })
      return fail('pvc.none', { namespace: lab.target.student })
    }
    const { pvc, chosenBy } = claim.found
    const name = pvc.metadata!.name!
    const classes = await lab.kube.storageClasses()
    const className = claimClass(pvc) ?? classes.find(isDefaultClass)?.metadata?.name
    see(`PersistentVolumeClaim ${lab.target.student}/${name}`, {
      chosenBy,
      storageClassName: pvc.spec?.storageClassName,
      betaClassAnnotation: pvc.metadata?.annotations?.[BETA_CLASS_ANNOTATION],
      effectiveClass: className,
      request: pvc.spec?.resources?.requests?.storage,
      phase: pvc.status?.phase,
      volumeName: pvc.spec?.volumeName,
    })

    const storageClass = classes.find((sc) => sc.metadata?.name === className)
    if (pvc.status?.phase !== 'Bound') {
      const events = await lab.kube.eventsFor('PersistentVolumeClaim', name)
      see(
        `Events of PersistentVolumeClaim ${name}`,
        events.map((e) => `${e.type} ${e.reason}: ${e.message}`),
      )
      if (className && !storageClass && !pvc.spec?.volumeName) return fail('pvc.class-missing', { name, storageClass: className })
      const last = events.filter((e) => e.type === 'Warning').at(-1) ?? events.at(-1)
      const event = last ? `${last.reason}: ${last.message}` : undefined
      const phase = pvc.status?.phase ?? 'Pending'
      // The real cause when the claim asks for a class of other media: say which class and which media.
      const media = storageClass && !pvc.spec?.volumeName ? looseMedia(storageClass) : undefined
      if (storageClass && media !== undefined && media !== 'ssd' && !(await classesSelecting(lab, 'ssd')).selecting.includes(className!)) {
        return fail('pvc.pending-class-media', { name, phase, storageClass: className!, media: storageClass.parameters?.[mediaKey(storageClass)] ?? media, event })
      }
      return fail('pvc.pending', { name, phase, event })
    }

    const ssd = await classesSelecting(lab, 'ssd')
    if (storageClass) see(`StorageClass ${className}`, describeClass(storageClass))
    const volumeName = pvc.spec?.volumeName
    // A volumeName that is not a valid PV name is never sent to the API: Kubernetes does not validate this field.
    if (volumeName && !isDnsSubdomain(volumeName)) return fail('pvc.volume-name-invalid', { name, volume: volumeName })
    const pv = volumeName ? await lab.kube.persistentVolume(volumeName) : undefined
    if (!pv) return fail('pvc.pv-missing', { name, volume: volumeName ?? '(none)' })
    const ref = pv.spec?.claimRef
    see(`PersistentVolume ${pv.metadata?.name} claimRef`, ref ? { namespace: ref.namespace, name: ref.name, uid: ref.uid } : null)
    const namespace = pvc.metadata?.namespace ?? lab.target.student
    const uid = pvc.metadata?.uid
    if (!ref || ref.namespace !== namespace || ref.name !== name || (uid !== undefined && ref.uid !== uid)) {
      const claimRef = ref ? `${ref.namespace ?? '?'}/${ref.name ?? '?'}${ref.uid ? `, uid ${ref.uid}` : ''}` : 'no claim'
      return fail('pvc.claimref-mismatch', { name, pv: pv.metadata?.name ?? volumeName!, claimRef, namespace, uid: uid ?? '?' })
    }
    see(`PersistentVolume ${pv.metadata?.name}`, {
      provisionedBy: pv.metadata?.annotations?.['pv.kubernetes.io/provisioned-by'],
      csi: pv.spec?.csi ? { driver: pv.spec.csi.driver, volumeHandle: pv.spec.csi.volumeHandle, volumeAttributes: pv.spec.csi.volumeAttributes } : undefined,
      nfs: pv.spec?.nfs,
      hostPath: pv.spec?.hostPath,
      storageClassName: pv.spec?.storageClassName,
      capacity: pv.spec?.capacity?.storage,
      reclaimPolicy: pv.spec?.persistentVolumeReclaimPolicy,
    })
    const made = tridentProvisioned(pv)
    if (!made.ok) return fail('pvc.static-pv', { name, pv: pv.metadata?.name ?? volumeName! })
    await checkOwnership(check, pv, pvc)
    if (className && ssd.unknownMedia.includes(className)) {
      // As storageclass-ssd: a class on aggregates of unknown media is never a failure.
      if (lab.params.unknownAggregateMedia === 'error') throw unknownMediaError({ name: className, pools: 'see storageclass-ssd' }, 'ssd')
      return note('pvc.note-unknown-class-media', { name, storageClass: className })
    }
    if (!className || !ssd.selecting.includes(className)) {
      // Say which media the class asks for when it asks for another one (the class the web content was meant for).
      const media = storageClass ? looseMedia(storageClass) : undefined
      return fail('pvc.not-ssd-class', { name, storageClass: className ?? '(none)', media: media && media !== 'ssd' ? storageClass?.parameters?.[mediaKey(storageClass)] : undefined })
    }
  },
})

/**
 * The PV is the one Trident provisioned for this very claim (harness/lab/claim-ownership.ts): no other objective
 * touches the volume behind it otherwise, and data-persists, which writes into it, requires this one.
 */
async function checkOwnership({ lab, see, fail }: Check<typeof EN>, pv: V1PersistentVolume, pvc: V1PersistentVolumeClaim): Promise<void> {
  const name = pvc.metadata!.name!
  const volume = await readClaimVolume(lab.kube, pvc)
  if (!volume) return fail('pvc.static-pv', { name, pv: pv.metadata?.name ?? '' })
  const { ref, backend, naming, ownership } = volume
  see('Provisioned for this claim', {
    pv: pv.metadata?.name,
    claimUid: pvc.metadata?.uid,
    volumeHandle: pv.spec?.csi?.volumeHandle,
    ontapName: ref.kind === 'qtree' ? { internalID: pv.spec?.csi?.volumeAttributes?.internalID, flexvol: ref.flexvol, qtree: ref.qtree } : ref.volume,
    backend: typeof backend?.backendName === 'string' ? backend.backendName : undefined,
    nameTemplates: naming?.nameTemplates.length ? naming.nameTemplates : undefined,
    verdict: ownership.owned ? `yes (${ownership.rule})` : `no (${ownership.why})`,
  })
  if (ownership.owned) return
  switch (ownership.why) {
    case 'pv-name':
      return fail('pvc.pv-not-for-claim', { name, pv: ownership.pv, expected: ownership.expected })
    case 'handle':
      return fail('pvc.handle-mismatch', { name, pv: ownership.pv, handle: ownership.handle })
    case 'internal-name':
      return fail('pvc.not-tridents-volume', { name, pv: ownership.pv, volume: ownership.volume, expected: ownership.expected })
  }
}
