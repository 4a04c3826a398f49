// The end of one student's run, for LMSs: the LTI score file (it needs the LMS user id, which the card does not
// hold) and, with --post, the signed webhook. The roster runner and the CLI both finish through here.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Scorecard } from '../scorecard/scorecard.js'
import { safeJson } from '../scorecard/safe-text.js'
import { writeAtomic } from '../scorecard/write-json.js'
import { toLtiAgsScore } from './lti-ags-score.js'
import { postScorecard, type PostOptions, type PostResult } from './post-webhook.js'
import { readWebhookSecret, type WebhookTarget } from './webhook-target.js'

export const LTI_SCORE_FILE = 'lti-score.json'

export interface DeliverOptions {
  outDir: string
  /** The LMS user id for the LTI score (default: the card's student). */
  lmsUserId?: string
  post?: WebhookTarget
  postOptions?: PostOptions
  env?: NodeJS.ProcessEnv
}

export async function deliverScorecard(card: Scorecard, options: DeliverOptions): Promise<{ posted?: PostResult }> {
  await mkdir(options.outDir, { recursive: true })
  const score = toLtiAgsScore(card, options.lmsUserId ?? card.student)
  await writeAtomic(join(options.outDir, LTI_SCORE_FILE), safeJson(score) + '\n')
  if (!options.post) return {}
  const secret = readWebhookSecret(options.post, options.env)
  return { posted: await postScorecard(options.post.url, secret, card, options.postOptions) }
}
