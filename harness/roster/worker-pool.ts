// The roster run's grading workers: an idle one is handed the next student; a new one is started when none is
// idle (the roster's --parallel bounds how many are busy). A worker is retired once it has graded its share
// (--students-per-process) or when it was stopped or crashed.

import { GradingWorker, type WorkerSpec } from './worker-process.js'

export class WorkerPool {
  private readonly idle: GradingWorker[] = []
  private readonly retiring = new Set<Promise<void>>()

  constructor(
    private readonly spec: WorkerSpec,
    private readonly studentsPerWorker: number,
    private readonly retireGraceMs: number,
  ) {}

  take(): GradingWorker {
    for (let worker = this.idle.pop(); worker; worker = this.idle.pop()) {
      if (worker.usable) return worker
      this.retire(worker)
    }
    return new GradingWorker(this.spec)
  }

  give(worker: GradingWorker): void {
    if (worker.usable && worker.jobs < this.studentsPerWorker) this.idle.push(worker)
    else this.retire(worker)
  }

  /** Retires every worker and waits until all have ended. */
  async close(): Promise<void> {
    for (const worker of this.idle.splice(0)) this.retire(worker)
    await Promise.all(this.retiring)
  }

  private retire(worker: GradingWorker): void {
    const done = worker.retire(this.retireGraceMs).finally(() => this.retiring.delete(done))
    this.retiring.add(done)
  }
}
