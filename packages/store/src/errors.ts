/** PostgreSQL's SQLSTATE for a unique or primary-key constraint that a write would break. */
const uniqueViolation = '23505'

/**
 * Whether a database error is a unique-constraint violation (SQLSTATE 23505), optionally of one
 * named constraint. Use it where a concurrent writer may have made the same row first.
 *
 * @example
 * try {
 *   await db.insertInto('teams').values({ name }).execute()
 * } catch (error) {
 *   if (isUniqueViolation(error, 'teams_name_key')) return alreadyThere()
 *   throw error
 * }
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, constraint: violated } = error as { code?: unknown; constraint?: unknown }
  return code === uniqueViolation && (constraint === undefined || violated === constraint)
}
