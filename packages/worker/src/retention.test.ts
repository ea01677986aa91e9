import { describe, expect, it } from 'vitest'
import { auditRetentionDaysFromEnv, RetentionConfigError } from './retention.js'

describe("the audit log's term from WARMFLOW_AUDIT_RETENTION_DAYS", () => {
  it('is five years (1826 days) when unset, and longer when asked', () => {
    expect(auditRetentionDaysFromEnv({})).toBe(1826)
    expect(auditRetentionDaysFromEnv({ WARMFLOW_AUDIT_RETENTION_DAYS: ' ' })).toBe(1826)
    expect(auditRetentionDaysFromEnv({ WARMFLOW_AUDIT_RETENTION_DAYS: '2555' })).toBe(2555)
  })

  it('refuses less than five years, or no whole number, in Dutch and English', () => {
    for (const value of ['1825', '365', '0', '-1', '2000.5', 'vijf jaar', '36501']) {
      let error: unknown
      try {
        auditRetentionDaysFromEnv({ WARMFLOW_AUDIT_RETENTION_DAYS: value })
      } catch (caught) {
        error = caught
      }
      expect(error, value).toBeInstanceOf(RetentionConfigError)
      expect((error as RetentionConfigError).code).toBe('retention.config')
      expect((error as Error).message).toContain('moet een heel aantal dagen zijn')
      expect((error as Error).message).toContain('must be a whole number of days')
    }
  })
})
