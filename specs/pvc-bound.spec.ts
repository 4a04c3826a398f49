// Lab step "Persistent Volume Claimの作成": the database's PVC asks for the SSD class and Trident
// provisioned a volume for it.

import { findDatabaseClaim } from '../harness/lab/database.js'
import { classesFor, describeClass, isDefaultClass } from '../harness/lab/storage-classes.js'
import { tridentProvisioned } from '../harness/lab/volume-name.js'
import { objective } from './support/objective.js'

objective('pvc-bound', async ({ lab, see, fail }) => {
  const claim = await findDatabaseClaim(lab.kube, lab.params)
  if ('missing' in claim) {
    if (claim.missing === 'named-missing') return fail('pvc.named-missing', { namespace: lab.target.student, name: claim.name })
    if (!(await lab.kube.studentNamespace())) return fail('ns.missing', { namespace: lab.target.student })
    return fail('pvc.none', { namespace: lab.target.student })
  }
  const { pvc, chosenBy } = claim.found
  const name = pvc.metadata!.name!
  const classes = await lab.kube.storageClasses()
  const className = pvc.spec?.storageClassName ?? classes.find(isDefaultClass)?.metadata?.name
  see(`PersistentVolumeClaim ${lab.target.student}/${name}`, {
    chosenBy,
    storageClassName: pvc.spec?.storageClassName,
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

  const ssdClasses = classesFor(classes, 'ssd').map((sc) => sc.metadata!.name!)
  if (storageClass) see(`StorageClass ${className}`, describeClass(storageClass))
  const pv = await lab.kube.persistentVolume(pvc.spec!.volumeName!)
  if (!pv) return fail('pvc.pending', { name, phase: `Bound to missing PV ${pvc.spec?.volumeName}` })
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
  if (!className || !ssdClasses.includes(className)) return fail('pvc.not-ssd-class', { name, storageClass: className ?? '(none)' })
})
