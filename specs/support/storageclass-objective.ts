// The two StorageClass objectives differ only in the media they look for.

import { backendTypeOk, classesFor, describeClass, isLegacyTridentClass, isTridentClass, mediaOf, tridentParameter, type Media } from '../../harness/lab/storage-classes.js'
import type { ObjectiveId } from '../../harness/rubric/objectives.js'
import { objective } from './objective.js'

export function storageClassObjective(id: ObjectiveId, media: Media, purpose: { en: string; ja: string }): void {
  objective(id, async ({ lab, see, fail }) => {
    const classes = await lab.kube.storageClasses()
    see('StorageClasses', classes.map(describeClass))
    if (classesFor(classes, media).length > 0) return

    // Explain the nearest miss: the class the student most likely meant.
    const sameMedia = classes.filter((sc) => mediaOf(sc) === media)
    const legacy = sameMedia.find(isLegacyTridentClass)
    if (legacy) return fail('sc.legacy', { name: legacy.metadata?.name })
    const wrongBackend = sameMedia.find((sc) => isTridentClass(sc) && !backendTypeOk(sc))
    if (wrongBackend) return fail('sc.wrong-backend-type', { name: wrongBackend.metadata?.name, media, backendType: tridentParameter(wrongBackend, 'backendType') })
    const other = sameMedia.find((sc) => !isTridentClass(sc))
    if (other) return fail('sc.wrong-provisioner', { name: other.metadata?.name, media, provisioner: other.provisioner })
    return fail('sc.none', { media, purpose: purpose.en, purposeJa: purpose.ja })
  })
}
