import { createRoute, z } from '@hono/zod-openapi'
import { audit } from '../audit.js'
import { hasPermission } from '../auth/roles.js'
import { authorize, visibleTeams } from '../context.js'
import type { AppDeps } from '../deps.js'
import { loadTeamFlow } from '../flows/repository.js'
import { runnableDraft } from '../flows/validate.js'
import { createRouter } from '../openapi.js'
import { cancelRun, retryRun } from '../runs/control.js'
import { runDetail } from '../runs/read-back.js'
import { flowDefinitionOf, listRuns, loadTeamRun, runNotFound } from '../runs/repository.js'
import { startRun } from '../runs/start.js'
import { runStatusSchema } from '../runs/status.js'
import { decodeCursor, pageQuerySchema, pageResponse } from './pagination.js'
import { redactRunDetail } from './redact.js'
import { runFlowSchema, runSchema, runSummarySchema, toRunSummary } from './run-schemas.js'
import { problemResponse, uuidParam } from './schemas.js'

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
      const { rows, nextCursor } = await listRuns(deps, teams, { ...query, cursor })
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
      await cancelRun(deps, row)
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
      const retried = await retryRun(deps, row, viewer.id)
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
