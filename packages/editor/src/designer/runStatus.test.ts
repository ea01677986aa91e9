import { describe, expect, it } from 'vitest'
import { testI18n } from '../i18n/testing'
import { runStatusText } from './runStatus'

const i18n = testI18n()

describe("a run's status, in words", () => {
  it('says a removed run was removed after its retention period, in Dutch and English', () => {
    const removed = { status: 'removed' as const, removedAfterDays: 30 }
    expect(runStatusText(removed, i18n.getFixedT('nl'))).toBe('verwijderd na 30 dagen')
    expect(runStatusText(removed, i18n.getFixedT('en'))).toBe('removed after 30 days')
    expect(runStatusText({ status: 'removed', removedAfterDays: 1 }, i18n.getFixedT('nl'))).toBe(
      'verwijderd na 1 dag',
    )
    expect(runStatusText({ status: 'removed', removedAfterDays: 1 }, i18n.getFixedT('en'))).toBe(
      'removed after 1 day',
    )
  })

  it('says a run erased on request was erased on request, in Dutch and English', () => {
    expect(runStatusText({ status: 'erased' }, i18n.getFixedT('nl'))).toBe('Gewist op verzoek (AVG)')
    expect(runStatusText({ status: 'erased' }, i18n.getFixedT('en'))).toBe('Erased on request (GDPR)')
  })

  it('names other statuses as before, and a removed run without a term as removed', () => {
    expect(runStatusText({ status: 'completed' }, i18n.getFixedT('nl'))).toBe('Klaar')
    expect(runStatusText({ status: 'removed' }, i18n.getFixedT('en'))).toBe('Removed')
  })
})
