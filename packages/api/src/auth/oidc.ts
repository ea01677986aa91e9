import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { type Database, isUniqueViolation } from '@warmflow/store'
import type { Kysely } from 'kysely'
import * as oidc from 'openid-client'
import type { AuthProvider } from './provider.js'
import { normaliseEmail } from './users.js'

/** Single sign-on through an OpenID Connect provider (e.g. Microsoft Entra ID). */
export interface OidcSettings {
  /** The provider's issuer, e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. */
  issuer: string
  clientId: string
  /** Omit for a public client (PKCE only). */
  clientSecret?: string
  /** The callback address registered at the provider: `https://<host>/api/v1/auth/oidc/callback`. */
  redirectUrl: string
  /** Shown on the sign-in button: "Inloggen met <label>". */
  label: string
  /** Create an account (without roles or teams) for a verified e-mail address nobody has yet. */
  autoCreate: boolean
}

/** Name of the short-lived cookie that carries state, nonce and PKCE verifier to the callback. */
export const oidcStateCookieName = 'warmflow_oidc'

/** How long a person has at the provider before the sign-in must start again. */
export const oidcStateMaxAgeSeconds = 600

/** What the state cookie holds between start and callback. */
export interface OidcState {
  state: string
  nonce: string
  codeVerifier: string
  /** Path in the editor to return to after sign-in. */
  returnTo: string
  /** Epoch milliseconds after which the cookie is refused. */
  expiresAt: number
}

/**
 * Seals and opens the state cookie with AES-256-GCM, so the browser can neither read the PKCE
 * verifier nor change anything. The key is derived from the credential key when there is one,
 * so every API process that shares it accepts each other's cookies.
 */
export function createStateSealer(secret: Buffer | undefined) {
  const key = Buffer.from(
    hkdfSync('sha256', secret ?? randomBytes(32), Buffer.alloc(0), 'warmflow-oidc-state-v1', 32),
  )
  return {
    seal(value: OidcState): string {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
    },
    /** The state, or undefined when the cookie is missing, altered or expired. */
    open(sealed: string | undefined, now = Date.now()): OidcState | undefined {
      if (!sealed || sealed.length > 4096) return undefined
      const raw = Buffer.from(sealed, 'base64url')
      if (raw.length < 29) return undefined
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
        decipher.setAuthTag(raw.subarray(12, 28))
        const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
        const value = JSON.parse(text) as OidcState
        if (typeof value.expiresAt !== 'number' || value.expiresAt <= now) return undefined
        return value
      } catch {
        return undefined
      }
    },
  }
}

/** A path inside the editor to return to; anything else (another host, `//x`) becomes `/`. */
export function safeReturnTo(value: string | undefined): string {
  if (!value || value.length > 512 || !/^\/(?![/\\])/.test(value)) return '/'
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) < 0x20 || value.charCodeAt(i) === 0x7f) return '/'
  }
  return value
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** The relying party: discovery (once, retried after a failure), authorization URL, code exchange. */
export interface OidcRelyingParty extends AuthProvider {
  readonly kind: 'redirect'
  readonly settings: OidcSettings
  /** Where to send the browser, and the state to keep in the cookie until the callback. */
  start(returnTo: string): Promise<{ url: URL; state: OidcState }>
  /**
   * Exchanges the code from the callback for tokens and checks the ID token (issuer, audience,
   * signature from the provider's JWKS, nonce, expiry). Throws when anything does not match.
   */
  finish(callbackQuery: string, state: OidcState): Promise<OidcIdentity>
}

/** Who the provider says signed in. */
export interface OidcIdentity {
  issuer: string
  subject: string
  /** Only when the provider vouches for it (`email_verified`, or Entra's `xms_edov`). */
  verifiedEmail: string | undefined
  /** Present but not verified: never used to link an account. */
  unverifiedEmail: string | undefined
  name: string | undefined
}

/** The provider could not be reached or answered nonsense while being discovered. */
export class OidcUnavailableError extends Error {
  constructor(cause: unknown) {
    super('OpenID provider unavailable', { cause })
    this.name = 'OidcUnavailableError'
  }
}

/**
 * An OpenID Connect relying party (authorization code flow with PKCE, state and nonce) on
 * `openid-client`. Plain http is accepted only for a provider on this machine (tests, a local
 * provider); everywhere else https is required.
 *
 * @example
 * const rp = oidcRelyingParty(settings)
 * const { url, state } = await rp.start('/inbox')
 */
export function oidcRelyingParty(settings: OidcSettings): OidcRelyingParty {
  let discovered: Promise<oidc.Configuration> | undefined
  const issuerUrl = new URL(settings.issuer)
  const insecure = issuerUrl.protocol === 'http:' && loopbackHosts.has(issuerUrl.hostname)

  function configuration(): Promise<oidc.Configuration> {
    discovered ??= oidc
      .discovery(
        issuerUrl,
        settings.clientId,
        settings.clientSecret,
        settings.clientSecret ? oidc.ClientSecretPost(settings.clientSecret) : oidc.None(),
        { execute: insecure ? [oidc.allowInsecureRequests] : [], timeout: 10 },
      )
      .catch((error: unknown) => {
        // Try again on the next sign-in instead of remembering the failure.
        discovered = undefined
        throw new OidcUnavailableError(error)
      })
    return discovered
  }

  return {
    id: 'oidc',
    kind: 'redirect',
    settings,
    async start(returnTo) {
      const config = await configuration()
      const state: OidcState = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        returnTo: safeReturnTo(returnTo),
        expiresAt: Date.now() + oidcStateMaxAgeSeconds * 1000,
      }
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUrl,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(state.codeVerifier),
        code_challenge_method: 'S256',
        state: state.state,
        nonce: state.nonce,
      })
      return { url, state }
    },
    async finish(callbackQuery, state) {
      const config = await configuration()
      // The registered address plus the provider's parameters: behind a proxy the request's own
      // URL may differ from what the provider redirected to.
      const current = new URL(settings.redirectUrl)
      current.search = callbackQuery
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: state.codeVerifier,
        expectedState: state.state,
        expectedNonce: state.nonce,
        idTokenExpected: true,
      })
      const claims = tokens.claims()
      if (!claims) throw new Error('no ID token')
      const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : undefined
      const verified =
        claims.email_verified === true ||
        claims.email_verified === 'true' ||
        claims.xms_edov === true ||
        claims.xms_edov === 'true'
      return {
        issuer: claims.iss,
        subject: claims.sub,
        verifiedEmail: email && verified ? email : undefined,
        unverifiedEmail: email && !verified ? email : undefined,
        name: typeof claims.name === 'string' ? claims.name.slice(0, 200) : undefined,
      }
    },
  }
}

/** Which account a signed-in identity belongs to, or why none. */
export type OidcAccountOutcome =
  | { ok: true; userId: string; email: string; via: 'subject' | 'email' | 'created' }
  | {
      ok: false
      reason: 'no_account' | 'email_unverified' | 'linked_elsewhere' | 'disabled'
      userId?: string
      email?: string
    }

/**
 * Finds the account for an identity: by the stored issuer and subject; on the first sign-in by
 * the verified e-mail address of an account not yet linked, which is then linked; or, with
 * `autoCreate`, a new account without roles or teams. Disabled accounts are refused.
 *
 * @example
 * const outcome = await findOidcAccount(db, identity, { autoCreate: false })
 */
export async function findOidcAccount(
  db: Kysely<Database>,
  identity: OidcIdentity,
  options: { autoCreate: boolean },
  attempt = 0,
): Promise<OidcAccountOutcome> {
  const bySubject = await db
    .selectFrom('users')
    .select(['id', 'email', 'disabled_at'])
    .where('oidc_issuer', '=', identity.issuer)
    .where('oidc_subject', '=', identity.subject)
    .executeTakeFirst()
  if (bySubject) {
    return bySubject.disabled_at
      ? { ok: false, reason: 'disabled', userId: bySubject.id, email: bySubject.email }
      : { ok: true, userId: bySubject.id, email: bySubject.email, via: 'subject' }
  }
  const email = identity.verifiedEmail
  if (!email) {
    return {
      ok: false,
      reason: identity.unverifiedEmail ? 'email_unverified' : 'no_account',
      ...(identity.unverifiedEmail ? { email: identity.unverifiedEmail } : {}),
    }
  }
  const byEmail = await db
    .selectFrom('users')
    .select(['id', 'email', 'disabled_at', 'oidc_subject'])
    .where('email', '=', email)
    .executeTakeFirst()
  if (byEmail) {
    if (byEmail.disabled_at) return { ok: false, reason: 'disabled', userId: byEmail.id, email }
    if (byEmail.oidc_subject !== null)
      return { ok: false, reason: 'linked_elsewhere', userId: byEmail.id, email }
    try {
      const linked = await db
        .updateTable('users')
        .set({ oidc_issuer: identity.issuer, oidc_subject: identity.subject, updated_at: new Date() })
        .where('id', '=', byEmail.id)
        .where('oidc_subject', 'is', null)
        .where('disabled_at', 'is', null)
        .returning('id')
        .executeTakeFirst()
      if (linked) return { ok: true, userId: linked.id, email, via: 'email' }
    } catch (error) {
      // The same subject was just linked by a concurrent sign-in: look again below.
      if (!isUniqueViolation(error)) throw error
    }
    return attempt === 0
      ? findOidcAccount(db, identity, options, 1)
      : { ok: false, reason: 'linked_elsewhere', userId: byEmail.id, email }
  }
  if (!options.autoCreate) return { ok: false, reason: 'no_account', email }
  const created = await db
    .insertInto('users')
    .values({
      email,
      name: identity.name?.trim() || email.split('@')[0] || email,
      password_hash: null,
      roles: [],
      oidc_issuer: identity.issuer,
      oidc_subject: identity.subject,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
  if (created) return { ok: true, userId: created.id, email, via: 'created' }
  // Someone else made the account (or linked the subject) in the meantime.
  return attempt === 0
    ? findOidcAccount(db, identity, options, 1)
    : { ok: false, reason: 'no_account', email }
}
