import { randomUUID } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import { WorkflowFailedError } from '@temporalio/client'
import {
  buildRunInput,
  interpreterWorkflowType,
  progressQueryName,
  type RunFlowResult,
  type RunProgress,
} from '@warmflow/engine'
import type { AppDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { notFound } from '../problems.js'
import { isUuid, problemResponse, uuidParam } from './schemas.js'

const nodeStateSchema = z.object({
  status: z.enum(['pending', 'running', 'completed', 'failed', 'skipped', 'waiting']),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  attempts: z.number().int(),
  output: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
})

const runStatus = z.enum([
  'running',
  'completed',
  'failed',
  'cancelled',
  'terminated',
  'timed_out',
  'unknown',
])

const runSchema = z
  .object({
    id: z.string(),
    flowId: z.string(),
    flowVersion: z.number().int(),
    status: runStatus,
    createdAt: z.string(),
    output: z.unknown().optional(),
    error: z.object({ message: z.string() }).optional(),
    nodes: z.record(z.string(), nodeStateSchema).optional(),
  })
  .openapi('Run')

type RunStatus = z.infer<typeof runStatus>

const temporalStatus: Record<string, RunStatus> = {
  RUNNING: 'running',
  CONTINUED_AS_NEW: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed_out',
}

const runNotFound = notFound({ nl: 'Deze run', en: 'This run' })
const flowNotFound = notFound({ nl: 'Deze flow', en: 'This flow' })

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
        body: {
          required: false,
          content: {
            'application/json': {
              schema: z.strictObject({ input: z.record(z.string(), z.unknown()).default({}) }),
            },
          },
        },
      },
      responses: {
        201: { content: { 'application/json': { schema: runSchema } }, description: 'The run was started' },
        404: problemResponse('No such flow'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      if (!isUuid(id)) throw flowNotFound
      const body = c.req.valid('json') ?? { input: {} }
      const version = await deps.db
        .selectFrom('flows')
        .innerJoin('flow_versions', (join) =>
          join
            .onRef('flow_versions.flow_id', '=', 'flows.id')
            .onRef('flow_versions.version', '=', 'flows.latest_version'),
        )
        .select(['flows.id', 'flow_versions.version', 'flow_versions.definition', 'flow_versions.hash'])
        .where('flows.id', '=', id)
        .executeTakeFirst()
      if (!version) throw flowNotFound
      const runId = randomUUID()
      const workflowId = `run-${runId}`
      const input = buildRunInput({
        runId,
        snapshot: {
          flowId: version.id,
          version: version.version,
          hash: version.hash,
          definition: version.definition,
        },
        input: body.input,
        registry: deps.registry,
      })
      const row = await deps.db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('runs')
          .values({
            id: runId,
            flow_id: version.id,
            flow_version: version.version,
            workflow_id: workflowId,
            status: 'running',
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        // Started inside the transaction: if Temporal refuses, no run row is left behind.
        await deps.temporal.client.workflow.start(interpreterWorkflowType, {
          taskQueue: deps.temporal.taskQueue,
          workflowId,
          args: [input],
        })
        return inserted
      })
      return c.json(
        {
          id: row.id,
          flowId: row.flow_id,
          flowVersion: row.flow_version,
          status: 'running' as const,
          createdAt: row.created_at.toISOString(),
        },
        201,
      )
    },
  )
  return app
}

/** `/api/v1/runs`: read runs. */
export function runRoutes(deps: AppDeps) {
  const app = createRouter()
  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'Read a run: status, output and per-node progress',
      request: { params: uuidParam },
      responses: {
        200: { content: { 'application/json': { schema: runSchema } }, description: 'The run' },
        404: problemResponse('No such run'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      if (!isUuid(id)) throw runNotFound
      const row = await deps.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) throw runNotFound
      const { client } = deps.temporal
      const handle = client.workflow.getHandle(row.workflow_id)
      const description = await handle.describe()
      const status = temporalStatus[description.status.name] ?? 'unknown'
      let output: unknown
      let error: { message: string } | undefined
      let nodes: RunProgress['nodes'] | undefined
      if (status === 'completed') {
        const result = (await handle.result()) as RunFlowResult
        output = result.output
        nodes = result.nodes
      } else {
        if (status === 'failed') {
          try {
            await handle.result()
          } catch (failure) {
            const cause = failure instanceof WorkflowFailedError ? (failure.cause ?? failure) : failure
            error = { message: cause instanceof Error ? cause.message : String(cause) }
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
      if (status !== row.status) {
        await deps.db
          .updateTable('runs')
          .set({ status, updated_at: new Date() })
          .where('id', '=', row.id)
          .execute()
      }
      return c.json(
        {
          id: row.id,
          flowId: row.flow_id,
          flowVersion: row.flow_version,
          status,
          createdAt: row.created_at.toISOString(),
          ...(output === undefined ? {} : { output }),
          ...(error ? { error } : {}),
          ...(nodes ? { nodes } : {}),
        },
        200,
      )
    },
  )
  return app
}
