// Labs (a student's connections: the SSH login to their SVM) that a grading run opened and has not closed yet. The
// specs close a student's lab after their last objective; when a run is cancelled, that objective may never run,
// so the harness closes what is left once the run ends. Kept on globalThis: the specs' copy of this module (vitest
// may load its own) and the harness's share one list.

const KEY = Symbol.for('trident-lab-grader.open-labs')

function openLabs(): Map<string, () => Promise<void>> {
  const global = globalThis as { [KEY]?: Map<string, () => Promise<void>> }
  return (global[KEY] ??= new Map())
}

/** A student's run opened something that `close` ends. */
export function trackOpenLab(runId: string, close: () => Promise<void>): void {
  openLabs().set(runId, close)
}

export function forgetOpenLab(runId: string): void {
  openLabs().delete(runId)
}

/** Closes what these runs left open. */
export async function closeOpenLabs(runIds: string[]): Promise<void> {
  await Promise.all(runIds.map((id) => openLabs().get(id)?.().catch(() => undefined)))
}
