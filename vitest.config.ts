import { defineConfig } from 'vitest/config'
import { type Tier, tierFiles } from './tests/setup/tiers.js'

// Three tiers, one vitest project each (tests/setup/tiers.ts says which file runs where):
// `pnpm test:unit` needs no service and takes seconds; `pnpm test:integration` and
// `pnpm test:e2e` share one Temporal dev server and one PostgreSQL database, started by the
// global setup only when one of them runs. `pnpm test` runs all three.
const servicesSetup = ['tests/setup/global-setup.ts']

const project = (name: Tier, globalSetup: string[], options: { isolate?: boolean } = {}) => ({
  extends: true as const,
  test: { name, ...tierFiles[name], globalSetup, ...options },
})

export default defineConfig({
  test: {
    projects: [
      // Unit test files share their workers' loaded modules instead of loading them again per
      // file, which more than halves the tier's time; they keep no state between files and pass
      // in any order (`--sequence.shuffle`).
      project('unit', [], { isolate: false }),
      project('integration', servicesSetup),
      project('e2e', servicesSetup),
    ],
    reporters: ['default', './tests/setup/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration files each start a worker; two at a time suits a 2-core machine.
    maxWorkers: 2,
  },
})
