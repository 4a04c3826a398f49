// StorageClasses in Trident's terms: provisioner, and the pool attributes a class asks for.

import type { V1StorageClass } from '@kubernetes/client-node'
import { CSI_PROVISIONER, LEGACY_PROVISIONER } from './trident.js'

export type Media = 'ssd' | 'hdd' | 'hybrid'

/** A class parameter as Trident reads it: the `trident.netapp.io/` prefix is optional. */
export function tridentParameter(sc: V1StorageClass, key: string): string | undefined {
  const p = sc.parameters ?? {}
  return p[key] ?? p[`trident.netapp.io/${key}`]
}

export function mediaOf(sc: V1StorageClass): string | undefined {
  return tridentParameter(sc, 'media')?.toLowerCase()
}

export const isTridentClass = (sc: V1StorageClass) => sc.provisioner === CSI_PROVISIONER
export const isLegacyTridentClass = (sc: V1StorageClass) => sc.provisioner === LEGACY_PROVISIONER

/** Trident classes that ask for this media and, if they name a backendType, name ontap-nas. */
export function classesFor(classes: V1StorageClass[], media: Media): V1StorageClass[] {
  return classes.filter((sc) => isTridentClass(sc) && mediaOf(sc) === media && backendTypeOk(sc))
}

export function backendTypeOk(sc: V1StorageClass): boolean {
  const backendType = tridentParameter(sc, 'backendType')
  return backendType === undefined || backendType === 'ontap-nas'
}

export function isDefaultClass(sc: V1StorageClass): boolean {
  const a = sc.metadata?.annotations ?? {}
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
}

/** What a class looks like in evidence: name, provisioner, parameters. */
export function describeClass(sc: V1StorageClass): Record<string, unknown> {
  return { name: sc.metadata?.name, provisioner: sc.provisioner, parameters: sc.parameters ?? {}, reclaimPolicy: sc.reclaimPolicy }
}
