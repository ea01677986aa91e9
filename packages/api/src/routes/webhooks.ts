import { createRoute, z } from '@hono/zod-openapi'
import type { WorkflowHandle } from '@temporalio/client'
import {
  awaitResponseUpdateName,
  controlNodeTypes,
  type FlowDefinition,
  type RunFlowResult,
  type RunResponse,
} from '@warmflow/engine'
import { decryptSecret, encryptSecret } from '@warmflow/store'
import { audit } from '../audit.js'
import { authorize } from '../context.js'
import type { AppDeps } from '../deps.js'
import { loadTeamFlow } from '../flows/repository.js'
import { createRouter } from '../openapi.js'
import { ApiError, notFound } from '../problems.js'
import { resolveRunOutput } from '../runs/outputs.js'
import { flowDefinitionOf } from '../runs/repository.js'
import { startRun } from '../runs/start.js'
import { failureMessage } from '../runs/status.js'
import { generateWebhookSecret, verifyWebhook, type WebhookRejection } from '../webhooks/signature.js'
import { toRunSummary } from './run-schemas.js'
import { isUuid, problemResponse, uuidParam } from './schemas.js'

/** Default and longest time a webhook caller waits for the run to finish. */
export const defaultRespondTimeoutMs = 10_000

const webhookContext = (flowId: string) => `webhook:${flowId}`

const noKey = () =>
  new ApiError(503, 'credential.no_key', {
    nl: 'Een webhookgeheim maken kan niet: WARMFLOW_CREDENTIAL_KEY is niet ingesteld.',
    en: 'A webhook secret cannot be made: WARMFLOW_CREDENTIAL_KEY is not set.',
  })

const rejections: Record<WebhookRejection, { nl: string; en: string }> = {
  missing_headers: {
    nl: 'De headers webhook-id, webhook-timestamp en webhook-signature ontbreken of kloppen niet.',
    en: 'The webhook-id, webhook-timestamp and webhook-signature headers are missing or malformed.',
  },
  stale_timestamp: {
    nl: 'Het tijdstip van het bericht ligt meer dan 5 minuten van nu af.',
    en: 'The message timestamp is more than 5 minutes away from now.',
  },
  invalid_signature: {
    nl: 'De handtekening van het bericht klopt niet.',
    en: 'The message signature is not valid.',
  },
}

const hookNotFound = notFound({ nl: 'Deze webhook', en: 'This webhook' })

type Answer =
  | { status: 'completed' | 'responded'; output: unknown }
  | { status: 'failed' | 'cancelled'; error: { message: string } }

/** How a run ended, from its result. */
async function resultOf(handle: WorkflowHandle): Promise<Answer> {
  try {
    const result = (await handle.result()) as RunFlowResult
    return { status: 'completed', output: result.output }
  } catch (failure) {
    return { status: 'failed', error: { message: failureMessage(failure) } }
  }
}

/**
 * The run's answer for a caller in respond mode. A flow with a `respond` node answers when the
 * run reaches it (the `awaitResponse` update): status `responded`, and the run goes on. Any
 * other flow answers when it ends: `completed`, `failed` or `cancelled`.
 */
async function answerOf(handle: WorkflowHandle, definition: FlowDefinition | undefined): Promise<Answer> {
  if (!definition?.nodes.some((node) => node.type === controlNodeTypes.respond)) return resultOf(handle)
  let response: RunResponse
  try {
    response = await handle.executeUpdate<RunResponse, []>(awaitResponseUpdateName)
  } catch {
    // The run ended before the update reached it: its result says how.
    return resultOf(handle)
  }
  if ('error' in response) return { status: response.status, error: { message: response.error.message } }
  return { status: response.status, output: response.output }
}

const webhookAnswerSchema = z
  .object({
    runId: z.string(),
    status: z.string(),
    statusUrl: z.string(),
    output: z.unknown().optional(),
    error: z.object({ message: z.string() }).optional(),
  })
  .openapi('WebhookAnswer')

/** `/api/v1/flows/{id}/webhook`: the flow's webhook address and signing secret. */
export function flowWebhookRoutes(deps: AppDeps) {
  const app = createRouter()
  const secretAnswer = z.object({ url: z.string(), secret: z.string() }).openapi('WebhookSecret')

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/webhook/secret',
      summary: 'Make (or replace) the webhook signing secret; it is shown only in this answer',
      request: { params: uuidParam },
      responses: {
        201: { content: { 'application/json': { schema: secretAnswer } }, description: 'The new secret' },
        404: problemResponse('No such flow'),
        503: problemResponse('No key configured'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:write')
      const flow = await loadTeamFlow(deps.db, viewer, c.req.valid('param').id)
      if (!deps.credentialKey) throw noKey()
      const secret = generateWebhookSecret()
      await deps.db
        .updateTable('flows')
        .set({ webhook_secret: encryptSecret(deps.credentialKey, secret, webhookContext(flow.id)) })
        .where('id', '=', flow.id)
        .execute()
      await audit(deps.db, c, {
        action: 'flow.webhook_secret',
        objectType: 'flow',
        objectId: flow.id,
        teamId: flow.team_id,
      })
      return c.json({ url: `/api/v1/hooks/${flow.id}`, secret }, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/webhook',
      summary: "The flow's webhook address and whether a secret is set (never the secret)",
      request: { params: uuidParam },
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ url: z.string(), hasSecret: z.boolean() }) } },
          description: 'The webhook',
        },
        404: problemResponse('No such flow'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:read')
      const flow = await loadTeamFlow(deps.db, viewer, c.req.valid('param').id)
      return c.json({ url: `/api/v1/hooks/${flow.id}`, hasSecret: flow.webhook_secret !== null }, 200)
    },
  )
  return app
}

/**
 * `POST /api/v1/hooks/{flowId}`: starts a run from a signed delivery (Standard Webhooks).
 * Public: the signature is the authentication. A repeated delivery id returns the same run.
 */
export function webhookRoutes(deps: AppDeps) {
  const app = createRouter()
  const maxWaitMs = deps.webhooks?.respondTimeoutMs ?? defaultRespondTimeoutMs

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}',
      summary:
        'Start a run by signed webhook; answers with the output when the run finishes in time, else 202',
      request: {
        params: uuidParam,
        query: z.object({
          wait: z.coerce.number().int().min(0).max(600).optional().openapi({
            description: 'Seconds to wait for the result (0: answer at once); capped by the server',
          }),
        }),
        headers: z.object({
          'webhook-id': z.string().optional(),
          'webhook-timestamp': z.string().optional(),
          'webhook-signature': z.string().optional(),
        }),
        body: {
          required: true,
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
      },
      responses: {
        200: {
          content: { 'application/json': { schema: webhookAnswerSchema } },
          description: 'The run finished',
        },
        202: {
          content: { 'application/json': { schema: webhookAnswerSchema } },
          description: 'The run is still running; poll statusUrl',
        },
        400: problemResponse('The body does not fit the trigger'),
        401: problemResponse('Signature refused'),
        404: problemResponse('No such webhook'),
        409: problemResponse(
          'The flow is not published or is archived, or the run of this delivery was erased',
        ),
      },
    }),
    async (c) => {
      const received = performance.now()
      const { id } = c.req.valid('param')
      if (!isUuid(id)) throw hookNotFound
      const flow = await deps.db
        .selectFrom('flows')
        .select(['id', 'team_id', 'webhook_secret', 'latest_version', 'archived_at'])
        .where('id', '=', id)
        .executeTakeFirst()
      if (!flow?.webhook_secret || !deps.credentialKey) throw hookNotFound
      const secret = decryptSecret(deps.credentialKey, flow.webhook_secret, webhookContext(flow.id))
      // The signature covers the exact bytes received.
      const body = await c.req.text()
      const headers = c.req.valid('header')
      const rejection = verifyWebhook(
        secret,
        {
          id: headers['webhook-id'],
          timestamp: headers['webhook-timestamp'],
          signature: headers['webhook-signature'],
        },
        body,
      )
      if (rejection) {
        await audit(deps.db, c, {
          action: 'webhook.rejected',
          objectType: 'flow',
          objectId: flow.id,
          teamId: flow.team_id,
          details: { reason: rejection },
        })
        throw new ApiError(
          rejection === 'missing_headers' ? 400 : 401,
          `webhook.${rejection}`,
          rejections[rejection],
        )
      }
      const input = c.req.valid('json')
      const verified = performance.now()
      const deliveryId = headers['webhook-id'] as string
      const { row, created, definition, confirmed } = await startRun(deps, {
        flowId: flow.id,
        flow,
        // The row is marked running while the run goes: one round trip less before the answer.
        confirmLater: true,
        teamId: flow.team_id,
        input,
        trigger: 'webhook',
        startedBy: null,
        idempotencyKey: `webhook:${deliveryId}`,
        audit: { c, event: { action: 'run.start', onBehalfOf: 'webhook', details: { deliveryId } } },
      })
      if (!created) {
        c.header('Idempotent-Replayed', 'true')
        // A replay is answered with the run the delivery started; who replayed it, and when, is logged.
        await audit(deps.db, c, {
          action: 'webhook.replayed',
          objectType: 'run',
          objectId: row.id,
          teamId: row.team_id,
          onBehalfOf: 'webhook',
          details: { deliveryId },
        })
      }
      const startedAt = performance.now()
      // Where an authenticated delivery's time went (W3C Server-Timing), for the caller's diagnostics.
      const timing = (waited?: number) =>
        c.header(
          'Server-Timing',
          [
            `verify;dur=${(verified - received).toFixed(1)}`,
            `start;dur=${(startedAt - verified).toFixed(1)}`,
            ...(waited === undefined ? [] : [`result;dur=${waited.toFixed(1)}`]),
          ].join(', '),
        )
      const waitMs = Math.min(maxWaitMs, (c.req.valid('query').wait ?? maxWaitMs / 1000) * 1000)
      const summary = toRunSummary(row)
      const base = { runId: row.id, statusUrl: summary.statusUrl }
      if (waitMs > 0) {
        const handle = deps.temporal.client.workflow.getHandle(row.workflow_id)
        let timer: NodeJS.Timeout | undefined
        const timeout = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), waitMs)
        })
        // Only the wait ends at the timeout; the run itself goes on.
        const outcome = await Promise.race([
          (definition ? Promise.resolve(definition) : flowDefinitionOf(deps, row)).then((known) =>
            answerOf(handle, known),
          ),
          timeout,
        ])
        clearTimeout(timer)
        // Never answered before the start is recorded and audited.
        await confirmed
        timing(performance.now() - startedAt)
        if (outcome !== 'timeout') {
          c.header('Location', summary.statusUrl)
          // A large output travels as a reference to the output store: answer with the data.
          const answer =
            'output' in outcome
              ? { ...outcome, output: await resolveRunOutput(deps, outcome.output) }
              : outcome
          return c.json({ ...base, ...answer }, 200)
        }
      } else {
        await confirmed
        timing()
      }
      c.header('Location', summary.statusUrl)
      return c.json({ ...base, status: 'running' }, 202)
    },
  )
  return app
}
