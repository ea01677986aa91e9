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

/** What the setup starts once per test run, whichever tiers run. */
interface Services {
  temporalAddress: string
  databaseUrl: string
  ownerDatabaseUrl: string
  workflowBundlePath: string
  payloadKeys: string
  stop(): Promise<void>
}

/**
 * The integration and e2e projects both name this setup; vitest calls it once per project, in
 * one process. The services are started by the first call and stopped after the last teardown,
 * so both tiers share one Temporal dev server and one database, as a single project did.
 */
const shared = Symbol.for('warmflow.test.services')
type SharedServices = { services: Promise<Services>; users: number }
const registry = globalThis as typeof globalThis & { [shared]?: SharedServices }

/**
 * Starts the real services every integration and browser test uses: a Temporal dev server (in
 * memory, on free ports) and a fresh PostgreSQL database for this run, migrated; and bundles the
 * interpreter workflow once so workers start fast. The unit project does not run it.
 */
export default async function setup(project: TestProject) {
  registry[shared] ??= { services: startServices(), users: 0 }
  const entry = registry[shared]
  entry.users += 1
  const services = await entry.services
  project.provide('temporalAddress', services.temporalAddress)
  project.provide('databaseUrl', services.databaseUrl)
  project.provide('ownerDatabaseUrl', services.ownerDatabaseUrl)
  project.provide('workflowBundlePath', services.workflowBundlePath)
  project.provide('payloadKeys', services.payloadKeys)

  return async () => {
    entry.users -= 1
    if (entry.users > 0) return
    delete registry[shared]
    await services.stop()
  }
}

async function startServices(): Promise<Services> {
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
  // A fresh key per test run; worker processes that tests spawn inherit it through the environment.
  const payloadKeys = process.env[payloadKeysVariable] || generatePayloadKey('test1')
  process.env[payloadKeysVariable] = payloadKeys

  return {
    temporalAddress: temporal.address,
    databaseUrl: appUrl,
    ownerDatabaseUrl: scratch.url,
    workflowBundlePath,
    payloadKeys,
    async stop() {
      await temporal.stop()
      await scratch.drop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
