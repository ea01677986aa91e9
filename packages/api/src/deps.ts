import type { Client } from '@temporalio/client'
import type { LocalizedText, NodeRegistry, OutputStore } from '@warmflow/engine'
import type { Database } from '@warmflow/store'
import type { Kysely } from 'kysely'
import type { OidcSettings } from './auth/oidc.js'
import type { LockoutPolicy } from './auth/provider.js'
import type { RateLimit } from './auth/rate-limit.js'
import type { SessionLifetime } from './auth/sessions.js'

/** Sign-in and session settings; every field has a safe default. */
export interface AuthSettings {
  /** Trust `X-Forwarded-For` / `X-Forwarded-Proto` (only behind your own reverse proxy). */
  trustProxy?: boolean
  session?: SessionLifetime
  /**
   * Sign-in attempts per client address (default 30 per 5 minutes), counted in PostgreSQL so
   * every API process on the database shares them.
   */
  loginRateLimit?: RateLimit
  /** Lockout of one account after repeated wrong passwords (default 5 → 15 minutes). */
  lockout?: LockoutPolicy
  /**
   * Single sign-on through OpenID Connect (`WARMFLOW_OIDC_*`); off when absent. The state
   * cookie is encrypted with a key derived from `credentialKey`, so API processes that share it
   * accept each other's sign-ins.
   */
  oidc?: OidcSettings
}

/** Everything the API needs from outside, handed to {@link createApp}. */
export interface AppDeps {
  db: Kysely<Database>
  temporal: {
    client: Client
    taskQueue: string
    /**
     * Start runs with Warmflow's search attributes (flow id, version, team). The namespace must
     * have them registered: the dev server that `warmflow start` and the tests start does; on a
     * cluster create them with `temporal operator search-attribute create` (see the README).
     */
    searchAttributes?: boolean
  }
  registry: NodeRegistry
  /**
   * Where the workers keep node outputs too large for Temporal (`outputs` of
   * `createPostgresStores` from `@warmflow/store`, with the same payload keys): a run's answer and its output are read from it instead of showing
   * `{ "$ref": … }`. Without it such outputs are shown as their reference.
   */
  outputs?: OutputStore
  /** Folder with the built editor; when set the API serves it at `/`. */
  editorDir?: string
  auth?: AuthSettings
  /**
   * 32-byte key for credentials and webhook secrets (AES-256-GCM). Without it, storing a
   * credential or making a webhook secret answers 503.
   */
  credentialKey?: Buffer
  /** Webhook settings: the longest a caller waits for a run's result (default 10 s). */
  webhooks?: { respondTimeoutMs?: number }
  /** Server-sent event streams: how often they poll (ms) and how long one stream lives. */
  events?: { pollMs?: number; maxStreamMs?: number }
  /** Public intake forms: submissions per client address (default 10 per minute). */
  forms?: { rateLimit?: RateLimit }
  /** Plugins that failed to load (from `loadPlugins`), shown by `GET /api/v1/plugins`. */
  pluginFailures?: readonly { name: string; spec: string; code: string; text: LocalizedText }[]
}
