// --post and --lms-user-id through the real CLI, for one student: a signed delivery to a local receiver, a
// receiver that fails, a self-check that never posts, and a secret that never shows.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadCase } from '@trident-lab/recorded-cluster'
import { gradeRecorded } from '../../specs/tests/grade-recorded.js'
import { labPoints } from '../test-support/sample-cards.js'
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js'

const SECRET = 'whsec-cli-9d8c7b6a5f4e3d2c'
const ONLY = '--only=storageclass-ssd'
let receiver: WebhookReceiver

beforeEach(async () => {
  receiver = await startWebhookReceiver(SECRET)
})
afterEach(async () => {
  await receiver.close()
})

describe('--post', { timeout: 60_000 }, () => {
  it('POSTs the finished scorecard, signed, and writes the LTI score for --lms-user-id', async () => {
    const run = await gradeRecorded(loadCase('reference'), { args: [ONLY, `--post=${receiver.url}`, '--post-allow-http', '--lms-user-id=lti-user-7'], env: { GRADER_WEBHOOK_SECRET: SECRET } })
    expect(run.exitCode).toBe(0)
    expect(receiver.deliveries).toHaveLength(1)
    expect(receiver.deliveries[0].signatureValid).toBe(true)
    expect(JSON.parse(receiver.deliveries[0].body)).toEqual(run.card)
    expect(run.stderr).toContain(`posted the scorecard to ${receiver.url.split('?')[0]} (attempt 1)`)
    expect(JSON.parse(readFileSync(join(run.outDir, 'lti-score.json'), 'utf8'))).toMatchObject({
      userId: 'lti-user-7',
      scoreGiven: labPoints(['storageclass-ssd']),
      scoreMaximum: labPoints(),
      gradingProgress: 'PendingManual',
    })
    expect(run.stdout + run.stderr).not.toContain(SECRET)
  })

  it('retries a failing receiver, then exits 2 with one sentence when it never accepts', async () => {
    receiver.answer(503, 503, 503, 503, 503)
    const run = await gradeRecorded(loadCase('reference'), { args: [ONLY, `--post=${receiver.url}`, '--post-allow-http'], env: { GRADER_WEBHOOK_SECRET: SECRET } })
    expect(receiver.deliveries).toHaveLength(5)
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain(`error: The scorecard of alice was not delivered to ${receiver.url.split('?')[0]}: 5 attempts failed (last: HTTP 503).`)
    expect(run.stdout + run.stderr).not.toContain(SECRET)
    expect(run.stdout + run.stderr).not.toContain('query-token-xyz')
  })

  it('never posts a self-check, and says so', async () => {
    const run = await gradeRecorded(loadCase('reference'), { args: [ONLY, '--self-check', '--yes', `--post=${receiver.url}`] })
    expect(run.stderr).toContain('Note: --post is ignored in a self-check: a self-check score is never sent to the LMS.')
    expect(run.exitCode).toBe(0)
    expect(receiver.deliveries).toEqual([])
  })

  it('refuses a secret given as a flag, without echoing it', async () => {
    const run = await gradeRecorded(loadCase('reference'), { args: [ONLY, `--post=${receiver.url}`, `--webhook-secret=${SECRET}`] })
    expect(run.exitCode).toBe(9)
    expect(run.stderr).toBe('error: --webhook-secret is not accepted: secrets never go on the command line; set GRADER_WEBHOOK_SECRET (or GRADER_WEBHOOK_SECRET_FILE) in the environment.')
    expect(receiver.deliveries).toEqual([])
  })
})
