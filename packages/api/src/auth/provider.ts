import type { Database } from '@warmflow/store'
import type { Kysely } from 'kysely'
import { verifyDummy, verifyPassword } from './passwords.js'
import { normaliseEmail } from './users.js'

/** What a sign-in attempt came to. */
export type AuthOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: 'invalid'; userId?: string }
  | { ok: false; reason: 'locked'; userId: string; lockedUntil: Date }

/**
 * A way to sign in. The session, CSRF, roles and teams do not depend on how a user proved who
 * they are: a provider only answers "which user is this". Password sign-in is one provider;
 * single sign-on through OpenID Connect (e.g. Microsoft Entra ID, `oidcRelyingParty` in
 * `oidc.ts`) is another, with `kind: 'redirect'` (see docs/auth.md).
 */
export interface AuthProvider {
  /** Stored with the session, e.g. `password` or `oidc:entra`. */
  readonly id: string
  readonly kind: 'credentials' | 'redirect'
}

/** A provider that checks an e-mail address and a password. */
export interface CredentialsAuthProvider extends AuthProvider {
  readonly kind: 'credentials'
  authenticate(input: { email: string; password: string }): Promise<AuthOutcome>
}

/** Lockout after repeated failures for one account. */
export interface LockoutPolicy {
  maxFailures: number
  lockMinutes: number
}

/** Five wrong passwords lock an account for fifteen minutes. */
export const defaultLockout: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 }

/**
 * Password sign-in against the `users` table (argon2id), with lockout after repeated failures.
 * The failure count and the lock live in the user's row, changed in one statement, so every API
 * process sees them and a restart keeps them. Unknown accounts take as long as known ones.
 *
 * @example
 * const outcome = await passwordProvider(db).authenticate({ email, password })
 */
export function passwordProvider(
  db: Kysely<Database>,
  lockout: LockoutPolicy = defaultLockout,
): CredentialsAuthProvider {
  return {
    id: 'password',
    kind: 'credentials',
    async authenticate({ email, password }) {
      const user = await db
        .selectFrom('users')
        .select(['id', 'password_hash', 'locked_until'])
        .where('email', '=', normaliseEmail(email))
        .where('disabled_at', 'is', null)
        .executeTakeFirst()
      if (!user?.password_hash) {
        await verifyDummy(password)
        return { ok: false, reason: 'invalid' }
      }
      if (user.locked_until && user.locked_until.getTime() > Date.now()) {
        return { ok: false, reason: 'locked', userId: user.id, lockedUntil: user.locked_until }
      }
      if (await verifyPassword(user.password_hash, password)) {
        await db
          .updateTable('users')
          .set({ failed_logins: 0, locked_until: null })
          .where('id', '=', user.id)
          .execute()
        return { ok: true, userId: user.id }
      }
      // One statement, so concurrent failures all count.
      const updated = await db
        .updateTable('users')
        .set((eb) => ({
          failed_logins: eb
            .case()
            .when('failed_logins', '>=', lockout.maxFailures - 1)
            .then(0)
            .else(eb('failed_logins', '+', 1))
            .end(),
          locked_until: eb
            .case()
            .when('failed_logins', '>=', lockout.maxFailures - 1)
            .then(new Date(Date.now() + lockout.lockMinutes * 60_000))
            .else(eb.ref('locked_until'))
            .end(),
        }))
        .where('id', '=', user.id)
        .returning(['locked_until'])
        .executeTakeFirst()
      const lockedUntil = updated?.locked_until
      return lockedUntil && lockedUntil.getTime() > Date.now()
        ? { ok: false, reason: 'locked', userId: user.id, lockedUntil }
        : { ok: false, reason: 'invalid', userId: user.id }
    },
  }
}
