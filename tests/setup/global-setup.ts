import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  appUrlFor,
  createScratchDatabase,
  ensurePostgres,
  freePort,
  migrateAndGrant,
  startTemporalDevServer,
} from '@warmflow/cli/services'
import { generatePayloadKey, payloadKeysVariable } from '@warmflow/engine'
import { bundleInterpreterWorkflow } from '@warmflow/worker'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { createSideEffectTables } from '../fixtures/side-effect-plugin.js'

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string
    /** The role the API and workers run as: no DDL, the audit log append-only. */
    databaseUrl: string
    /** The owner of the test database (migrations, grants). */
    ownerDatabaseUrl: string
    workflowBundlePath: string
    /** `WARMFLOW_PAYLOAD_KEYS` for this run: workers and clients encrypt payloads with it. */
    payloadKeys: string
  }
}

/**
 * Starts the real services every integration test uses: a Temporal dev server (in memory, on
 * free ports) and a fresh PostgreSQL database for this run, migrated; and bundles the
 * interpreter workflow once so workers start fast.
 */
export default async function setup(project: TestProject) {
  const [temporal, adminUrl, bundle] = await Promise.all([
    freePort().then((port) => startTemporalDevServer({ port })),
    ensurePostgres(process.env),
    bundleInterpreterWorkflow(),
  ])
  const scratch = await createScratchDatabase(adminUrl, 'warmflow_test')
  const appUrl = appUrlFor(scratch.url)
  // The chaos tests' plugin writes its side effects to tables of its own. Making tables is the
  // owner's right, so they are made here, before the app's role gets its grants.
  const owner = new pg.Client({ connectionString: scratch.url })
  await owner.connect()
  try {
    await createSideEffectTables(owner)
  } finally {
    await owner.end()
  }
  await migrateAndGrant(scratch.url, appUrl)
  const dir = mkdtempSync(join(tmpdir(), 'warmflow-test-'))
  const workflowBundlePath = join(dir, 'workflow-bundle.js')
  writeFileSync(workflowBundlePath, bundle.code)

  project.provide('temporalAddress', temporal.address)
  project.provide('databaseUrl', appUrl)
  project.provide('ownerDatabaseUrl', scratch.url)
  project.provide('workflowBundlePath', workflowBundlePath)
  // A fresh key per test run; worker processes that tests spawn inherit it through the environment.
  const payloadKeys = process.env[payloadKeysVariable] || generatePayloadKey('test1')
  process.env[payloadKeysVariable] = payloadKeys
  project.provide('payloadKeys', payloadKeys)

  return async () => {
    await temporal.stop()
    await scratch.drop()
    rmSync(dir, { recursive: true, force: true })
  }
}
