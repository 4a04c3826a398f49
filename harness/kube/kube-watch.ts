// Watches a pod list until a predicate holds: no tight polling while a pod is replaced. The watch runs on the
// grader's own HTTP client (kube-http.ts), so it is bounded like every other answer: headers within the request
// deadline, each event line capped, the server named without credentials, and it stops the moment the signal
// aborts, even while the server has not answered at all.

import type { V1Pod } from '@kubernetes/client-node'
import { isGraderError } from '../errors.js'
import type { KubeHttp } from './kube-http.js'
import { segment } from './kube-names.js'

export interface WatchPodsOptions {
  namespace: string
  labelSelector?: string
  /** Start after this list's resourceVersion so no event is missed between list and watch. */
  resourceVersion?: string
  signal: AbortSignal
}

/** The server closes a watch after this long at the latest; the grader then opens the next one. */
const WATCH_SECONDS = 300

/**
 * Resolves with the first pod (from the watch) for which `accept` returns true.
 * Rejects with the signal's reason when it aborts. A watch the server closes is reopened; a watch that fails
 * on the network is reopened after a second; one whose answer is not the API's (or is refused) is an error.
 */
export async function waitForPod(http: KubeHttp, options: WatchPodsOptions, accept: (pod: V1Pod) => boolean): Promise<V1Pod> {
  const { signal } = options
  const access = { verb: 'watch', resource: 'pods', namespace: options.namespace } as const
  let resourceVersion = options.resourceVersion
  for (;;) {
    signal.throwIfAborted()
    let found: V1Pod | undefined
    const done = new AbortController()
    const query = new URLSearchParams({ watch: '1', allowWatchBookmarks: 'true', timeoutSeconds: String(WATCH_SECONDS) })
    if (options.labelSelector) query.set('labelSelector', options.labelSelector)
    if (resourceVersion) query.set('resourceVersion', resourceVersion)
    try {
      await http.watch(`/api/v1/namespaces/${segment(options.namespace)}/pods?${query}`, access, AbortSignal.any([signal, done.signal]), (type, object) => {
        const pod = object as V1Pod | undefined
        if (type === 'ERROR') {
          // 410 Gone: our resourceVersion is too old; start from "now" (the caller re-checks with a list).
          if ((object as { code?: unknown } | undefined)?.code === 410) resourceVersion = undefined
          return
        }
        if (typeof pod?.metadata?.resourceVersion === 'string') resourceVersion = pod.metadata.resourceVersion
        if ((type === 'ADDED' || type === 'MODIFIED') && typeof pod?.metadata === 'object' && accept(pod)) {
          found = pod
          done.abort()
        }
      })
    } catch (error) {
      if (found) return found
      if (signal.aborted) throw signal.reason
      const status = isGraderError(error) ? (error.details as { status?: unknown } | undefined)?.status : undefined
      if (status === 410) resourceVersion = undefined
      else if (isGraderError(error) && error.code !== 'KUBE_UNREACHABLE') throw error
      await new Promise((resolve) => setTimeout(resolve, 1000))
      continue
    }
    if (found) return found
    // The server ended the watch: open the next one (not in a tight loop, whatever the server does).
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
