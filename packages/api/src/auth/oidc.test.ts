import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { createStateSealer, type OidcState, safeReturnTo } from './oidc.js'

const state = (expiresAt: number): OidcState => ({
  state: 'state-value',
  nonce: 'nonce-value',
  codeVerifier: 'verifier-value',
  returnTo: '/inbox',
  expiresAt,
})

describe('single sign-on state cookie', () => {
  it('opens what it sealed, hides its content, and refuses it after it expires', () => {
    const key = randomBytes(32)
    const sealer = createStateSealer(key)
    const value = state(Date.now() + 600_000)
    const sealed = sealer.seal(value)
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('verifier-value')
    expect(sealer.open(sealed)).toEqual(value)
    expect(sealer.open(sealed, Date.now() + 601_000)).toBeUndefined()
  })

  it('refuses an altered cookie, one sealed with another key, and garbage', () => {
    const key = randomBytes(32)
    const sealer = createStateSealer(key)
    const sealed = sealer.seal(state(Date.now() + 600_000))
    const raw = Buffer.from(sealed, 'base64url')
    raw[20] = (raw[20] ?? 0) ^ 1
    expect(sealer.open(raw.toString('base64url'))).toBeUndefined()
    expect(createStateSealer(randomBytes(32)).open(sealed)).toBeUndefined()
    // Another process with the same credential key accepts it.
    expect(createStateSealer(key).open(sealed)?.nonce).toBe('nonce-value')
    expect(sealer.open(undefined)).toBeUndefined()
    expect(sealer.open('')).toBeUndefined()
    expect(sealer.open('not-a-cookie')).toBeUndefined()
    expect(sealer.open('x'.repeat(5000))).toBeUndefined()
  })
})

describe('return path after single sign-on', () => {
  it('keeps paths inside Warmflow and turns everything else into /', () => {
    expect(safeReturnTo('/inbox?task=1')).toBe('/inbox?task=1')
    expect(safeReturnTo('/flows/abc')).toBe('/flows/abc')
    for (const outside of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'inbox',
      '',
      undefined,
    ]) {
      expect(safeReturnTo(outside)).toBe('/')
    }
    expect(safeReturnTo('/a\nb')).toBe('/')
    expect(safeReturnTo(`/${'a'.repeat(600)}`)).toBe('/')
  })
})

describe('single sign-on configuration', () => {
  const entra = {
    WARMFLOW_OIDC_ISSUER: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
    WARMFLOW_OIDC_CLIENT_ID: 'client',
    WARMFLOW_OIDC_CLIENT_SECRET: 'secret',
    WARMFLOW_OIDC_REDIRECT_URL: 'https://warmflow.example.nl/api/v1/auth/oidc/callback',
  }

  it('is off without settings', () => {
    expect(loadConfig({}).oidc).toBeUndefined()
  })

  it('reads issuer, client, redirect address, label and auto-creation', () => {
    expect(loadConfig(entra).oidc).toEqual({
      issuer: entra.WARMFLOW_OIDC_ISSUER,
      clientId: 'client',
      clientSecret: 'secret',
      redirectUrl: entra.WARMFLOW_OIDC_REDIRECT_URL,
      label: 'SSO',
      autoCreate: false,
    })
    const labelled = loadConfig({
      ...entra,
      WARMFLOW_OIDC_LABEL: 'Microsoft',
      WARMFLOW_OIDC_AUTO_CREATE: 'true',
    })
    expect(labelled.oidc).toMatchObject({ label: 'Microsoft', autoCreate: true })
  })

  it('names what is missing or unsafe', () => {
    expect(() => loadConfig({ WARMFLOW_OIDC_CLIENT_ID: 'client' })).toThrow(/WARMFLOW_OIDC_ISSUER: required/)
    expect(() => loadConfig({ ...entra, WARMFLOW_OIDC_REDIRECT_URL: undefined })).toThrow(
      /WARMFLOW_OIDC_REDIRECT_URL: required/,
    )
    expect(() => loadConfig({ ...entra, WARMFLOW_OIDC_ISSUER: 'http://login.example.nl' })).toThrow(
      /WARMFLOW_OIDC_ISSUER: must be an https URL/,
    )
    expect(() => loadConfig({ ...entra, WARMFLOW_OIDC_AUTO_CREATE: 'misschien' })).toThrow(
      /WARMFLOW_OIDC_AUTO_CREATE/,
    )
    // A provider on this machine may use plain http (a local test provider).
    expect(loadConfig({ ...entra, WARMFLOW_OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe(
      'http://127.0.0.1:9000',
    )
  })
})
