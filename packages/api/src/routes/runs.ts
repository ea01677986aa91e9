import { createHash, randomUUID } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client'
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow/codec-helpers.js'
import {
  buildRunInput,
  type FlowDefinition,
  flowDefinitionSchema,
  interpreterWorkflowType,
  progressQueryName,
  type RunFlowInput,
  type RunFlowResult,
  type RunProgress,
  runSearchAttributes,
  snapshotFlow,
} from '@warmflow/engine'
import { formFieldsSchema, validateFormInput } from '@warmflow/nodes'
import { isUniqueViolation, type RunRow, shouldStoreStatus } from '@warmflow/store'
import type { Context } from 'hono'
import { type AuditEvent, audit, auditRow } from '../audit.js'
import { hasPermission } from '../auth/roles.js'
import type { Viewer } from '../auth/users.js'
import { authorize, ensureTeamAccess, visibleTeams } from '../context.js'
import type { AppDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { ApiError, notFound } from '../problems.js'
import { resolveRunOutput } from '../runs/outputs.js'
import { loadTeamFlow, runnableDraft } from './flows.js'
import {
  afterCursor,
  cursorColumn,
  decodeCursor,
  pageOf,
  pageQuerySchema,
  pageResponse,
} from './pagination.js'
import { redactRunDetail } from './redact.js'
import {
  describeRunStatus,
  failureMessage,
  type RunStatus,
  runStatusSchema,
  temporalStatus,
} from './run-status.js'
import { isUuid, problemResponse, uuidParam } from './schemas.js'

const nodeStateSchema = z.object({
  status: z.enum(['pending', 'running', 'completed', 'failed', 'skipped', 'waiting']),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  attempts: z.number().int(),
  output: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
})

const runSummarySchema = z
  .object({
    id: z.string(),
    flowId: z.string(),
    flowVersion: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The published version the run ran; null for a test run of a draft' }),
    teamId: z.string(),
    status: runStatusSchema,
    trigger: z.string().openapi({ description: '`manual`, `webhook`, `form`, `retry` or `test`' }),
    startedBy: z.string().nullable(),
    retryOf: z.string().nullable(),
    createdAt: z.string(),
    statusUrl: z.string(),
  })
  .openapi('RunSummary')

const runSchema = runSummarySchema
  .extend({
    output: z.unknown().optional(),
    error: z.object({ message: z.string() }).optional(),
    nodes: z.record(z.string(), nodeStateSchema).optional(),
    redacted: z
      .boolean()
      .openapi({ description: 'True when personal-data fields were hidden from this viewer' }),
  })
  .openapi('Run')

const runFlowSchema = z
  .object({
    version: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The published version the run ran; null when it ran a test definition' }),
    test: z.boolean().openapi({ description: 'True when the run ran a draft as a test (or retried one)' }),
    definition: flowDefinitionSchema,
  })
  .openapi('RunFlow')

const runNotFound = notFound({ nl: 'Deze run', en: 'This run' })

/** The list shape of a run row. */
export function toRunSummary(row: RunRow, status: RunStatus = row.status as RunStatus) {
  return {
    id: row.id,
    flowId: row.flow_id,
    flowVersion: row.flow_version,
    teamId: row.team_id,
    status,
    trigger: row.trigger,
    startedBy: row.started_by,
    retryOf: row.retry_of,
    createdAt: row.created_at.toISOString(),
    statusUrl: `/api/v1/runs/${row.id}`,
  }
}

/**
 * What a run runs: a published version, or a definition of its own (a test run of a draft and
 * its retries). Without one, {@link startRun} runs the newest published version.
 */
export type RunSource = { version: number } | { definition: FlowDefinition }

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
  /** Written in the statement that confirms the start, so a started run is always audited. */
  audit?: { c: Context; event: Omit<AuditEvent, 'objectId' | 'objectType' | 'teamId'> }
}

const conflict = (code: string, text: { nl: string; en: string }) => new ApiError(409, code, text)

/**
 * The trigger node a start of this kind enters through: the node of that type, else the first
 * trigger node of the flow.
 */
export function entryTrigger(definition: FlowDefinition, registry: AppDeps['registry'], kind: string) {
  const triggers = definition.nodes.filter((n) => registry.get(n.type, n.version)?.category === 'trigger')
  return triggers.find((n) => n.type === kind) ?? triggers[0]
}

/**
 * Checks start data against the fields of the trigger the start enters through; 400 naming
 * every field that does not fit (in Dutch and English).
 */
export function checkStartInput(
  definition: FlowDefinition,
  registry: AppDeps['registry'],
  kind: string,
  input: Record<string, unknown>,
): void {
  const trigger = entryTrigger(definition, registry, kind)
  const parsed = formFieldsSchema.safeParse(
    (trigger?.config as { fields?: unknown } | undefined)?.fields ?? [],
  )
  if (!parsed.success || parsed.data.length === 0) return
  const result = validateFormInput(parsed.data, input)
  if (result.ok) return
  throw new ApiError(
    400,
    'run.invalid_input',
    {
      nl: 'De startgegevens passen niet bij de velden van de flow.',
      en: 'The start data does not fit the fields of the flow.',
    },
    result.problems.map((p) => ({
      code: 'run.invalid_field',
      path: ['input', p.field],
      message: { nl: p.nl, en: p.en },
    })),
  )
}

/** The flow and the definition a run will run, with its version (null: a test definition). */
async function resolveRunSource(deps: AppDeps, flowId: string, source: RunSource | undefined) {
  if (source && 'definition' in source) {
    const flow = await deps.db
      .selectFrom('flows')
      .select(['id', 'archived_at'])
      .where('id', '=', flowId)
      .executeTakeFirst()
    if (!flow) return undefined
    const snapshot = snapshotFlow(flow.id, 0, source.definition)
    return { ...flow, version: null, definition: source.definition, hash: snapshot.hash }
  }
  return deps.db
    .selectFrom('flows')
    .innerJoin('flow_versions', (join) => {
      const sameFlow = join.onRef('flow_versions.flow_id', '=', 'flows.id')
      return source
        ? sameFlow.on('flow_versions.version', '=', source.version)
        : sameFlow.onRef('flow_versions.version', '=', 'flows.latest_version')
    })
    .select([
      'flows.id',
      'flows.archived_at',
      'flow_versions.version',
      'flow_versions.definition',
      'flow_versions.hash',
    ])
    .where('flows.id', '=', flowId)
    .executeTakeFirst()
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
export async function startRun(
  deps: AppDeps,
  request: StartRunRequest,
): Promise<{ row: RunRow; created: boolean; definition?: FlowDefinition }> {
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
  // A repeat of a run whose start was confirmed is answered with that run; one left `starting`
  // is started again, with what its row says it runs.
  const repeat = async (existing: RunRow) => {
    if (existing.status !== startingStatus) return { row: existing, created: false }
    const source = await resolveRunSource(deps, existing.flow_id, runSourceOf(existing))
    if (!source) return { row: existing, created: false }
    const row = await launchRun(deps, request, existing, source)
    return { row, created: false, definition: source.definition }
  }
  // A repeat is found by the unique key when its row is inserted (no lookup first: repeats are
  // rare, and every start would pay for it). A repeat of a run whose flow was archived or
  // unpublished since still gets that run.
  const version = await resolveRunSource(deps, request.flowId, request.source)
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
  try {
    // Committed on its own, before Temporal hears of the run: a crash after this point leaves
    // a row a repeat can finish, never a workflow without a row.
    inserted = await db
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
      .executeTakeFirstOrThrow()
  } catch (error) {
    // A concurrent start with the same key won the race: answer with its run.
    if (isUniqueViolation(error)) {
      const winner = await findExisting()
      if (winner) return repeat(winner)
    }
    throw error
  }
  const row = await launchRun(deps, request, inserted, version)
  return { row, created: true, definition: version.definition }
}

/** The status of a run whose row is saved and whose workflow start is not yet confirmed. */
export const startingStatus = 'starting'

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
): Promise<RunRow> {
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
  try {
    await deps.temporal.client.workflow.start(interpreterWorkflowType, {
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
  } catch (error) {
    // The id is taken by a closed run: this run, started by an earlier call (REJECT_DUPLICATE
    // never starts it twice). Any other error: not started, or not known to be.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
      if (row.idempotency_key === null) {
        await db
          .deleteFrom('runs')
          .where('id', '=', row.id)
          .where('status', '=', startingStatus)
          .execute()
          .catch(() => undefined)
      }
      throw error
    }
  }
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

const startBodySchema = z.strictObject({ input: z.record(z.string(), z.unknown()).default({}) })

const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({
      param: { name: 'idempotency-key', in: 'header' },
      description: 'A repeat with the same key returns the same run',
    }),
})

/** `POST /api/v1/flows/{id}/runs`: start a run of the newest published version. */
export function flowRunRoutes(deps: AppDeps) {
  const app = createRouter()
  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/runs',
      summary: 'Start a run of the newest published version of a flow',
      request: {
        params: uuidParam,
        headers: idempotencyHeader,
        body: { required: false, content: { 'application/json': { schema: startBodySchema } } },
      },
      responses: {
        201: {
          content: { 'application/json': { schema: runSummarySchema } },
          description: 'The run was started',
        },
        200: {
          content: { 'application/json': { schema: runSummarySchema } },
          description: 'The run an earlier request with the same Idempotency-Key started',
        },
        404: problemResponse('No such flow'),
        409: problemResponse('The flow is not published or archived'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'run:start')
      const flow = await loadTeamFlow(deps.db, viewer, c.req.valid('param').id)
      const body = c.req.valid('json') ?? { input: {} }
      const { row, created } = await startRun(deps, {
        flowId: flow.id,
        teamId: flow.team_id,
        input: body.input,
        trigger: 'manual',
        startedBy: viewer.id,
        idempotencyKey: c.req.valid('header')['idempotency-key'],
        // Written when the start is confirmed, also by the repeat that finishes a start.
        audit: { c, event: { action: 'run.start' } },
      })
      return c.json(toRunSummary(row), created ? 201 : 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/test-runs',
      summary: 'Test the current draft: validate it and run it as it is now, without publishing',
      request: {
        params: uuidParam,
        body: { required: false, content: { 'application/json': { schema: startBodySchema } } },
      },
      responses: {
        201: {
          content: { 'application/json': { schema: runSummarySchema } },
          description: 'The test run was started (trigger `test`); GET /runs/{id}/flow shows what it ran',
        },
        400: problemResponse('The draft is not valid (every problem), or the input does not fit'),
        403: problemResponse('Not allowed'),
        404: problemResponse('No such flow'),
        409: problemResponse('The flow is archived'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:write')
      const flow = await loadTeamFlow(deps.db, viewer, c.req.valid('param').id)
      const definition = runnableDraft(flow.draft, deps.registry)
      const body = c.req.valid('json') ?? { input: {} }
      const { row } = await startRun(deps, {
        flowId: flow.id,
        teamId: flow.team_id,
        input: body.input,
        trigger: 'test',
        source: { definition },
        startedBy: viewer.id,
        audit: {
          c,
          event: { action: 'run.start', details: { test: true, revision: flow.revision } },
        },
      })
      return c.json(toRunSummary(row), 201)
    },
  )
  return app
}

export async function loadTeamRun(deps: AppDeps, viewer: Viewer, id: string): Promise<RunRow> {
  if (!isUuid(id)) throw runNotFound
  const row = await deps.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw runNotFound
  ensureTeamAccess(viewer, row.team_id, runNotFound)
  return row
}

/** Reads the input a run started with, from the start event in Temporal's history. */
async function runInputOf(deps: AppDeps, workflowId: string): Promise<RunFlowInput | undefined> {
  const history = await deps.temporal.client.workflow.getHandle(workflowId).fetchHistory()
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes
  const [input] = await decodeArrayFromPayloads(
    deps.temporal.client.workflow.options.loadedDataConverter,
    started?.input?.payloads,
  )
  return input as RunFlowInput | undefined
}

export async function runDetail(deps: AppDeps, row: RunRow) {
  const { client } = deps.temporal
  const handle = client.workflow.getHandle(row.workflow_id)
  // A completed run stays completed: once the row says so, skip asking Temporal for the status.
  const status: RunStatus =
    row.status === 'completed'
      ? 'completed'
      : await handle.describe().then(
          (description) => temporalStatus[description.status.name] ?? 'unknown',
          (error: unknown) => {
            // Saved, but its workflow not started (yet): the start's repeat will start it.
            if (row.status === startingStatus && error instanceof WorkflowNotFoundError) return 'starting'
            throw error
          },
        )
  let output: unknown
  let error: { message: string } | undefined
  let nodes: RunProgress['nodes'] | undefined
  if (status === 'completed') {
    const result = (await handle.result()) as RunFlowResult
    output = await resolveRunOutput(deps, result.output)
    nodes = result.nodes
  } else {
    if (status === 'failed') {
      try {
        await handle.result()
      } catch (failure) {
        error = { message: failureMessage(failure) }
      }
    }
    try {
      const progress = await client.connection.withDeadline(Date.now() + 2_000, () =>
        handle.query<RunProgress>(progressQueryName),
      )
      nodes = progress.nodes
    } catch {
      // No worker answered in time: the status from Temporal is still right, only node detail is missing.
    }
  }
  if (shouldStoreStatus(row.status, status)) {
    await deps.db
      .updateTable('runs')
      .set({ status, updated_at: new Date() })
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .execute()
  }
  return { status, output, error, nodes }
}

/** What a run ran: its test definition, or its published version. */
function runSourceOf(row: RunRow): RunSource {
  if (row.definition) return { definition: row.definition }
  if (row.flow_version !== null) return { version: row.flow_version }
  throw runNotFound
}

/** The definition a run ran with: its test definition, or its published version's. */
export async function flowDefinitionOf(deps: AppDeps, row: RunRow): Promise<FlowDefinition | undefined> {
  if (row.definition) return row.definition
  if (row.flow_version === null) return undefined
  const version = await deps.db
    .selectFrom('flow_versions')
    .select('definition')
    .where('flow_id', '=', row.flow_id)
    .where('version', '=', row.flow_version)
    .executeTakeFirst()
  return version?.definition
}

/** `/api/v1/runs`: list, read, cancel and retry runs. */
export function runRoutes(deps: AppDeps) {
  const app = createRouter()
  const { db } = deps

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: "List the runs of the viewer's teams, newest first",
      request: {
        query: pageQuerySchema.extend({
          flowId: z.string().uuid().optional(),
          teamId: z.string().uuid().optional(),
          status: runStatusSchema.optional(),
          trigger: z.enum(['manual', 'webhook', 'form', 'retry', 'test', 'schedule']).optional(),
          startedBy: z.string().uuid().optional(),
          since: z.string().datetime({ offset: true }).optional(),
          until: z.string().datetime({ offset: true }).optional(),
        }),
      },
      responses: {
        200: pageResponse(runSummarySchema, 'The runs'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'run:read')
      const query = c.req.valid('query')
      const cursor = decodeCursor(query.cursor)
      const teams = visibleTeams(viewer, query.teamId)
      if (teams.length === 0) return c.json({ items: [], nextCursor: null }, 200)
      let builder = db
        .selectFrom('runs')
        .selectAll()
        .select(cursorColumn('runs'))
        .where('team_id', 'in', teams)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit + 1)
      if (cursor) builder = builder.where(afterCursor(cursor, 'runs'))
      if (query.flowId) builder = builder.where('flow_id', '=', query.flowId)
      if (query.status) builder = builder.where('status', '=', query.status)
      if (query.trigger) builder = builder.where('trigger', '=', query.trigger)
      if (query.startedBy) builder = builder.where('started_by', '=', query.startedBy)
      if (query.since) builder = builder.where('created_at', '>=', new Date(query.since))
      if (query.until) builder = builder.where('created_at', '<', new Date(query.until))
      const { rows, nextCursor } = pageOf(await builder.execute(), query.limit)
      return c.json({ items: rows.map((r) => toRunSummary(r)), nextCursor }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'Read a run: status, output and per-node progress (personal data redacted unless allowed)',
      request: { params: uuidParam },
      responses: {
        200: { content: { 'application/json': { schema: runSchema } }, description: 'The run' },
        404: problemResponse('No such run'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'run:read')
      const row = await loadTeamRun(deps, viewer, c.req.valid('param').id)
      const seesPersonalData = hasPermission(viewer.roles, 'run:personal-data')
      // The audit line is written alongside the Temporal calls; the answer waits for both, so
      // no read is ever returned unlogged.
      const [detail, definition] = await Promise.all([
        runDetail(deps, row),
        seesPersonalData ? undefined : flowDefinitionOf(deps, row),
        audit(db, c, {
          action: 'run.read',
          objectType: 'run',
          objectId: row.id,
          teamId: row.team_id,
          details: { personalData: seesPersonalData },
        }),
      ])
      const shown = seesPersonalData
        ? { output: detail.output, nodes: detail.nodes, error: detail.error, redacted: false }
        : redactRunDetail(definition, deps.registry, detail)
      return c.json(
        {
          ...toRunSummary(row, detail.status),
          ...(shown.output === undefined ? {} : { output: shown.output }),
          // The run's error may quote a value too: cut like the nodes' errors for redacted viewers.
          ...(shown.error ? { error: shown.error } : {}),
          ...(shown.nodes ? { nodes: shown.nodes } : {}),
          redacted: shown.redacted,
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/flow',
      summary: 'The flow definition the run ran with: its published version, or the test snapshot',
      request: { params: uuidParam },
      responses: {
        200: { content: { 'application/json': { schema: runFlowSchema } }, description: 'The definition' },
        404: problemResponse('No such run'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'run:read')
      const row = await loadTeamRun(deps, viewer, c.req.valid('param').id)
      const definition = await flowDefinitionOf(deps, row)
      if (!definition) throw runNotFound
      return c.json({ version: row.flow_version, test: row.definition !== null, definition }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/cancel',
      summary: 'Cancel a running run (its nodes get the chance to stop cleanly)',
      request: { params: uuidParam },
      responses: {
        202: {
          content: { 'application/json': { schema: runSummarySchema } },
          description: 'Cancellation requested',
        },
        404: problemResponse('No such run'),
        409: problemResponse('The run is not running'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'run:control')
      const row = await loadTeamRun(deps, viewer, c.req.valid('param').id)
      const status = await describeRunStatus(deps, row.id, row.workflow_id)
      if (status !== 'running') {
        throw conflict('run.not_running', {
          nl: 'Deze run loopt niet meer en kan niet worden gestopt.',
          en: 'This run is no longer running and cannot be cancelled.',
        })
      }
      await deps.temporal.client.workflow.getHandle(row.workflow_id).cancel()
      await audit(db, c, { action: 'run.cancel', objectType: 'run', objectId: row.id, teamId: row.team_id })
      return c.json(toRunSummary(row, 'running'), 202)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/retry',
      summary: 'Start a new run of the flow version (or test definition) the run ran, with the same input',
      request: { params: uuidParam },
      responses: {
        201: { content: { 'application/json': { schema: runSummarySchema } }, description: 'The new run' },
        404: problemResponse('No such run'),
        409: problemResponse('The run is still running, or the flow is archived'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'run:control')
      const row = await loadTeamRun(deps, viewer, c.req.valid('param').id)
      const status = await describeRunStatus(deps, row.id, row.workflow_id)
      if (status === 'running') {
        throw conflict('run.still_running', {
          nl: 'Deze run loopt nog. Wacht tot hij klaar is of stop hem eerst.',
          en: 'This run is still running. Wait for it to finish or cancel it first.',
        })
      }
      const original = await runInputOf(deps, row.workflow_id)
      const input = original?.input
      const { row: retried } = await startRun(deps, {
        flowId: row.flow_id,
        teamId: row.team_id,
        input:
          input && typeof input === 'object' && !Array.isArray(input)
            ? (input as Record<string, unknown>)
            : {},
        trigger: 'retry',
        // What the failed run ran, not the newest version: a retry repeats that run.
        source: runSourceOf(row),
        startedBy: viewer.id,
        retryOf: row.id,
      })
      await audit(db, c, {
        action: 'run.retry',
        objectType: 'run',
        objectId: retried.id,
        teamId: retried.team_id,
        details: { retryOf: row.id },
      })
      return c.json(toRunSummary(retried), 201)
    },
  )

  return app
}
