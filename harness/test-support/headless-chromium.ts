// Opens a report page in headless Chromium (Debian's `chromium`) and tells what happened: console errors,
// uncaught exceptions, log errors (CSP violations, failed loads), every network request, values of DOM
// expressions, and a full-page PNG. Talks the DevTools protocol over --remote-debugging-pipe (fd 3 / fd 4,
// NUL-separated JSON): no port, no WebSocket library. Used by the report tests and by CI for screenshots.

import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Readable, Writable } from 'node:stream'

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser']

export interface OpenOptions {
  width?: number
  height?: number
  /** Write a full-page PNG here. */
  screenshot?: string
  /** JavaScript expressions evaluated in the page after load; results by value, in order. */
  evaluate?: string[]
  /** Give up after this long (default 30 s). */
  timeoutMs?: number
}

export interface PageReport {
  consoleErrors: string[]
  exceptions: string[]
  logErrors: string[]
  requests: string[]
  values: unknown[]
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p))
}

export async function openInChromium(url: string, options: OpenOptions = {}): Promise<PageReport> {
  const executable = findChromium()
  if (!executable) throw new Error('Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH).')
  const profile = await mkdtemp(join(tmpdir(), 'grader-chromium-'))
  const browser = spawn(
    executable,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-extensions',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      '--mute-audio',
      `--user-data-dir=${profile}`,
      '--remote-debugging-pipe',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  )
  let stderr = ''
  browser.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)))
  const cdp = new CdpPipe(browser)
  const timeoutMs = options.timeoutMs ?? 30_000
  const timer = setTimeout(() => cdp.fail(new Error(`Chromium did not finish within ${timeoutMs / 1000} s; its last output: ${stderr.trim().split('\n').pop() ?? ''}`)), timeoutMs)
  const report: PageReport = { consoleErrors: [], exceptions: [], logErrors: [], requests: [], values: [] }
  try {
    const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' })
    const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })
    cdp.on(sessionId, (method, params) => {
      const p = params as any
      if (method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert')) {
        report.consoleErrors.push((p.args ?? []).map((a: any) => a.value ?? a.description ?? '').join(' '))
      }
      if (method === 'Runtime.exceptionThrown') report.exceptions.push(p.exceptionDetails?.exception?.description ?? p.exceptionDetails?.text ?? 'exception')
      if (method === 'Log.entryAdded' && (p.entry?.level === 'error' || p.entry?.level === 'warning')) report.logErrors.push(`${p.entry.source}: ${p.entry.text}`)
      if (method === 'Network.requestWillBeSent') report.requests.push(p.request?.url)
    })
    const send = <T>(method: string, params: object = {}) => cdp.send<T>(method, params, sessionId)
    await Promise.all([send('Page.enable'), send('Runtime.enable'), send('Log.enable'), send('Network.enable')])
    await send('Emulation.setDeviceMetricsOverride', { width: options.width ?? 1100, height: options.height ?? 800, deviceScaleFactor: 1, mobile: false })
    const loaded = cdp.once(sessionId, 'Page.loadEventFired')
    const nav = await send<{ errorText?: string }>('Page.navigate', { url })
    if (nav.errorText) throw new Error(`Chromium could not open ${url}: ${nav.errorText}`)
    await loaded
    for (const expression of options.evaluate ?? []) {
      const r = await send<{ result: { value?: unknown }; exceptionDetails?: { text: string } }>('Runtime.evaluate', { expression, returnByValue: true })
      report.values.push(r.exceptionDetails ? { error: r.exceptionDetails.text } : r.result.value)
    }
    if (options.screenshot) {
      const metrics = await send<{ cssContentSize: { width: number; height: number } }>('Page.getLayoutMetrics')
      const width = options.width ?? 1100
      const height = Math.ceil(Math.min(metrics.cssContentSize.height, 12_000))
      const shot = await send<{ data: string }>('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip: { x: 0, y: 0, width, height, scale: 1 } })
      await mkdir(dirname(options.screenshot), { recursive: true })
      await writeFile(options.screenshot, Buffer.from(shot.data, 'base64'))
    }
    // Let late console or log events arrive before closing.
    await new Promise((r) => setTimeout(r, 100))
    return report
  } finally {
    clearTimeout(timer)
    await cdp.send('Browser.close').catch(() => undefined)
    await exited(browser, 5000)
    await rm(profile, { recursive: true, force: true }).catch(() => undefined)
  }
}

type Listener = (method: string, params: unknown) => void

/** The DevTools protocol over the pipe Chromium opens on fd 3 (commands in) and fd 4 (answers and events out). */
class CdpPipe {
  private nextId = 1
  private buffer = ''
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; method: string }>()
  private readonly listeners = new Map<string, Listener[]>()
  private readonly waiters = new Set<{ reject: (e: Error) => void }>()
  private failed?: Error
  private readonly input: Writable
  private readonly output: Readable

  constructor(browser: ChildProcess) {
    this.input = browser.stdio[3] as Writable
    this.output = browser.stdio[4] as Readable
    this.output.on('data', (chunk: Buffer) => this.receive(chunk.toString('utf8')))
    this.input.on('error', (e) => this.fail(e))
    browser.once('exit', (code) => this.fail(new Error(`Chromium exited (code ${code}) before the page was done.`)))
    browser.once('error', (e) => this.fail(e))
  }

  send<T = unknown>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    if (this.failed) return Promise.reject(this.failed)
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method })
      this.input.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0')
    })
  }

  on(sessionId: string, listener: Listener): void {
    this.listeners.set(sessionId, [...(this.listeners.get(sessionId) ?? []), listener])
  }

  /** Resolves on the session's next `event`; rejects if the browser goes away first. */
  once(sessionId: string, event: string): Promise<void> {
    if (this.failed) return Promise.reject(this.failed)
    return new Promise((resolve, reject) => {
      const waiter = { reject }
      this.waiters.add(waiter)
      this.on(sessionId, (method) => {
        if (method !== event) return
        this.waiters.delete(waiter)
        resolve()
      })
    })
  }

  fail(error: Error): void {
    if (this.failed) return
    this.failed = error
    for (const p of this.pending.values()) p.reject(error)
    for (const w of this.waiters) w.reject(error)
    this.pending.clear()
    this.waiters.clear()
  }

  private receive(text: string): void {
    this.buffer += text
    let end: number
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end))
      this.buffer = this.buffer.slice(end + 1)
      if (typeof message.id === 'number') {
        const p = this.pending.get(message.id)
        this.pending.delete(message.id)
        if (message.error) p?.reject(new Error(`${p.method}: ${message.error.message}`))
        else p?.resolve(message.result)
      } else if (message.sessionId) {
        for (const l of this.listeners.get(message.sessionId) ?? []) l(message.method, message.params)
      }
    }
  }
}

function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve()
    }, ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}
