import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/** A person known to the test identity provider. */
export interface OidcTestAccount {
  email?: string
  email_verified?: boolean
  name?: string
}

/** A real OpenID Connect provider (`oidc-provider`) on 127.0.0.1 with one client for Warmflow. */
export interface OidcTestProvider {
  issuer: string
  clientId: string
  clientSecret: string
  redirectUrl: string
  /** People the provider knows, by subject (`sub`); change them freely between sign-ins. */
  accounts: Map<string, OidcTestAccount>
  /**
   * Who signs in at the next interaction, or `{ deny: true }` to answer access_denied (the person
   * cancelled at the provider).
   */
  next: { subject: string } | { deny: true }
  /**
   * Follows a browser from Warmflow's redirect (the provider's authorization URL) through the
   * provider's login to the redirect back to Warmflow; returns that callback URL.
   */
  authorize(authorizationUrl: string): Promise<URL>
  stop(): Promise<void>
}

/**
 * Starts the provider. Its login needs no form: the interaction endpoint signs in whoever
 * {@link OidcTestProvider.next} names and grants the requested scopes, over plain HTTP
 * redirects, so a test drives it like a browser would.
 *
 * @example
 * const idp = await startOidcProvider('http://127.0.0.1/api/v1/auth/oidc/callback')
 */
export async function startOidcProvider(redirectUrl: string): Promise<OidcTestProvider> {
  const accounts = new Map<string, OidcTestAccount>()
  const clientId = 'warmflow'
  const clientSecret = randomBytes(24).toString('base64url')
  let provider: Provider | undefined
  const state: { next: OidcTestProvider['next'] } = { next: { deny: true } }

  async function interaction(req: IncomingMessage, res: ServerResponse, p: Provider) {
    const details = await p.interactionDetails(req, res)
    const next = state.next
    if ('deny' in next) {
      await p.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'cancelled' },
        { mergeWithLastSubmission: false },
      )
      return
    }
    const grant = new p.Grant({ accountId: next.subject, clientId: String(details.params.client_id) })
    grant.addOIDCScope(String(details.params.scope))
    const grantId = await grant.save()
    await p.interactionFinished(
      req,
      res,
      { login: { accountId: next.subject }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    )
  }

  const server = createServer((req, res) => {
    const p = provider
    if (!p) {
      res.statusCode = 503
      res.end()
      return
    }
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res, p).catch((error: unknown) => {
        res.statusCode = 500
        res.end(String(error))
      })
      return
    }
    void p.callback()(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUrl],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Scope claims go into the ID token, as Entra ID puts its optional claims there.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub)
      if (!account) return undefined
      return { accountId: sub, claims: async () => ({ sub, ...account }) }
    },
  })

  // A cookie jar for the provider's own session cookies, like a browser keeps.
  const jar = new Map<string, string>()
  async function get(url: string) {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const index = pair.indexOf('=')
      jar.set(pair.slice(0, index), pair.slice(index + 1))
    }
    await response.arrayBuffer()
    return response
  }

  return {
    issuer,
    clientId,
    clientSecret,
    redirectUrl,
    accounts,
    get next() {
      return state.next
    },
    set next(value) {
      state.next = value
    },
    async authorize(authorizationUrl) {
      jar.clear()
      let url = authorizationUrl
      for (let hop = 0; hop < 10; hop++) {
        const response = await get(url)
        const location = response.headers.get('location')
        if (response.status < 300 || response.status >= 400 || !location) {
          throw new Error(`provider answered ${response.status} at ${new URL(url).pathname}`)
        }
        const next = new URL(location, url)
        if (next.href.startsWith(redirectUrl)) return next
        url = next.href
      }
      throw new Error('too many redirects at the provider')
    },
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
