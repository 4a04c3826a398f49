// Two things undici leaves to its caller, for clients whose every wait must end at once when the run is stopped:
// - a request that waits for its connection is aborted only once that connection is made (or its connect times
//   out): untilAborted() stops the wait itself;
// - a connect in progress runs to its own timeout even after every request that wanted it was aborted and the
//   dispatcher destroyed, which holds the process (a cancelled run's exit) that long: CuttableConnector is undici's
//   own connector that remembers the sockets it is still opening, so that closing the client destroys them.

import type { Socket } from 'node:net'
import { buildConnector } from 'undici'

/**
 * Resolves or rejects as `work` does, or rejects with the abort reason as soon as `signal` aborts. `late` gets what
 * `work` resolves to after that (an answer nobody reads any more, whose body must be let go).
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, late?: (value: T) => void): Promise<T> {
  if (signal.aborted) {
    work.then(
      (value) => late?.(value),
      () => undefined,
    )
    return Promise.reject(signal.reason)
  }
  return new Promise<T>((resolve, reject) => {
    let stopped = false
    const onAbort = () => {
      stopped = true
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        if (stopped) late?.(value)
        else resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/** undici's connector (buildConnector) whose connects in progress can be cut. */
export class CuttableConnector {
  readonly connect: buildConnector.connector
  private readonly opening = new Set<Socket>()

  /** `onOpen`: called for every connection opened (a TLS session, for the benchmark's counts). */
  constructor(options: buildConnector.BuildOptions, onOpen?: () => void) {
    const connector = buildConnector(options)
    this.connect = (connectOptions, callback) => {
      onOpen?.()
      let done = false
      // undici's connector returns the socket it opens (its type declarations say void). Declared first: the
      // callback may run before connector() returns, and must then see no socket rather than a TDZ error.
      let socket: Socket | undefined
      // eslint-disable-next-line prefer-const
      socket = connector(connectOptions, (...args) => {
        done = true
        if (socket) this.opening.delete(socket)
        callback(...args)
      }) as unknown as Socket | undefined
      if (socket && !done) this.opening.add(socket)
    }
  }

  /** Destroys every socket still connecting: the requests waiting for it fail, and nothing outlives the client. */
  cut(): void {
    for (const socket of this.opening) socket.destroy(Object.assign(new Error('the connection was closed while it was being made'), { code: 'ECONNABORTED' }))
    this.opening.clear()
  }
}
