// Ctrl-C (SIGINT) and SIGTERM for the CLI's runs: the first stops the run, which cleans up what it changed in the
// student's cluster and writes the card; a second ends the process at once (exit 130). A Job's pod gets SIGTERM at
// its deadline or when deleted, so it stops the same way.

export interface StopSignals {
  /** Aborted by the first signal. */
  signal: AbortSignal
  /** Stops listening (the run is over). */
  dispose(): void
}

export function stopOnSignals(onFirst: () => void): StopSignals {
  const cancel = new AbortController()
  let interrupts = 0
  const onSignal = () => {
    if (++interrupts > 1) process.exit(130)
    onFirst()
    cancel.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    signal: cancel.signal,
    dispose() {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}
