// Lab step "Persistent Volume Claimの作成": the database's PVC asks for the SSD class and Trident
// provisioned a volume for it, for this very claim: the PV's claimRef names this PVC (namespace, name, uid).
// The class is read as Kubernetes reads it (GetPersistentVolumeClaimClass): the old annotation
// `volume.beta.kubernetes.io/storage-class`, when present, wins over spec.storageClassName.

import type { V1PersistentVolumeClaim } from '@kubernetes/client-node'
import { findDatabaseClaim } from '../harness/lab/database.js'
import { describeClass, isDefaultClass, looseMedia } from '../harness/lab/storage-classes.js'
import { isDnsSubdomain } from '../harness/kube/kube-names.js'
import { tridentProvisioned } from '../harness/lab/volume-name.js'
import { objective } from './support/objective.js'
import { classesSelecting, unknownMediaError } from './support/storageclass-objective.js'

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class'

/** The parameter key that holds a class's media (`media` or `trident.netapp.io/media`). */
const mediaKey = (sc: { parameters?: Record<string, string> }) => Object.keys(sc.parameters ?? {}).find((k) => k === 'media' || k === 'trident.netapp.io/media') ?? 'media'

/** The class a claim asks for, as Kubernetes reads it; undefined when it names none (the default class applies). */
function claimClass(pvc: V1PersistentVolumeClaim): string | undefined {
  const annotations = pvc.metadata?.annotations ?? {}
  if (BETA_CLASS_ANNOTATION in annotations) return annotations[BETA_CLASS_ANNOTATION]
  return pvc.spec?.storageClassName ?? undefined
}

objective('pvc-bound', async ({ lab, see, fail, note }) => {
  const claim = await findDatabaseClaim(lab.kube, lab.params)
  if ('missing' in claim) {
    if (claim.missing === 'named-missing') return fail('pvc.named-missing', { namespace: lab.target.student, name: claim.name })
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
    see(`Events of PersistentVolumeClaim ${name}`, events.map((e) => `${e.type} ${e.reason}: ${e.message}`))
    if (className && !storageClass && !pvc.spec?.volumeName) return fail('pvc.class-missing', { name, storageClass: className })
    const last = events.filter((e) => e.type === 'Warning').at(-1) ?? events.at(-1)
    return fail('pvc.pending', { name, phase: pvc.status?.phase ?? 'Pending', event: last ? `${last.reason}: ${last.message}` : undefined })
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
    return fail('pvc.claimref-mismatch', { name, pv: pv.metadata?.name, claimRef, namespace, uid: uid ?? '?' })
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
  if (!made.ok) return fail('pvc.static-pv', { name, pv: pv.metadata?.name })
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
})
