/**
 * Access to Warmflow's own tables (volunteers, clients, intakes, progress reports, notifications,
 * the e-mail delivery log) for nodes that need them. The worker injects one implementation
 * (PostgreSQL, see `createPostgresRecordStore` in `@warmflow/store`); a node reads it from
 * `ctx.records` and never opens a database connection of its own.
 *
 * Table and column names are checked against a fixed catalogue by the implementation; values
 * always travel as query parameters.
 */
export interface RecordStore {
  /** Inserts a row and returns it as stored (with generated id and timestamps). */
  insert(table: string, values: Record<string, unknown>): Promise<Record<string, unknown>>
  /**
   * Inserts a row unless one with the same key exists. Returns the new row, or `undefined` when
   * the key was already taken (used for idempotency logs).
   */
  insertIfAbsent(table: string, values: Record<string, unknown>): Promise<Record<string, unknown> | undefined>
  /** Reads one row by its key; `undefined` when it does not exist. */
  get(table: string, key: string): Promise<Record<string, unknown> | undefined>
  /** Changes fields of one row; returns the row after the change, `undefined` when it does not exist. */
  update(
    table: string,
    key: string,
    values: Record<string, unknown>,
  ): Promise<Record<string, unknown> | undefined>
  /** Deletes one row by key; true when a row was deleted. */
  remove(table: string, key: string): Promise<boolean>
  /** Rows whose fields equal the given values, newest first, at most `limit` (default 100, max 1000). */
  find(table: string, query?: RecordQuery): Promise<Record<string, unknown>[]>
  /**
   * The workflow ids of a run and of the runs it retries ("retry" starts a new run with the same
   * input), newest first: the run itself, then the run it retried, and so on to the original.
   * Empty when the run has no row. Side effects keyed by the original's id happen once per
   * chain, however often it is retried.
   */
  retryChain?(runId: string): Promise<string[]>
}

/** A simple equality filter for {@link RecordStore.find}. */
export interface RecordQuery {
  where?: Record<string, string | number | boolean | null>
  limit?: number
}
