// Watches a pod list until a predicate holds: no tight polling while a pod is replaced.

import { Watch, type KubeConfig, type V1Pod } from '@kubernetes/client-node'

export interface WatchPodsOptions {
  namespace: string
  labelSelector?: string
  /** Start after this list's resourceVersion so no event is missed between list and watch. */
  resourceVersion?: string
  signal: AbortSignal
}

/**
 * Resolves with the first pod (from the watch) for which `accept` returns true.
 * Rejects with the signal's reason when it aborts. A watch the server closes is reopened.
 */
export async function waitForPod(kc: KubeConfig, options: WatchPodsOptions, accept: (pod: V1Pod) => boolean): Promise<V1Pod> {
  const watch = new Watch(kc)
  let resourceVersion = options.resourceVersion
  return new Promise<V1Pod>((resolve, reject) => {
    let controller: AbortController | undefined
    let settled = false
    const finish = (fn: () => void) => {
      if (settled) return
      settled = true
      options.signal.removeEventListener('abort', onAbort)
      controller?.abort()
      fn()
    }
    const onAbort = () => finish(() => reject(options.signal.reason))
    options.signal.addEventListener('abort', onAbort)
    if (options.signal.aborted) return onAbort()

    const open = () => {
      watch
        .watch(
          `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/pods`,
          { labelSelector: options.labelSelector, resourceVersion, allowWatchBookmarks: true },
          (phase, pod: V1Pod) => {
            if (pod?.metadata?.resourceVersion) resourceVersion = pod.metadata.resourceVersion
            if ((phase === 'ADDED' || phase === 'MODIFIED') && accept(pod)) finish(() => resolve(pod))
          },
          (error: unknown) => {
            if (settled) return
            // 410 Gone: our resourceVersion is too old; start from "now" (the caller re-checks with a list).
            if (error && /\b410\b/.test(String((error as Error).message ?? error))) resourceVersion = undefined
            setTimeout(open, error ? 1000 : 0)
          },
        )
        .then((c) => {
          controller = c
          if (settled) c.abort()
        })
        .catch(() => {
          if (!settled) setTimeout(open, 1000)
        })
    }
    open()
  })
}
