/** An environment variable of a role command is missing or has a value it cannot use. */
export class RoleConfigError extends Error {
  readonly code = 'role.config'
  readonly retryable = false
  /** The variable's name (never its value: a URL may hold a password). */
  readonly variable: string

  constructor(variable: string, problem: string) {
    super(`Invalid configuration / ongeldige instellingen:\n  ${variable}: ${problem}`)
    this.name = 'RoleConfigError'
    this.variable = variable
  }
}

/**
 * The value of a variable a role command cannot run without.
 *
 * @example
 * const address = required(process.env, 'TEMPORAL_ADDRESS', 'host:port of Temporal / host:poort van Temporal')
 */
export function required(env: Record<string, string | undefined>, name: string, what: string): string {
  const value = env[name]?.trim()
  if (!value) throw new RoleConfigError(name, `not set / niet ingesteld (${what})`)
  return value
}
