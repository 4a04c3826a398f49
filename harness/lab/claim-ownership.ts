// Whether a PV is the one Trident provisioned for this very claim: only then may the grader write into the volume
// behind it (data-persists) or grade it as the student's (ontap-volume). A claim can be bound by `volumeName` to a
// hand-made PV that copies another claim's Trident attributes (volumeHandle, backendUUID, internalName, the
// provisioned-by annotation): its name, handle and ONTAP name then do not follow from this claim's uid.
//
// CSI Trident, as its external-provisioner sidecar and controller make them (frontend/csi/controller_server.go):
// - the PV is named `pvc-<claim uid>` (csi-provisioner's default prefix; Trident's deployment does not change it);
// - `spec.csi.volumeHandle` is the PV's name;
// - `volumeAttributes.internalName` is the ONTAP name Trident gave it: `<storage prefix>_pvc_<uid with _>`, or what
//   a name template of the backend makes of it (24.06+), which always holds a piece of the claim's uid (a template
//   that does not use .volume.Name gets `_{{slice .volume.Name 4 9}}`, the uid's first five characters).
// Pre-CSI Trident named the volume `trident_<namespace>_<claim>_<first 5 of the uid>` and the PV freely.

import type { V1PersistentVolume, V1PersistentVolumeClaim } from '@kubernetes/client-node'
import { isDnsSubdomain } from '../kube/kube-names.js'
import type { KubeLab, TridentObject } from '../kube/kube-lab.js'
import {
  backendNaming,
  checkTridentName,
  defaultInternalName,
  isQtreePoolName,
  ontapVolumeRef,
  tridentProvisioned,
  type BackendNaming,
  type NamingSubject,
  type OntapVolumeRef,
} from './volume-name.js'

export type Ownership =
  | { owned: true; rule: string }
  | { owned: false; why: 'pv-name'; pv: string; expected: string }
  | { owned: false; why: 'handle'; pv: string; handle: string }
  | { owned: false; why: 'internal-name'; pv: string; volume: string; expected: string }

/** The naming subject of a PV and its claim: what Trident knew when it named the volume. */
export function namingSubject(pv: V1PersistentVolume, pvc: V1PersistentVolumeClaim): NamingSubject {
  return {
    pvName: pv.metadata?.name ?? '',
    namespace: pvc.metadata?.namespace,
    claimName: pvc.metadata?.name,
    claimUid: pvc.metadata?.uid,
    storageClass: pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? undefined,
  }
}

/** Whether `pv` (Trident-provisioned, naming `ref` on ONTAP) was made for `pvc`, with the backend's naming rules. */
function claimOwnership(pv: V1PersistentVolume, pvc: V1PersistentVolumeClaim, ref: OntapVolumeRef, naming: BackendNaming | undefined): Ownership {
  const pvName = pv.metadata?.name ?? ''
  const uid = pvc.metadata?.uid ?? ''
  const legacy = ref.kind === 'flexvol' && ref.legacy
  if (!legacy) {
    if (pvName !== `pvc-${uid}`) return { owned: false, why: 'pv-name', pv: pvName, expected: `pvc-${uid}` }
    const handle = pv.spec?.csi?.volumeHandle ?? ''
    if (handle !== pvName) return { owned: false, why: 'handle', pv: pvName, handle }
  }
  const internalName = ref.kind === 'qtree' ? ref.internalName : ref.volume
  const verdict = checkTridentName(internalName, namingSubject(pv, pvc), naming, legacy)
  if (!verdict.ok) return { owned: false, why: 'internal-name', pv: pvName, volume: internalName, expected: verdict.expected }
  // Whatever a template does, the name Trident made for this claim holds the start of its uid.
  if (uid.length < 5 || !internalName.includes(uid.slice(0, 5))) {
    return { owned: false, why: 'internal-name', pv: pvName, volume: internalName, expected: defaultInternalName(pvName, naming?.storagePrefix) }
  }
  if (ref.kind === 'qtree') {
    if (ref.qtree !== ref.internalName) return { owned: false, why: 'internal-name', pv: pvName, volume: ref.qtree, expected: ref.internalName }
    if (!isQtreePoolName(ref.flexvol)) return { owned: false, why: 'internal-name', pv: pvName, volume: ref.flexvol, expected: 'trident_qtree_pool_...' }
  }
  return { owned: true, rule: verdict.rule }
}

/** A claim's PV as Trident made it, and whether it was made for this claim. */
export interface ClaimVolume {
  pv: V1PersistentVolume
  ref: OntapVolumeRef
  /** The TridentBackend the PV names (volumeAttributes.backendUUID), when there is one. */
  backend?: TridentObject
  naming?: BackendNaming
  ownership: Ownership
}

/**
 * The claim's bound PV with its ONTAP name and ownership; undefined when the claim names no valid PV, the PV does not
 * exist, or Trident did not provision it (no ONTAP name to prove anything about). Reads are the run's cached ones.
 */
export async function readClaimVolume(kube: KubeLab, pvc: V1PersistentVolumeClaim): Promise<ClaimVolume | undefined> {
  const volumeName = pvc.spec?.volumeName
  if (!volumeName || !isDnsSubdomain(volumeName)) return undefined
  const pv = await kube.persistentVolume(volumeName)
  if (!pv || !tridentProvisioned(pv).ok) return undefined
  const ref = ontapVolumeRef(pv)
  if (!ref) return undefined
  const backendUUID = pv.spec?.csi?.volumeAttributes?.backendUUID
  const backend = backendUUID ? (await kube.tridentObjects('tridentbackends')).find((b) => b.backendUUID === backendUUID) : undefined
  const naming = backend ? backendNaming((backend.config as { ontap_config?: Record<string, any> } | undefined)?.ontap_config) : undefined
  return { pv, ref, backend, naming, ownership: claimOwnership(pv, pvc, ref, naming) }
}
