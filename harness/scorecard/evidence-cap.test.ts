import { describe, expect, it } from 'vitest'
import type { CheckRecord } from '../check.js'
import { render } from '../i18n/messages.js'
import { capEvidenceItem, capEvidenceList, EVIDENCE_ITEM_MAX_BYTES, EVIDENCE_PER_CHECK_MAX_BYTES } from './evidence-cap.js'
import { checkFromRecord } from './scorecard.js'

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8')
/** 60 Events of 1 MB each, as a hostile namespace can hold. */
const hugeEvents = Array.from({ length: 60 }, (_, i) => `Warning ProvisioningFailed: ${String(i).repeat(1_000_000)}`)

describe('evidence caps', () => {
  it('keeps small evidence as it is', () => {
    const item = { label: 'PVC alice/db', data: { phase: 'Bound', events: ['Normal Provisioning'] } }
    expect(capEvidenceItem(item)).toEqual(item)
  })

  it('cuts a huge item to the item cap, with a visible note of what was cut', () => {
    const cut = capEvidenceItem({ label: 'Events', data: hugeEvents })
    expect(bytes(cut)).toBeLessThan(EVIDENCE_ITEM_MAX_BYTES + 1024)
    expect(cut.truncated).toEqual({ bytes: bytes(hugeEvents), limitBytes: EVIDENCE_ITEM_MAX_BYTES })
    expect(JSON.stringify(cut.data)).toContain('more characters')
  })

  it('falls back to a preview when shrinking is not enough (many wide objects)', () => {
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, Object.fromEntries(Array.from({ length: 40 }, (_, j) => [`f${j}`, 'x'.repeat(900)]))]))
    const cut = capEvidenceItem({ label: 'wide', data: wide })
    expect(typeof cut.data).toBe('string')
    expect(bytes(cut.data)).toBeLessThanOrEqual(EVIDENCE_ITEM_MAX_BYTES)
    expect(cut.truncated).toBeDefined()
  })

  it('caps a label, and the evidence of one check, saying how many items were left out', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ label: `StorageClass sc-${i}-${'n'.repeat(1000)}`, data: 'd'.repeat(6000) }))
    const list = capEvidenceList(items)
    expect(bytes(list)).toBeLessThan(EVIDENCE_PER_CHECK_MAX_BYTES + 2048)
    expect(list.every((e) => e.label.length < 400)).toBe(true)
    const last = list[list.length - 1]
    expect(last.omitted).toBe(40 - (list.length - 1))
    expect(last.label).toMatch(/^… \d+ more evidence items left out \(evidence of one objective is capped at 64 KiB\)$/)
    // Capping twice changes nothing (the reporter caps what see() already capped).
    expect(capEvidenceList(list)).toEqual(list)
  })

  it('a check built from 60 huge Events and long messages stays small', () => {
    const record: CheckRecord = { id: 'pvc-bound', status: 'failed', ...render('check.error', { detail: 'm'.repeat(100_000) }), evidence: hugeEvents.map((e) => ({ label: 'Event', data: e })) }
    const check = checkFromRecord(record, { points: 15, title: { en: 'A claim is bound', ja: 'PVC が Bound' } }, 1, 'en')
    expect(bytes(check)).toBeLessThan(100 * 1024)
    expect(check.message.length).toBeLessThan(4200)
  })
})
