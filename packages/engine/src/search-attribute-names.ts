// Without imports: `warmflow start`'s supervisor needs these names, not the Temporal SDK.

/**
 * Warmflow's custom search attributes with the type names the Temporal CLI expects, for
 * `temporal server start-dev --search-attribute` or `temporal operator search-attribute create`.
 * A run's status needs none: Temporal's own `ExecutionStatus` has it.
 *
 * @example
 * for (const [name, type] of Object.entries(warmflowSearchAttributes)) args.push('--search-attribute', `${name}=${type}`)
 */
export const warmflowSearchAttributes: Record<string, string> = {
  WarmflowFlowId: 'Keyword',
  WarmflowFlowVersion: 'Int',
  WarmflowTeamId: 'Keyword',
}
