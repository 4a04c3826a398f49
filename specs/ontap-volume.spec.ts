// Lab step "再デプロイメント" (`vol show` on the SVM): the ONTAP volume Trident made for the PVC exists on
// the student's SVM, is online, is big enough and sits on SSD.

import { findDatabaseClaim } from '../harness/lab/database.js'
import { formatBytes, quantityToBytes } from '../harness/lab/quantity.js'
import { ontapVolumeName } from '../harness/lab/volume-name.js'
import { objective } from './support/objective.js'

objective('ontap-volume', async ({ lab, see, fail }) => {
  const ontap = await lab.ontap()
  const svm = lab.target.ontap!.svm
  const claim = await findDatabaseClaim(lab.kube, lab.params)
  if ('missing' in claim) return fail('pvc.none', { namespace: lab.target.student })
  const pvc = claim.found.pvc
  const pv = await lab.kube.persistentVolume(pvc.spec!.volumeName!)
  if (!pv) return fail('pvc.pending', { name: pvc.metadata?.name, phase: 'not bound' })
  const volumeName = ontapVolumeName(pv, pvc)
  if (!volumeName) return fail('ontap.no-internal-name', { pv: pv.metadata?.name })

  const volume = await ontap.getVolume(svm, volumeName)
  see(`ONTAP volume ${svm}:${volumeName} (${ontap.info.target})`, volume ?? 'There are no entries matching your query.')
  if (!volume) return fail('ontap.volume-missing', { volume: volumeName, svm })
  if (volume.state !== 'online') return fail('ontap.volume-not-online', { volume: volumeName, svm, state: volume.state })

  const request = quantityToBytes(pvc.spec?.resources?.requests?.storage)
  // ONTAP rounds sizes to its own units; allow 1% below the request before calling it too small.
  if (request !== undefined && volume.sizeBytes < request * 0.99) {
    return fail('ontap.volume-too-small', { volume: volumeName, size: formatBytes(volume.sizeBytes), request: pvc.spec?.resources?.requests?.storage })
  }

  const aggregates = await ontap.listAggregates()
  const ssd = aggregates ? aggregates.filter((a) => a.media === 'ssd').map((a) => a.name) : lab.params.ssdAggregates
  see('SSD aggregates', { source: aggregates ? `${ontap.info.api} aggregate list` : 'rubric parameters.ssdAggregates (this ONTAP user may not read aggregates)', ssd })
  const notSsd = volume.aggregates.find((a) => !ssd.includes(a))
  if (notSsd || volume.aggregates.length === 0) return fail('ontap.not-ssd', { volume: volumeName, aggregate: notSsd ?? '(unknown)' })
})
