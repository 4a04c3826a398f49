// Lab step "NetApp Trident のインストール" (backend): an ontap-nas backend that Trident reports online.

import { objective } from './support/objective.js'

objective('backend-online', async ({ lab, see, fail }) => {
  const [backends, configs] = await Promise.all([lab.kube.tridentObjects('tridentbackends'), lab.kube.tridentObjects('tridentbackendconfigs')])
  see('TridentBackends', backends.map(summarizeBackend))
  see('TridentBackendConfigs', configs.map((c) => ({ name: c.metadata.name, driver: c.spec?.storageDriverName, svm: c.spec?.svm, phase: c.status?.phase, lastOperationStatus: c.status?.lastOperationStatus, message: c.status?.message })))

  const nas = backends.filter((b) => driverOf(b) === 'ontap-nas')
  const nasConfigs = configs.filter((c) => c.spec?.storageDriverName === 'ontap-nas')
  if (nas.length === 0 && nasConfigs.length === 0) {
    const drivers = [...new Set(backends.map(driverOf).filter(Boolean))]
    if (drivers.length > 0) return fail('backend.other-driver', { drivers: drivers.join(', ') })
    return fail('backend.none')
  }

  const online = [
    ...nas.filter((b) => b.state === 'online' || b.status?.state === 'online').map((b) => ({ name: nameOf(b), svm: svmOf(b) })),
    ...nasConfigs
      .filter((c) => c.status?.phase === 'Bound' && c.status?.lastOperationStatus === 'Success')
      .map((c) => ({ name: c.status?.backendInfo?.backendName ?? c.metadata.name, svm: c.spec?.svm as string | undefined })),
  ]
  if (online.length === 0) {
    const first = nas[0]
    const config = nasConfigs[0]
    return fail('backend.not-online', first
      ? { name: nameOf(first), state: String(first.state ?? first.status?.state ?? 'unknown'), reason: reasonOf(first) }
      : { name: config.metadata.name, state: String(config.status?.phase ?? 'unknown'), reason: config.status?.message })
  }

  const expected = lab.target.ontap?.svm
  if (expected && !online.some((b) => b.svm === expected)) {
    return fail('backend.wrong-svm', { name: online[0].name, svm: online[0].svm ?? 'unknown', expected })
  }
})

// TridentBackend keeps its fields at the top level (not under spec/status) in every Trident release.
type Backend = { metadata: { name: string }; state?: unknown; status?: Record<string, any>; [k: string]: any }
const nameOf = (b: Backend) => String(b.backendName ?? b.metadata.name)
const driverOf = (b: Backend) => b.config?.ontap_config?.storageDriverName ?? b.config?.storageDriverName ?? b.storageDriverName
const svmOf = (b: Backend) => b.config?.ontap_config?.svm ?? b.config?.svm
const reasonOf = (b: Backend) => b.stateReason ?? b.StateReason ?? b.status?.message
const summarizeBackend = (b: Backend) => ({ name: nameOf(b), driver: driverOf(b), svm: svmOf(b), state: b.state, reason: reasonOf(b), backendUUID: b.backendUUID })
