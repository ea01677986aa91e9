import { resolve } from 'node:path'
import { z } from 'zod'
import type { OidcSettings } from './auth/oidc.js'

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  WARMFLOW_SEARCH_ATTRIBUTES: z.enum(['auto', 'on', 'off']).default('auto'),
  WARMFLOW_TASK_QUEUE: z.string().min(1).default('warmflow'),
  WARMFLOW_DATA_DIR: z.string().min(1).default('.data'),
  WARMFLOW_PLUGINS: z.string().default(''),
  WARMFLOW_LOGIN_LIMIT: z.coerce.number().int().min(1).max(100_000).default(30),
  WARMFLOW_OIDC_ISSUER: z.string().url().optional(),
  WARMFLOW_OIDC_CLIENT_ID: z.string().min(1).optional(),
  WARMFLOW_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  WARMFLOW_OIDC_REDIRECT_URL: z.string().url().optional(),
  WARMFLOW_OIDC_LABEL: z.string().trim().min(1).max(60).optional(),
  WARMFLOW_OIDC_AUTO_CREATE: z
    .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'])
    .default('false')
    .transform((v) => v === 'true' || v === '1' || v === 'on' || v === 'yes'),
})

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** Single sign-on settings, or a list of what is wrong with them. */
function oidcSettings(e: z.infer<typeof schema>): { settings?: OidcSettings; problems: string[] } {
  const given = [
    e.WARMFLOW_OIDC_ISSUER,
    e.WARMFLOW_OIDC_CLIENT_ID,
    e.WARMFLOW_OIDC_CLIENT_SECRET,
    e.WARMFLOW_OIDC_REDIRECT_URL,
  ]
  if (given.every((v) => v === undefined)) return { problems: [] }
  const problems: string[] = []
  const required = ['WARMFLOW_OIDC_ISSUER', 'WARMFLOW_OIDC_CLIENT_ID', 'WARMFLOW_OIDC_REDIRECT_URL'] as const
  for (const name of required) {
    if (e[name] === undefined)
      problems.push(`  ${name}: required for single sign-on / nodig voor single sign-on`)
  }
  for (const name of ['WARMFLOW_OIDC_ISSUER', 'WARMFLOW_OIDC_REDIRECT_URL'] as const) {
    const value = e[name]
    if (value === undefined) continue
    const url = new URL(value)
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopbackHosts.has(url.hostname))) {
      problems.push(`  ${name}: must be an https URL / moet een https-adres zijn`)
    }
  }
  if (
    problems.length > 0 ||
    !e.WARMFLOW_OIDC_ISSUER ||
    !e.WARMFLOW_OIDC_CLIENT_ID ||
    !e.WARMFLOW_OIDC_REDIRECT_URL
  ) {
    return { problems }
  }
  return {
    problems,
    settings: {
      issuer: e.WARMFLOW_OIDC_ISSUER,
      clientId: e.WARMFLOW_OIDC_CLIENT_ID,
      ...(e.WARMFLOW_OIDC_CLIENT_SECRET ? { clientSecret: e.WARMFLOW_OIDC_CLIENT_SECRET } : {}),
      redirectUrl: e.WARMFLOW_OIDC_REDIRECT_URL,
      label: e.WARMFLOW_OIDC_LABEL ?? 'SSO',
      autoCreate: e.WARMFLOW_OIDC_AUTO_CREATE,
    },
  }
}

/** Warmflow's settings, read from environment variables (see the README's table). */
export interface WarmflowConfig {
  port: number
  host: string
  databaseUrl: string | undefined
  temporal: {
    address: string | undefined
    namespace: string
    taskQueue: string
    /** Start runs with Warmflow's search attributes; `auto`: only on the dev server Warmflow starts. */
    searchAttributes: 'auto' | 'on' | 'off'
  }
  dataDir: string
  plugins: string[]
  /** Single sign-on through OpenID Connect; undefined (off) unless `WARMFLOW_OIDC_ISSUER` is set. */
  oidc: OidcSettings | undefined
  /**
   * Sign-in attempts per client address per 5 minutes (`WARMFLOW_LOGIN_LIMIT`, default 30): raise
   * it when many staff sign in from one address (an office behind one NAT address).
   */
  loginLimit: number
}

/**
 * Reads the configuration from environment variables and says clearly which one is wrong.
 *
 * @example
 * const config = loadConfig(process.env)
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): WarmflowConfig {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid configuration / ongeldige instellingen:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  const oidc = oidcSettings(e)
  if (oidc.problems.length > 0) {
    throw new Error(`Invalid configuration / ongeldige instellingen:\n${oidc.problems.join('\n')}`)
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      searchAttributes: e.WARMFLOW_SEARCH_ATTRIBUTES,
      taskQueue: e.WARMFLOW_TASK_QUEUE,
    },
    dataDir: resolve(e.WARMFLOW_DATA_DIR),
    plugins: e.WARMFLOW_PLUGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    oidc: oidc.settings,
    loginLimit: e.WARMFLOW_LOGIN_LIMIT,
  }
}
