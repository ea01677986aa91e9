import { createHash } from 'node:crypto'
import type { Database } from '@warmflow/store'
import { type Kysely, sql } from 'kysely'

/** A limit: at most `max` events per `windowMs` for one key. */
export interface RateLimit {
  max: number
  windowMs: number
}

/** What one counted event came to. */
export interface RateLimitHit {
  /** False when the key is over its limit in this window. */
  allowed: boolean
  /** Seconds until the key's window ends (at least 1). */
  retryAfterSeconds: number
}

/** Ended windows are pruned at most this often per limiter. */
const pruneEveryMs = 60_000

/**
 * A fixed-window counter per key in PostgreSQL (`rate_limits`): every API process on the same
 * database counts together, and a restart forgets nothing. Each event is one atomic upsert, so
 * concurrent attempts all count; the window starts at the key's first event and the database's
 * clock decides. Keys are stored as sha256 (a client address is personal data); rows of ended
 * windows are pruned.
 *
 * @example
 * const limiter = createSharedRateLimiter(db, 'login:ip', { max: 30, windowMs: 300_000 })
 * const { allowed, retryAfterSeconds } = await limiter.hit(ip)
 */
export function createSharedRateLimiter(db: Kysely<Database>, bucket: string, limit: RateLimit) {
  let prunedAt = 0
  async function prune(now: number) {
    if (now - prunedAt < pruneEveryMs) return
    prunedAt = now
    await db.deleteFrom('rate_limits').where('window_ends_at', '<', sql<Date>`now()`).execute()
  }
  return {
    /** Counts one event for the key. */
    async hit(key: string): Promise<RateLimitHit> {
      await prune(Date.now())
      const keyHash = createHash('sha256').update(key).digest('hex')
      const row = await db
        .insertInto('rate_limits')
        .values({
          bucket,
          key_hash: keyHash,
          hits: 1,
          window_ends_at: sql<Date>`now() + ${limit.windowMs} * interval '1 millisecond'`,
        })
        .onConflict((oc) =>
          oc.columns(['bucket', 'key_hash']).doUpdateSet((eb) => {
            // The stored window has ended: this event opens a new one.
            const ended = eb('rate_limits.window_ends_at', '<=', sql<Date>`now()`)
            return {
              hits: eb
                .case()
                .when(ended)
                .then(1)
                .else(eb('rate_limits.hits', '+', 1))
                .end(),
              window_ends_at: eb
                .case()
                .when(ended)
                .then(eb.ref('excluded.window_ends_at'))
                .else(eb.ref('rate_limits.window_ends_at'))
                .end(),
            }
          }),
        )
        .returning([
          'hits',
          sql<number>`greatest(1, ceil(extract(epoch from (window_ends_at - now()))))::int`.as('retry_after'),
        ])
        .executeTakeFirstOrThrow()
      return { allowed: row.hits <= limit.max, retryAfterSeconds: row.retry_after }
    },
  }
}

/** A rate limiter made by {@link createSharedRateLimiter}. */
export type SharedRateLimiter = ReturnType<typeof createSharedRateLimiter>
