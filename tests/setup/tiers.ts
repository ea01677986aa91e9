// Which test file runs in which tier. vitest.config.ts builds its three projects from this, and
// tests/setup/tiers.test.ts checks that every *.test.ts in the repository lands in exactly one.

/** The three test tiers, each a vitest project: `pnpm test:unit`, `test:integration`, `test:e2e`. */
export type Tier = 'unit' | 'integration' | 'e2e'

/**
 * Tests beside the code that need the test run's PostgreSQL or Temporal (through `inject`, or by
 * starting them): they run with the integration tier. Every other test under `packages/` and
 * `examples/` is a unit test and must not need a service.
 */
export const integrationBesideCode: readonly string[] = [
  'packages/cli/src/people/import-volunteers.test.ts',
  'packages/cli/src/seed-demo.test.ts',
  'packages/cli/src/seed-impact.test.ts',
  'packages/cli/src/start-signals.test.ts',
  'packages/cli/src/services/scratch-database.test.ts',
  'packages/cli/src/services/temporal-guard.test.ts',
  'packages/nodes/src/email/email.test.ts',
  'packages/nodes/src/matching/match-volunteers.test.ts',
  'packages/nodes/src/notify/inbox-notify.test.ts',
  'packages/nodes/src/postgres/postgres-query.test.ts',
  'packages/nodes/src/records/records.test.ts',
]

/** The files of each tier as vitest globs, relative to the repository root. */
export const tierFiles: Record<Tier, { include: string[]; exclude: string[] }> = {
  unit: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'tests/setup/**/*.test.ts'],
    exclude: [...integrationBesideCode],
  },
  integration: {
    include: ['tests/integration/**/*.test.ts', ...integrationBesideCode],
    exclude: [],
  },
  e2e: {
    include: ['tests/e2e/**/*.test.ts'],
    exclude: [],
  },
}

/**
 * What a unit test must not contain: each marks a test that needs the services the global setup
 * starts (PostgreSQL, Temporal) or a browser. A unit file with one of these belongs in
 * {@link integrationBesideCode} (or under `tests/`).
 */
export const serviceMarkers: readonly RegExp[] = [
  /\binject\(/,
  /\binject as\b/,
  /from 'pg'/,
  /from '@warmflow\/cli\/services'/,
  /\b(ensurePostgres|createScratchDatabase|startTemporalDevServer)\(/,
  /\bTestWorkflowEnvironment\.create/,
  /from 'playwright(-core)?'/,
  /from '[^']*support\/(platform|worker-process)(\.js)?'/,
]
