import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.js'

describe('loadConfig: the sign-in limit', () => {
  it('allows 30 sign-in attempts per address per 5 minutes unless WARMFLOW_LOGIN_LIMIT says otherwise', () => {
    expect(loadConfig({}).loginLimit).toBe(30)
    expect(loadConfig({ WARMFLOW_LOGIN_LIMIT: '300' }).loginLimit).toBe(300)
  })

  it('names WARMFLOW_LOGIN_LIMIT when its value cannot be used', () => {
    for (const value of ['0', '2.5', 'veel']) {
      expect(() => loadConfig({ WARMFLOW_LOGIN_LIMIT: value })).toThrow(/WARMFLOW_LOGIN_LIMIT/)
    }
  })
})
