// A vitest pool that runs the objective specs in the grader's own thread, through vitest's public worker API
// (`vitest/worker`). A worker thread costs a second V8 isolate and a second import of every dependency the specs
// use (@kubernetes/client-node alone is most of a second of CPU); in this thread, a module the harness already
// imported is imported once. Messages still pass through structuredClone, as they would through postMessage.
//
// One such worker runs at a time per process (vitest's worker runtime keeps module-level state): a grading run
// uses one worker and runs its students' tests concurrently inside it.

import { EventEmitter } from 'node:events'
import type { PoolRunnerInitializer, PoolWorker } from 'vitest/node'

const SAME_THREAD_POOL = 'grader-same-thread'

export const sameThreadPool: PoolRunnerInitializer = {
  name: SAME_THREAD_POOL,
  createPoolWorker: () => new SameThreadWorker(),
}

class SameThreadWorker implements PoolWorker {
  readonly name = SAME_THREAD_POOL
  /** Messages from vitest to the worker runtime, and back. */
  private readonly toWorker = new EventEmitter()
  private readonly toVitest = new EventEmitter()
  private started = false

  on(event: string, callback: (arg: any) => void): void {
    this.toVitest.on(event, callback)
  }
  off(event: string, callback: (arg: any) => void): void {
    this.toVitest.off(event, callback)
  }
  send(message: unknown): void {
    const copy = structuredClone(message)
    setImmediate(() => this.toWorker.emit('message', copy))
  }
  deserialize(data: unknown): unknown {
    return data
  }
  async start(): Promise<void> {
    if (this.started) return
    this.started = true
    const { init, runBaseTests, setupEnvironment } = await import('vitest/worker')
    init({
      post: (response) => {
        const copy = structuredClone(response)
        setImmediate(() => this.toVitest.emit('message', copy))
      },
      on: (callback) => this.toWorker.on('message', callback),
      off: (callback) => this.toWorker.off('message', callback),
      teardown: () => this.toWorker.removeAllListeners('message'),
      runTests: (state, traces) => runBaseTests('run', state, traces),
      collectTests: (state, traces) => runBaseTests('collect', state, traces),
      setup: setupEnvironment,
    })
  }
  async stop(): Promise<void> {
    this.toWorker.removeAllListeners()
  }
}
