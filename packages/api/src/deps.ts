import type { Client } from '@temporalio/client'
import type { LocalizedText, NodeRegistry, OutputStore } from '@warmflow/engine'
import {
  createPostgresTaskStore,
  type Database,
  type PostgresStores,
  type PostgresTaskStore,
} from '@warmflow/store'
import type { Kysely } from 'kysely'
import type { OidcSettings } from './auth/oidc.js'
import type { LockoutPolicy } from './auth/provider.js'
import type { RateLimit } from './auth/rate-limit.js'
import type { SessionLifetime } from './auth/sessions.js'
import type { HttpObservability } from './http/observe.js'

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
    /**
     * A client on the connection of a worker in this process (its `NativeConnection`), with the
     * same data converter as `client`. When set, runs start with Temporal's eager workflow start:
     * the start's answer carries the run's first workflow task to that worker, one round trip
     * through Temporal's task queue fewer. Only for a worker polling `taskQueue` in this process,
     * as under `warmflow start`; every other call goes through `client`.
     */
    eagerStart?: Client
  }
  registry: NodeRegistry
  /**
   * The stores of `createPostgresStores(db, keys)` from `@warmflow/store`, wired once with the
   * workers' keys: the inbox reads tasks through `taskStore`, and a run's answer and output read
   * node outputs too large for Temporal from `outputs` instead of showing `{ "$ref": … }`.
   * Without a task store the app makes one on `db`; without `outputs` such outputs are shown as
   * their reference. Erasing a person destroys run keys through `runKeys` (the same store the
   * payload codec reads, so this process forgets them at once).
   */
  stores?: Partial<Pick<PostgresStores, 'taskStore' | 'outputs' | 'runKeys'>>
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
  /** Human tasks: how long a decision waits for its run to take it (default 20 s), then 503. */
  tasks?: { decisionTimeoutMs?: number }
  /** Server-sent event streams: how often they poll (ms) and how long one stream lives. */
  events?: { pollMs?: number; maxStreamMs?: number }
  /** Public intake forms: submissions per client address (default 10 per minute). */
  forms?: { rateLimit?: RateLimit }
  /**
   * The local test outbox of `warmflow start` without an SMTP credential: the folder its
   * messages are stored in, read by `GET /api/v1/outbox`. Absent: e-mail goes to a real server.
   */
  outbox?: { dir: string }
  /**
   * Production (`WARMFLOW_ENV=production`): a manual start, test run or retry of a flow that
   * sends e-mail is refused (409) while its team has no SMTP credential of the name it uses, and
   * so is publishing such a flow when a form, webhook or schedule starts it.
   */
  requireSmtpCredential?: boolean
  /** Plugins that failed to load (from `loadPlugins`), shown by `GET /api/v1/plugins`. */
  pluginFailures?: readonly { name: string; spec: string; code: string; text: LocalizedText }[]
  /** Request logs and metrics (`warmflow api`); every request gets an `X-Request-Id` either way. */
  observe?: HttpObservability
}

/** {@link AppDeps} with the stores the routes use, as {@link createApp} hands them on. */
export interface WiredDeps extends AppDeps {
  stores: {
    taskStore: PostgresTaskStore
    outputs?: OutputStore | undefined
    runKeys?: PostgresStores['runKeys'] | undefined
  }
}

/**
 * Fills in the stores the caller did not give: the one place the API wires a store itself (a
 * task store on `db`, when `deps.stores` has none).
 *
 * @example
 * const deps = wireStores({ db, temporal, registry, stores: createPostgresStores(db, keys) })
 */
export function wireStores(deps: AppDeps): WiredDeps {
  return {
    ...deps,
    stores: { ...deps.stores, taskStore: deps.stores?.taskStore ?? createPostgresTaskStore(deps.db) },
  }
}
