// Lab step "NetApp Trident のインストール" (backend): an ontap-nas backend that Trident reports online.
//
// The TridentBackend's `state` is the truth. Since 23.07 Trident polls ONTAP and turns a backend `offline` (with a
// `stateReason`) while its TridentBackendConfig keeps the `Bound`/`Success` it got when the backend was added:
// the config's status is written only on add, update and delete. A failed add leaves no TridentBackend and the
// config at phase "" with lastOperationStatus Failed and Trident's message. A config that says Bound but whose
// backend (status.backendInfo) has no TridentBackend proves nothing: real Trident does not show that state for
// long (the config turns Lost or is re-bound), so the grader does not count it as online.

import type { TridentObject } from '../harness/kube/kube-lab.js'
import { objective } from './support/objective.js'

objective('backend-online', async ({ lab, see, fail }) => {
  const [backends, configs] = await Promise.all([lab.kube.tridentObjects('tridentbackends'), lab.kube.tridentObjects('tridentbackendconfigs')])
  see('TridentBackends', backends.map(summarizeBackend))
  see(
    'TridentBackendConfigs',
    configs.map((c) => ({
      name: c.metadata.name,
      driver: c.spec?.storageDriverName,
      svm: c.spec?.svm,
      phase: c.status?.phase,
      lastOperationStatus: c.status?.lastOperationStatus,
      message: c.status?.message,
      backendInfo: c.status?.backendInfo,
    })),
  )

  const nas = backends.filter((b) => driverOf(b) === 'ontap-nas')
  const nasConfigs = configs.filter((c) => c.spec?.storageDriverName === 'ontap-nas')
  if (nas.length === 0 && nasConfigs.length === 0) {
    const drivers = [...new Set(backends.map(driverOf).filter(Boolean))]
    if (drivers.length > 0) return fail('backend.other-driver', { drivers: drivers.join(', ') })
    return fail('backend.none')
  }

  const expected = lab.target.ontap?.svm
  const online = nas.filter((b) => stateOf(b) === 'online')
  const usable = online.filter((b) => b.userState !== 'suspended')
  if (usable.some((b) => !expected || svmOf(b) === expected)) return
  if (usable.length > 0) return fail('backend.wrong-svm', { name: nameOf(usable[0]), svm: svmOf(usable[0]) ?? 'unknown', expected })
  if (online.length > 0) return fail('backend.suspended', { name: nameOf(online[0]) })

  // Nothing online: explain the backend closest to the student's SVM, else the config Trident left.
  const backend = nas.find((b) => expected && svmOf(b) === expected) ?? nas[0]
  if (backend) {
    const state = stateOf(backend)
    if (state === 'deleting') return fail('backend.deleting', { name: nameOf(backend) })
    return fail('backend.not-online', { name: nameOf(backend), state: state || 'unknown', reason: str(backend.stateReason) })
  }
  const config = nasConfigs.find((c) => c.status?.lastOperationStatus === 'Failed') ?? nasConfigs[0]
  const phase = str(config.status?.phase) ?? '(none)'
  const status = str(config.status?.lastOperationStatus) ?? '(none)'
  if (phase === 'Bound' && status === 'Success') {
    const info = config.status?.backendInfo ?? {}
    return fail('backend.config-without-backend', { name: config.metadata.name, phase, status, backend: str(info.backendName) ?? str(info.backendUUID) ?? '(unnamed)' })
  }
  return fail('backend.add-failed', { name: config.metadata.name, phase, status, reason: str(config.status?.message) })
})

// TridentBackend keeps its fields at the top level (not under spec/status) in every Trident release
// (persistent_store/crd/apis/netapp/v1/types.go): backendName, backendUUID, config.ontap_config, online, state,
// stateReason, userState (23.10+), configRef.
type Backend = TridentObject & { backendName?: unknown; state?: unknown; online?: unknown; stateReason?: unknown; userState?: unknown; config?: any }
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)
const nameOf = (b: Backend) => str(b.backendName) ?? b.metadata.name
const configOf = (b: Backend): Record<string, any> => b.config?.ontap_config ?? b.config ?? {}
const driverOf = (b: Backend) => str(configOf(b).storageDriverName)
const svmOf = (b: Backend) => str(configOf(b).svm)
/** `state` when Trident wrote one; releases before it had only the `online` flag. */
function stateOf(b: Backend): string {
  const state = str(b.state)
  if (state) return state
  return b.online === true ? 'online' : b.online === false ? 'offline' : ''
}
const summarizeBackend = (b: Backend) => ({
  name: nameOf(b),
  driver: driverOf(b),
  svm: svmOf(b),
  state: b.state,
  online: b.online,
  userState: b.userState,
  stateReason: b.stateReason,
  backendUUID: b.backendUUID,
  configRef: b.configRef,
})
