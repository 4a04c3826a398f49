// Which ONTAP volume backs a PV: CSI Trident names it in volumeAttributes.internalName
// (`trident_pvc_<uid with underscores>`); legacy Trident used `trident_<ns>_<pvc>_<5 chars of the uid>`
// and mounted it over NFS at `/<internalName>`.

import type { V1PersistentVolume, V1PersistentVolumeClaim } from '@kubernetes/client-node'
import { CSI_PROVISIONER, LEGACY_PROVISIONER } from './trident.js'

export const CSI_VOLUME_NAME = /^trident_pvc_[0-9a-f]{8}(_[0-9a-f]{4}){3}_[0-9a-f]{12}$/

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

export function ontapVolumeName(pv: V1PersistentVolume, pvc?: V1PersistentVolumeClaim): string | undefined {
  const internal = pv.spec?.csi?.volumeAttributes?.internalName
  if (internal) return internal
  if (pv.spec?.nfs?.path) return pv.spec.nfs.path.replace(/^\/+/, '').split('/')[0]
  if (pvc?.metadata?.uid && provisionedBy(pv) === LEGACY_PROVISIONER) {
    const short = pvc.metadata.uid.replace(/-/g, '').slice(0, 5)
    return `trident_${pvc.metadata.namespace}_${pvc.metadata.name}_${short}`.replace(/-/g, '_')
  }
  return undefined
}
