import { createHash, randomUUID } from 'node:crypto'
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client'
import {
  buildRunInput,
  type FlowDefinition,
  hasRunKey,
  interpreterWorkflowType,
  type RunFlowInput,
  runSearchAttributes,
  snapshotFlow,
} from '@warmflow/engine'
import { isUniqueViolation, linkRunSubjects, type RunRow } from '@warmflow/store'
import type { Context } from 'hono'
import { type AuditEvent, auditRow } from '../audit.js'
import type { AppDeps } from '../deps.js'
import { ApiError, ServiceUnavailableError } from '../problems.js'
import { subjectHasherOf } from '../subjects/hasher.js'
import { subjectIdentifiersOf } from '../subjects/identify.js'
import { type RunSource, runSourceOf } from './repository.js'
import { ensureSmtpCredentials } from './smtp-credentials.js'
import { checkStartInput } from './start-input.js'
import { startingStatus } from './status.js'

/** What {@link startRun} needs. */
export interface StartRunRequest {
  flowId: string
  teamId: string
  input: Record<string, unknown>
  trigger: 'manual' | 'webhook' | 'form' | 'retry' | 'test'
  source?: RunSource | undefined
  startedBy: string | null
  idempotencyKey?: string | undefined
  retryOf?: string | undefined
  /**
   * Return once Temporal accepted the start, while the row is marked `running` and the start
   * audited (the caller must await `confirmed` before it answers): a caller that waits for the
   * run's result meanwhile saves that round trip.
   */
  confirmLater?: boolean
  /** The flow's row, when the caller read it already (saves reading it again). */
  flow?: KnownFlow | undefined
  /** Written in the statement that confirms the start, so a started run is always audited. */
  audit?: { c: Context; event: Omit<AuditEvent, 'objectId' | 'objectType' | 'teamId'> }
}

const runErased = new ApiError(409, 'run.erased', {
  nl: 'Deze aanvraag hoort bij een run waarvan de gegevens zijn gewist op verzoek van de persoon. Hij start niet opnieuw.',
  en: 'This request belongs to a run whose data was erased at the request of the person it was about. It does not start again.',
})

const conflict = (code: string, text: { nl: string; en: string }) => new ApiError(409, code, text)

/** A published version's definition and hash: a version never changes once published. */
interface PublishedVersion {
  definition: FlowDefinition
  hash: string
}

/**
 * The longest an eager start may take, retries included; then the API answers 503, within the
 * 2 s its client's short calls get.
 */
const eagerStartLimitMs = 1_500

/** The most published versions a process keeps in memory, per database. */
const maxCachedVersions = 200
const versionCaches = new WeakMap<object, Map<string, PublishedVersion>>()

/**
 * Reads a published version, from memory when this process read it before. Versions are
 * immutable (publishing makes a new one), so only the flow's row, which says which version is
 * the newest and whether the flow is archived, is read on every start.
 */
async function publishedVersion(
  deps: AppDeps,
  flowId: string,
  version: number,
): Promise<PublishedVersion | undefined> {
  let cache = versionCaches.get(deps.db)
  if (!cache) {
    cache = new Map()
    versionCaches.set(deps.db, cache)
  }
  const key = `${flowId}:${version}`
  const hit = cache.get(key)
  if (hit) {
    // The most recently used stay.
    cache.delete(key)
    cache.set(key, hit)
    return hit
  }
  const row = await deps.db
    .selectFrom('flow_versions')
    .select(['definition', 'hash'])
    .where('flow_id', '=', flowId)
    .where('version', '=', version)
    .executeTakeFirst()
  if (!row) return undefined
  // Shared by every start that reads it: frozen, so no caller can change another run's definition.
  deepFreeze(row)
  cache.set(key, row)
  if (cache.size > maxCachedVersions) {
    const oldest = cache.keys().next().value
    if (oldest !== undefined) cache.delete(oldest)
  }
  return row
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return
  Object.freeze(value)
  for (const inner of Object.values(value)) deepFreeze(inner)
}

/** What a start knows of the flow already (the webhook route reads it to check the signature). */
export interface KnownFlow {
  id: string
  archived_at: Date | null
  latest_version: number | null
}

/** The flow and the definition a run will run, with its version (null: a test definition). */
async function resolveRunSource(
  deps: AppDeps,
  flowId: string,
  source: RunSource | undefined,
  known?: KnownFlow,
) {
  const flow =
    known?.id === flowId
      ? known
      : await deps.db
          .selectFrom('flows')
          .select(['id', 'archived_at', 'latest_version'])
          .where('id', '=', flowId)
          .executeTakeFirst()
  if (!flow) return undefined
  if (source && 'definition' in source) {
    const snapshot = snapshotFlow(flow.id, 0, source.definition)
    return {
      id: flow.id,
      archived_at: flow.archived_at,
      version: null,
      definition: source.definition,
      hash: snapshot.hash,
    }
  }
  const version = source ? source.version : flow.latest_version
  if (version === null) return undefined
  const published = await publishedVersion(deps, flow.id, version)
  if (!published) return undefined
  return { id: flow.id, archived_at: flow.archived_at, version, ...published }
}

/** A started run: its row, whether this call made it, and what it runs. */
export interface StartedRun {
  /** The row: confirmed (`running` or already ended), or still `starting` with `confirmLater`. */
  row: RunRow
  created: boolean
  definition?: FlowDefinition
  /** With `confirmLater`: the row once marked `running` and audited. */
  confirmed?: Promise<RunRow>
}

async function started(
  request: StartRunRequest,
  row: RunRow,
  created: boolean,
  definition: FlowDefinition,
  launched: { confirmed: Promise<RunRow> },
): Promise<StartedRun> {
  if (!request.confirmLater) return { row: await launched.confirmed, created, definition }
  // The caller awaits it later; until then a failure must not count as unhandled.
  launched.confirmed.catch(() => undefined)
  return { row, created, definition, confirmed: launched.confirmed }
}

/**
 * Starts a run of the newest published version of a flow, or of the version or test definition
 * `request.source` names. With an idempotency key, a repeat returns the run the first call
 * started (`created: false`) instead of starting another.
 *
 * Exactly one run per key, whatever crashes in between: the run's row is committed first
 * (status `starting`), then the workflow is started under an id derived from the key with
 * `workflowIdConflictPolicy: USE_EXISTING` (a start that finds it running attaches to it) and
 * `workflowIdReusePolicy: REJECT_DUPLICATE` (never a second run under that id, even after the
 * first closed), and only then is the row marked `running` and the start audited. A repeat that
 * finds the row still `starting` (its first call died, or Temporal was unreachable) does the
 * start again, which is idempotent, and gets the same run.
 */
export async function startRun(deps: AppDeps, request: StartRunRequest): Promise<StartedRun> {
  const { db } = deps
  const findExisting = () =>
    request.idempotencyKey === undefined
      ? Promise.resolve(undefined)
      : db
          .selectFrom('runs')
          .selectAll()
          .where('flow_id', '=', request.flowId)
          .where('idempotency_key', '=', request.idempotencyKey)
          .executeTakeFirst()
  // Starts the workflow of a run's row and answers as the request asks (now or confirmed later).
  const launch = async (row: RunRow, created: boolean, source: Parameters<typeof launchRun>[3]) =>
    started(request, row, created, source.definition, await launchRun(deps, request, row, source))
  // A repeat of a run whose start was confirmed is answered with that run; one left `starting`
  // is started again, with what its row says it runs.
  const repeat = async (existing: RunRow) => {
    if (existing.status !== startingStatus) return { row: existing, created: false }
    const source = await resolveRunSource(deps, existing.flow_id, runSourceOf(existing))
    if (!source) return { row: existing, created: false }
    return launch(existing, false, source)
  }
  // A repeat is found by the unique key when its row is inserted (no lookup first: repeats are
  // rare, and every start would pay for it). A repeat of a run whose flow was archived or
  // unpublished since still gets that run.
  const version = await resolveRunSource(deps, request.flowId, request.source, request.flow)
  if (!version || version.archived_at) {
    const existing = await findExisting()
    if (existing) return repeat(existing)
  }
  if (!version) {
    throw conflict('flow.not_published', {
      nl: 'Deze flow is nog niet gepubliceerd. Publiceer hem eerst.',
      en: 'This flow has not been published yet. Publish it first.',
    })
  }
  if (version.archived_at) {
    throw conflict('flow.archived', {
      nl: 'Deze flow is gearchiveerd en start geen nieuwe runs.',
      en: 'This flow is archived and starts no new runs.',
    })
  }
  if (deps.requireSmtpCredential && ['manual', 'test', 'retry'].includes(request.trigger)) {
    await ensureSmtpCredentials(db, deps.registry, version.definition, request.teamId)
  }
  if (request.trigger !== 'retry') {
    // A test run enters like a manual start.
    const kind = request.trigger === 'test' ? 'manual' : request.trigger
    checkStartInput(version.definition, deps.registry, kind, request.input)
  }
  const runId = randomUUID()
  const workflowId =
    request.idempotencyKey === undefined
      ? `run-${runId}`
      : `run-${request.flowId}-${createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 32)}`
  let inserted: RunRow
  // Whom the run is about (keyed hashes of the e-mail and phone it starts with), so that the
  // person can later see and erase what Warmflow holds about them.
  const hasher = subjectHasherOf(deps)
  const identifiers = hasher ? subjectIdentifiersOf(version.definition, request.input) : []
  try {
    // Committed before Temporal hears of the run: a crash after this point leaves a row a
    // repeat can finish, never a workflow without a row.
    const insertRun = (executor: typeof db) =>
      executor
        .insertInto('runs')
        .values({
          id: runId,
          flow_id: version.id,
          flow_version: version.version,
          definition: version.version === null ? JSON.stringify(version.definition) : null,
          workflow_id: workflowId,
          status: startingStatus,
          team_id: request.teamId,
          started_by: request.startedBy,
          trigger: request.trigger,
          idempotency_key: request.idempotencyKey ?? null,
          retry_of: request.retryOf ?? null,
        })
        .returningAll()
    // The run's data key goes in with its row (one round trip instead of the codec's own when
    // the start is encoded); the codec then finds it in memory.
    const runKey = hasRunKey(workflowId) ? deps.stores?.runKeys?.prepare(workflowId) : undefined
    const insertRunWithKey = async (executor: typeof db): Promise<{ run: RunRow; keyMade: boolean }> => {
      if (!runKey) return { run: await insertRun(executor).executeTakeFirstOrThrow(), keyMade: false }
      const { key_made, ...run } = await executor
        .with('run', () => insertRun(executor))
        .with('run_key', (qb) =>
          qb
            .insertInto('run_keys')
            .values(runKey.row)
            .onConflict((oc) => oc.column('workflow_id').doNothing())
            .returning('workflow_id'),
        )
        .selectFrom('run')
        .selectAll('run')
        .select((eb) => eb.exists(eb.selectFrom('run_key').select('workflow_id')).as('key_made'))
        .executeTakeFirstOrThrow()
      return { run, keyMade: Boolean(key_made) }
    }
    const made = identifiers.length
      ? await db.transaction().execute(async (trx) => {
          const result = await insertRunWithKey(trx)
          if (hasher)
            await linkRunSubjects(
              trx,
              hasher,
              { runId: result.run.id, teamId: result.run.team_id },
              identifiers,
            )
          return result
        })
      : await insertRunWithKey(db)
    inserted = made.run
    // A key that was not inserted (a destroyed one is there) is never used.
    if (made.keyMade) runKey?.keep()
  } catch (error) {
    // A concurrent start with the same key won the race: answer with its run.
    if (isUniqueViolation(error)) {
      const winner = await findExisting()
      if (winner) return repeat(winner)
    }
    throw error
  }
  return launch(inserted, true, version)
}

/**
 * Starts (or attaches to) the workflow of a run whose row says `starting`, then marks the row
 * `running` and writes the start's audit entry in one statement. Starting again is harmless:
 * the same workflow id attaches to the running run, or is refused when it already closed.
 * When Temporal refuses a start without a key, the row is removed: the caller sees an error
 * and no run (a keyed row stays, for the repeat that will finish it).
 */
async function launchRun(
  deps: AppDeps,
  request: StartRunRequest,
  row: RunRow,
  source: { id: string; version: number | null; hash: string; definition: FlowDefinition },
): Promise<{ confirmed: Promise<RunRow> }> {
  const { db } = deps
  const built = buildRunInput({
    runId: row.id,
    // A test definition runs as version 0: it belongs to no published version.
    snapshot: {
      flowId: source.id,
      version: source.version ?? 0,
      hash: source.hash,
      definition: source.definition,
    },
    input: request.input,
    registry: deps.registry,
  })
  // Owner and starter travel with the run when the engine's input knows them.
  const input: RunFlowInput = {
    ...built,
    ...ownerFields({ teamId: row.team_id, startedBy: row.started_by }),
  }
  const { eagerStart } = deps.temporal
  const starting = async () => {
    await (eagerStart ?? deps.temporal.client).workflow.start(interpreterWorkflowType, {
      ...(eagerStart ? { requestEagerStart: true } : {}),
      taskQueue: deps.temporal.taskQueue,
      workflowId: row.workflow_id,
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [input],
      ...(deps.temporal.searchAttributes
        ? {
            typedSearchAttributes: runSearchAttributes({
              flowId: source.id,
              version: source.version ?? 0,
              teamId: row.team_id,
            }),
          }
        : {}),
    })
  }
  /**
   * After a start that failed: true when the run is there all the same (the id is taken by a
   * closed run, this one, started by an earlier call: REJECT_DUPLICATE never starts it twice);
   * otherwise it was not started, or is not known to be, and a row without a key goes.
   */
  const startedAnyway = async (error: unknown): Promise<boolean> => {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return true
    if (row.idempotency_key === null) {
      await db
        .deleteFrom('runs')
        .where('id', '=', row.id)
        .where('status', '=', startingStatus)
        .execute()
        .catch(() => undefined)
    }
    return false
  }
  try {
    if (eagerStart) {
      // The worker's connection has none of the API client's deadlines and retries an
      // unreachable Temporal for seconds (it cannot be cancelled): past the limit the API
      // answers 503, and the start's outcome, when it comes, still settles the run's row.
      const attempt = starting()
      const late = Symbol('late')
      let timer: NodeJS.Timeout | undefined
      const first = await Promise.race([
        attempt,
        new Promise<typeof late>((resolve) => {
          timer = setTimeout(() => resolve(late), eagerStartLimitMs)
        }),
      ]).finally(() => clearTimeout(timer))
      if (first === late) {
        attempt.then(
          () => confirmRun(deps, request, row).catch(() => undefined),
          async (error) => {
            if (await startedAnyway(error)) await confirmRun(deps, request, row).catch(() => undefined)
          },
        )
        throw new ServiceUnavailableError('temporal')
      }
    } else {
      await starting()
    }
  } catch (error) {
    if (error instanceof ServiceUnavailableError || !(await startedAnyway(error))) {
      // The delivery or key names a run whose person was erased: its key is gone for good.
      if ((error as { code?: unknown }).code === 'codec.run_erased') throw runErased
      throw error
    }
  }
  return { confirmed: confirmRun(deps, request, row) }
}

/** Marks a started run's row `running` and writes the start's audit entry, in one statement. */
async function confirmRun(deps: AppDeps, request: StartRunRequest, row: RunRow): Promise<RunRow> {
  const { db } = deps
  const confirm = db
    .updateTable('runs')
    .set({ status: 'running', updated_at: new Date() })
    .where('id', '=', row.id)
    // A quick run may have written its final status already.
    .where('status', '=', startingStatus)
    .returningAll()
  // The status and the audit entry in one statement (one round trip).
  const confirmed = request.audit
    ? await db
        .with('entry', (qb) =>
          qb.insertInto('audit_log').values(
            auditRow(request.audit!.c, {
              ...request.audit!.event,
              objectType: 'run',
              objectId: row.id,
              teamId: row.team_id,
            }),
          ),
        )
        .with('run', () => confirm)
        .selectFrom('run')
        .selectAll()
        .executeTakeFirst()
    : await confirm.executeTakeFirst()
  return (
    confirmed ??
    (await db.selectFrom('runs').selectAll().where('id', '=', row.id).executeTakeFirst()) ?? {
      ...row,
      status: 'running',
    }
  )
}

function ownerFields(request: Pick<StartRunRequest, 'teamId' | 'startedBy'>): Partial<RunFlowInput> {
  return { teamId: request.teamId, startedBy: request.startedBy ?? undefined } as Partial<RunFlowInput>
}
