// Labs (a student's connections: the SSH login to their SVM) that a grading run opened and has not closed yet. The
// specs close a student's lab after their last objective; when a run is cancelled, that objective may never run,
// so the harness closes what is left once the run ends. Kept on globalThis: the specs' copy of this module (vitest
// may load its own) and the harness's share one list.

const KEY = Symbol.for('trident-lab-grader.open-labs')

interface OpenLab {
  /** Stops the student's checks waiting (they clean up). */
  cancel(reason: Error): void
  close(): Promise<void>
}

function openLabs(): Map<string, OpenLab> {
  const global = globalThis as { [KEY]?: Map<string, OpenLab> }
  return (global[KEY] ??= new Map())
}

/** A student's run opened something that `close` ends. */
export function trackOpenLab(runId: string, lab: OpenLab): void {
  openLabs().set(runId, lab)
}

/**
 * Stops these runs' checks at once, besides vitest's own cancellation (which reaches a check through its test
 * context): the harness and the specs share this thread, so the reason needs no message to travel.
 */
export function cancelOpenLabs(runIds: string[], reason: Error): void {
  for (const id of runIds) openLabs().get(id)?.cancel(reason)
}

export function forgetOpenLab(runId: string): void {
  openLabs().delete(runId)
}

/** Closes what these runs left open. */
export async function closeOpenLabs(runIds: string[]): Promise<void> {
  await Promise.all(
    runIds.map(
      async (id) =>
        await openLabs()
          .get(id)
          ?.close()
          .catch(() => undefined),
    ),
  )
}
