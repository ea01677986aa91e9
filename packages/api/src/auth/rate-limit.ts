/** A limit: at most `max` events per `windowMs` for one key. */
export interface RateLimit {
  max: number
  windowMs: number
}

/**
 * A fixed-window counter per key, held in memory. Good for one API process; behind several
 * processes each counts on its own, which still bounds guessing (the per-account lockout
 * in the database holds across processes).
 *
 * @example
 * const limiter = createRateLimiter({ max: 20, windowMs: 300_000 })
 * if (!limiter.hit(ip)) throw tooManyRequests()
 */
export function createRateLimiter(limit: RateLimit) {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    /** Counts one event; false when the key is over its limit. */
    hit(key: string, now = Date.now()): boolean {
      let window = windows.get(key)
      if (!window || now - window.start >= limit.windowMs) {
        window = { start: now, count: 0 }
        windows.set(key, window)
        if (windows.size > 10_000) {
          for (const [k, w] of windows) if (now - w.start >= limit.windowMs) windows.delete(k)
        }
      }
      window.count += 1
      return window.count <= limit.max
    },
    /** Seconds until the key's window ends. */
    retryAfterSeconds(key: string, now = Date.now()): number {
      const window = windows.get(key)
      return window ? Math.max(1, Math.ceil((window.start + limit.windowMs - now) / 1000)) : 1
    },
  }
}

/** A rate limiter made by {@link createRateLimiter}. */
export type RateLimiter = ReturnType<typeof createRateLimiter>
