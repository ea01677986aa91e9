import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '@warmflow/api/config'
import { startupBanner } from './services/banner.js'
import { ensureEditorBuilt } from './services/editor-build.js'
import type { LocalOutbox } from './services/outbox.js'
import { reportReadyToSupervisor, type Supervisor, superviseChild } from './services/supervise.js'
import { startTemporalDevServer, type TemporalDevServer, waitForTemporal } from './services/temporal.js'
import { stopTransformService } from './services/transform-service.js'
import { ensureWorkflowBundle, workflowBundleVariable } from './services/workflow-bundle.js'

// The supervisor of `warmflow start` imports only what it needs to start the Temporal dev server
// and the API+worker child: the API, worker, stores and nodes are loaded by that child alone
// (`startPlatform` imports them), so the supervisor stays small while the platform runs.

const editorDir = fileURLToPath(new URL('../../editor/dist/', import.meta.url))
/** The repository: where the editor's and the workflow bundle's sources are. */
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url))

function say(line: string) {
  process.stdout.write(`${line}\n`)
}

/** `WARMFLOW_ENV=production`: no local outbox; a flow's e-mail needs the team's SMTP credential. */
export function isProduction(env: NodeJS.ProcessEnv): boolean {
  return env.WARMFLOW_ENV === 'production'
}

/** The file worker, bundler and node output goes to, unless `WARMFLOW_VERBOSE=1`. */
export function logFileFor(dataDir: string): string {
  return join(dataDir, 'logs', 'warmflow.log')
}

/** Set for the API+worker process: where its standard error goes (the log file). */
const logFileVariable = 'WARMFLOW_LOG_FILE'

/** The last lines of the log file, for a start that failed while its output went there. */
function tailOf(file: string, lines: number): string[] {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines)
  } catch {
    return []
  }
}

/**
 * Runs the worker of `warmflow start` keeps in memory between workflow tasks
 * (`WARMFLOW_MAX_CACHED_WORKFLOWS`): enough for every run that is busy at once on one machine,
 * while thousands of runs waiting on people stay in Temporal, not in the worker's heap.
 */
export const defaultMaxCachedWorkflows = 250

/** `WARMFLOW_MAX_CACHED_WORKFLOWS` when it is a whole number from 2 to 100,000; otherwise the default. */
export function maxCachedWorkflowsFrom(env: NodeJS.ProcessEnv): number {
  const value = Number(env.WARMFLOW_MAX_CACHED_WORKFLOWS)
  return Number.isInteger(value) && value >= 2 && value <= 100_000 ? value : defaultMaxCachedWorkflows
}

/**
 * True when this process runs the compiled bundle of `warmflow start` (bin/warmflow.mjs), not the
 * TypeScript sources through tsx: no compiler to stop, and plugins need tsx loaded first.
 */
function runsCompiled(): boolean {
  return (globalThis as Record<symbol, unknown>)[Symbol.for('warmflow.compiled')] === true
}

/** Set by `warmflow start` in the environment of the API+worker process it supervises. */
export const supervisedChildVariable = 'WARMFLOW_SUPERVISED_CHILD'
/** Set for that child when the Temporal server is the dev server `warmflow start` started. */
const embeddedTemporalVariable = 'WARMFLOW_EMBEDDED_TEMPORAL'
const cliEntry = fileURLToPath(new URL('../bin/warmflow.mjs', import.meta.url))

/**
 * The Temporal frontend to use: `TEMPORAL_ADDRESS`, or a dev server started on the data folder.
 */
async function temporalFor(
  config: ReturnType<typeof loadConfig>,
  env: NodeJS.ProcessEnv,
  onLaunched?: (address: string) => void,
): Promise<{ temporal?: TemporalDevServer; address: string }> {
  if (config.temporal.address) {
    onLaunched?.(config.temporal.address)
    return { address: config.temporal.address }
  }
  say('Temporal: starting the dev server…')
  const temporal = await startTemporalDevServer({
    dbFile: `${config.dataDir}/temporal.db`,
    ...(env.WARMFLOW_TEMPORAL_PORT ? { port: Number(env.WARMFLOW_TEMPORAL_PORT) } : {}),
    uiPort: env.WARMFLOW_TEMPORAL_UI_PORT === undefined ? 0 : Number(env.WARMFLOW_TEMPORAL_UI_PORT),
    ...(onLaunched ? { onLaunched } : {}),
  })
  return { temporal, address: temporal.address }
}

/**
 * Start-up leaves much garbage (module loading, migrations, the worker's set-up) and a young
 * generation grown to its largest (some 30 MB), which V8 gives back only after a minute or more
 * at rest. One full collection that also shrinks the heap (as the heap profiler asks for it,
 * through this process's own inspector session: no port is opened) gives it back at once.
 */
async function giveBackStartupMemory(): Promise<void> {
  try {
    const { Session } = await import('node:inspector')
    const session = new Session()
    session.connect()
    await new Promise<void>((resolve) => session.post('HeapProfiler.collectGarbage', () => resolve()))
    session.disconnect()
  } catch {
    // A Node.js built without the inspector: V8 gives the memory back in its own time.
  }
}

/**
 * `warmflow start`: brings up the whole platform on the embedded default and stops everything
 * it started on Ctrl+C or SIGTERM. This process is a small supervisor: it starts the Temporal
 * dev server (under a guard that stops it if this process dies, and with a lock so a second
 * `warmflow start` on the same data folder is refused), then runs the API+worker as a child
 * process ({@link startPlatform}) and restarts it when it crashes (1 s, 2 s, 4 s, …; it gives up
 * after 5 quick crashes in a row).
 *
 * With `--build-editor` (as `pnpm start` runs it) it first builds the editor, but only when its
 * sources changed since the last build. The interpreter workflow's bundle is kept in the data
 * folder (`cache/`) and made again only when its sources change, in a short-lived process of its
 * own while the dev server starts, so webpack never runs in the platform's process.
 */
export async function start(
  env: NodeJS.ProcessEnv = process.env,
  args: readonly string[] = process.argv.slice(3),
): Promise<void> {
  if (env[supervisedChildVariable] === '1') return startPlatform(env)
  if (args.includes('--cluster')) return (await import('./cluster/index.js')).startCluster(env, args)
  const config = loadConfig(env)
  mkdirSync(config.dataDir, { recursive: true })
  if (args.includes('--build-editor')) await ensureEditorBuilt(repositoryRoot, { log: say })
  const bundling = env[workflowBundleVariable]
    ? Promise.resolve(env[workflowBundleVariable])
    : ensureWorkflowBundle(repositoryRoot, join(config.dataDir, 'cache'), { log: say })

  // Worker, bundler and node output goes to a log file; the terminal keeps what a person needs.
  const verbose = env.WARMFLOW_VERBOSE === '1'
  const logFile = logFileFor(config.dataDir)
  mkdirSync(join(config.dataDir, 'logs'), { recursive: true })
  const logFd = verbose ? undefined : openSync(logFile, 'a', 0o600)
  // The API+worker starts as soon as the dev server runs and the bundle is there: it loads its
  // code and migrates the database while the server gets ready, and waits for it before its worker.
  let platform: Supervisor | undefined
  let launched: (address: string) => void = () => undefined
  const serverRuns = new Promise<string>((resolve) => {
    launched = resolve
  })
  const temporalStarting = temporalFor(config, env, launched)
  const startPlatformChild = async () => {
    // A dev server that fails before it runs never calls `launched`: its failure ends the wait.
    const runs = Promise.race([serverRuns, temporalStarting.then((started) => started.address)])
    const [address, bundle] = await Promise.all([runs, bundling])
    platform = superviseChild({
      name: 'API+worker',
      command: process.execPath,
      args: [...process.execArgv, cliEntry, 'start'],
      env: {
        ...env,
        // glibc's malloc keeps an arena per thread that allocates; the child's threads (Temporal's
        // core, V8's, libuv's) share two, which holds less memory at rest.
        MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2',
        TEMPORAL_ADDRESS: address,
        [supervisedChildVariable]: '1',
        [workflowBundleVariable]: bundle,
        ...(config.temporal.address ? {} : { [embeddedTemporalVariable]: '1' }),
        ...(logFd === undefined ? {} : { [logFileVariable]: logFile }),
      },
      log: say,
      ...(logFd === undefined ? {} : { stderr: logFd }),
    })
    return platform
  }
  const [temporalStarted, childStarted] = await Promise.allSettled([temporalStarting, startPlatformChild()])
  if (temporalStarted.status === 'rejected' || childStarted.status === 'rejected') {
    await platform?.stop()
    if (temporalStarted.status === 'fulfilled') await temporalStarted.value.temporal?.stop()
    throw temporalStarted.status === 'rejected'
      ? temporalStarted.reason
      : (childStarted as PromiseRejectedResult).reason
  }
  const { temporal, address } = temporalStarted.value
  const running = childStarted.value
  // This process too is done loading once the child serves.
  void running.ready.then(() => setTimeout(() => void giveBackStartupMemory(), 1_000).unref())
  say(`Temporal: ${address}${temporal?.uiUrl ? ` (UI ${temporal.uiUrl})` : ''}`)
  let stopping = false
  const stop = async (why: string, exitCode: number) => {
    if (stopping) return
    stopping = true
    if (why) say(why)
    await running.stop()
    await temporal?.stop()
    process.exit(exitCode)
  }
  // Every signal, not only the first: under `pnpm start` Ctrl+C comes twice (from the terminal,
  // and from pnpm, which passes it on), and the second must not end this process mid-stop.
  process.on('SIGINT', () => void stop('', 0))
  process.on('SIGTERM', () => void stop('', 0))
  // Everything this process runs is loaded: no TypeScript compiler service stays beside it.
  if (!runsCompiled()) await stopTransformService()
  temporal?.process.once('exit', () => {
    void stop(
      'The Temporal dev server stopped unexpectedly; stopping Warmflow. / De Temporal-devserver is onverwacht gestopt; Warmflow stopt.',
      1,
    )
  })
  const end = await running.done
  if (logFd !== undefined) closeSync(logFd)
  if (end.reason !== 'stopped' && logFd !== undefined) {
    say(`The last lines of ${logFile} / de laatste regels van het logbestand:`)
    for (const line of tailOf(logFile, 20)) say(`  ${line}`)
  }
  if (end.reason !== 'stopped') await stop('', 1)
}

/**
 * The API+worker process of `warmflow start` (or all of Warmflow in one process, when started
 * without a supervisor and without `TEMPORAL_ADDRESS`): PostgreSQL, migrations, example flows, a
 * worker, the API and the editor.
 */
export async function startPlatform(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const startedAt = Date.now()
  const [
    { Client },
    { Runtime },
    { connectApiTemporal, ensureFirstAdmin, startServer },
    { createEncryptionCodec, createSealer, largeOutputBytesFromEnv, loadPayloadKeys, warmflowDataConverter },
    { ensurePseudonymKey },
    { createDb, createPostgresStores, loadCredentialKey },
    {
      createLog,
      createWarmflowWorker,
      createWorkerLogger,
      defaultWorkflowHeapMb,
      formatPluginFailures,
      logFormatFromEnv,
      nodeLogTo,
      observeActivities,
      resolvePluginReferences,
      temporalLoggerTo,
    },
    { seedExampleFlows },
    { seedDemoData },
    { migrateAndGrant },
    { requireSmtpCredential, startLocalOutbox, withLocalOutbox },
    { ensureDatabase },
    { describeFlowsWithoutSmtp, flowsWithoutSmtp },
  ] = await Promise.all([
    import('@temporalio/client'),
    import('@temporalio/worker'),
    import('@warmflow/api'),
    import('@warmflow/engine'),
    import('@warmflow/nodes'),
    import('@warmflow/store'),
    import('@warmflow/worker'),
    import('./seed.js'),
    import('./seed-demo.js'),
    import('./services/database.js'),
    import('./services/outbox.js'),
    import('./services/postgres.js'),
    import('./services/smtp-check.js'),
  ])
  const supervised = env[supervisedChildVariable] === '1'
  const config = loadConfig(env)
  mkdirSync(config.dataDir, { recursive: true })
  // We stop the worker ourselves, after the HTTP server, so in-flight requests finish first.
  // Temporal's log lines keep an error's kind, never its message (it may hold a client's data).
  // WARMFLOW_LOG_FORMAT=json: Temporal's, the nodes' and the API's request lines as JSON on
  // standard error (the log file); readable text otherwise.
  const jsonLog =
    logFormatFromEnv(env) === 'json'
      ? createLog({ format: 'json', service: 'warmflow', write: (line) => process.stderr.write(line) })
      : undefined
  Runtime.install({ shutdownSignals: [], logger: jsonLog ? temporalLoggerTo(jsonLog) : createWorkerLogger() })
  // Every payload is encrypted before it reaches Temporal; the key lives in the data dir (or env).
  const payloadKeys = loadPayloadKeys(env, config.dataDir)
  const largeOutputBytes = largeOutputBytesFromEnv(env)
  const credentialKey = loadCredentialKey(env, config.dataDir)
  // The key that encrypts pseudonymise's placeholder mapping; same idea, its own file. The
  // in-process worker's nodes read it from process.env.
  ensurePseudonymKey(env, config.dataDir)
  process.env.WARMFLOW_PSEUDONYM_KEY ??= env.WARMFLOW_PSEUDONYM_KEY

  const { temporal, address } = await temporalFor(config, env)
  if (!supervised) say(`Temporal: ${address}${temporal?.uiUrl ? ` (UI ${temporal.uiUrl})` : ''}`)

  const { ownerUrl, appUrl: databaseUrl } = await ensureDatabase(env)
  const { migrated, auditProtected } = await migrateAndGrant(ownerUrl, databaseUrl)
  // One pool for the API and every store, as large as the two pools (API and records) it replaces.
  const db = createDb(databaseUrl, { max: 14 })
  say(`PostgreSQL: ready${migrated.length ? `, applied ${migrated.join(', ')}` : ''}`)
  if (!auditProtected) {
    say(
      'PostgreSQL: the app runs as the owner role, so it could change the audit log; set DATABASE_MIGRATION_URL.',
    )
  }
  // Shown last, in the closing block, so later output never scrolls it away.
  const firstAdmin = await ensureFirstAdmin(db)

  // Outputs over 256 KB (WARMFLOW_LARGE_OUTPUT_BYTES) go to PostgreSQL, sealed with the payload keys;
  // the worker writes them and the API reads them back (a webhook's answer, a run's output).
  const stores = createPostgresStores(db, { credentialKey, sealer: createSealer(payloadKeys) })
  // Each run's payloads are encrypted with a data key of its own (run_keys), which erasing the
  // person destroys; the API and the worker share the codec and its key cache.
  const payloadCodecs = [createEncryptionCodec({ keys: payloadKeys, runKeys: stores.runKeys })]
  // Without an SMTP credential e-mail goes to a local outbox (an SMTP server on 127.0.0.1 that
  // stores what it gets), never to anyone; production has none and says what is missing.
  let outbox: LocalOutbox | undefined
  if (isProduction(env)) {
    stores.secrets = requireSmtpCredential(stores.secrets)
  } else {
    outbox = await startLocalOutbox({ dir: join(config.dataDir, 'outbox'), log: say })
    stores.secrets = withLocalOutbox(stores.secrets, outbox.credential)
  }
  // Under `warmflow start` the dev server may still be getting ready (see `start`).
  if (env[embeddedTemporalVariable] === '1') await waitForTemporal(address, 60_000)
  // The same list the API's node catalogue is built from: WARMFLOW_PLUGINS and warmflow.config.json.
  const plugins = resolvePluginReferences({ env, dataDir: config.dataDir })
  // A plugin is TypeScript or imports @warmflow/engine's sources: compiled code loads tsx for it.
  const typescript = !runsCompiled() || plugins.length > 0
  if (runsCompiled() && plugins.length > 0) (await import('tsx/esm/api')).register()
  const {
    worker,
    registry,
    pluginFailures,
    connection: workerConnection,
  } = await createWarmflowWorker({
    address,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    plugins,
    ...stores,
    payloadCodecs,
    ...(largeOutputBytes ? { largeOutputBytes } : {}),
    // Runs waiting on a person leave the cache and are replayed when they go on: bounded memory.
    maxCachedWorkflows: maxCachedWorkflowsFrom(env),
    // The workflow thread's heap limit follows the cache: V8 then collects its garbage sooner.
    workflowHeapMb: defaultWorkflowHeapMb(maxCachedWorkflowsFrom(env)),
    // Made by the supervisor (see `start`); bundled here with webpack only when run on its own.
    ...(env[workflowBundleVariable]
      ? { workflowBundle: { code: readFileSync(env[workflowBundleVariable], 'utf8') } }
      : {}),
    // Warmflow's daily retention job (WARMFLOW_AUDIT_RETENTION_DAYS for the audit log's term).
    retentionSchedule: true,
    ...(env.WARMFLOW_IN_FLIGHT_DIR?.trim()
      ? { inFlightDir: resolve(env.WARMFLOW_IN_FLIGHT_DIR.trim()) }
      : {}),
    ...(jsonLog ? { nodeLog: nodeLogTo(jsonLog), activityInterceptors: [observeActivities()] } : {}),
  })
  for (const line of formatPluginFailures(pluginFailures)) say(line)
  const workerDone = worker.run()

  const seeded = await seedExampleFlows(db, registry)
  if (seeded.length) say(`Example flows added: ${seeded.join(', ')}`)
  const demo = await seedDemoData(db)
  if (demo.volunteers) say(`Demo data added: ${demo.volunteers} volunteers, ${demo.intakes} intakes`)

  // Short deadlines and few retries: while Temporal is down the API answers 503 within 2 s.
  const client = await connectApiTemporal({ address, namespace: config.temporal.namespace, payloadCodecs })
  // Runs start on the worker in this process (eager workflow start): the start's answer carries
  // the run's first workflow task, one trip through Temporal's task queue fewer.
  const eagerStart = new Client({
    connection: workerConnection,
    namespace: config.temporal.namespace,
    dataConverter: warmflowDataConverter(payloadCodecs),
  })
  const server = await startServer(
    {
      db,
      registry,
      temporal: {
        client,
        eagerStart,
        taskQueue: config.temporal.taskQueue,
        // The dev server started here registers them; a cluster only when the operator says so.
        searchAttributes:
          config.temporal.searchAttributes === 'on' ||
          (config.temporal.searchAttributes === 'auto' &&
            (temporal !== undefined || env[embeddedTemporalVariable] === '1')),
      },
      editorDir,
      pluginFailures,
      credentialKey,
      stores,
      ...(outbox ? { outbox: { dir: outbox.dir } } : {}),
      requireSmtpCredential: isProduction(env),
      // Single sign-on only when WARMFLOW_OIDC_* is set; the state cookie's key derives from credentialKey.
      ...(config.oidc ? { auth: { oidc: config.oidc } } : {}),
      ...(jsonLog ? { observe: { log: jsonLog } } : {}),
    },
    { port: config.port, host: config.host },
  )
  if (config.oidc) say(`Single sign-on: ${config.oidc.issuer} (callback ${config.oidc.redirectUrl})`)
  say(`Started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`)
  // Production sends no e-mail to a test outbox: say which flows cannot send before they run.
  const warnings = isProduction(env) ? describeFlowsWithoutSmtp(await flowsWithoutSmtp(db, registry)) : []
  say('')
  for (const line of startupBanner({
    url: server.url,
    logFile: env[logFileVariable],
    outboxUrl: outbox ? `${server.url.replace(/\/$/, '')}/outbox` : undefined,
    warnings,
    firstAdmin,
  }))
    say(line)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    say(`\n${signal}: stopping Warmflow…`)
    await server.close()
    worker.shutdown()
    await workerDone.catch(() => undefined)
    await workerConnection.close()
    await client.connection.close()
    await outbox?.stop()
    await db.destroy()
    await temporal?.stop()
    say('Stopped.')
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
  // Under `warmflow start`: say we serve, and stop when the supervisor is gone (even kill -9).
  reportReadyToSupervisor(() => void stop('supervisor gone'))
  if (typescript) await stopTransformService()
  setTimeout(() => void giveBackStartupMemory(), 1_000).unref()
}
