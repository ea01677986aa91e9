import { createRoute, z } from '@hono/zod-openapi'
import type { FlowDefinition } from '@warmflow/engine'
import { audit } from '../audit.js'
import { createSharedRateLimiter } from '../auth/rate-limit.js'
import { clientIp } from '../context.js'
import type { AppDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { ApiError, notFound } from '../problems.js'
import { startRun } from '../runs/start.js'
import { startInputOf } from '../runs/start-input.js'
import { isUuid, problemResponse, uuidParam } from './schemas.js'

/** Largest form submission accepted, in bytes. */
export const maxFormBytes = 64 * 1024

/** The hidden field people never fill in; bots that fill every field are thanked and ignored. */
export const honeypotField = 'website'

const formNotFound = notFound({ nl: 'Dit formulier', en: 'This form' })
const localized = z.object({ nl: z.string(), en: z.string() })

const formSchema = z
  .object({
    flowId: z.string(),
    title: localized,
    intro: localized.optional(),
    submitLabel: localized,
    honeypotField: z.string(),
    schema: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'JSON Schema of the fields, labels in x-label (nl/en)' }),
  })
  .openapi('PublicForm')

interface FormTriggerConfig {
  title?: { nl: string; en: string }
  intro?: { nl: string; en: string }
  submitLabel?: { nl: string; en: string }
  thanks?: { nl: string; en: string }
}

/** `/api/v1/forms/{flowId}`: the public intake form of a published flow (no sign-in). */
export function formRoutes(deps: AppDeps) {
  const app = createRouter()
  // Counted in PostgreSQL: every API process shares the limit, and a restart does not reset it.
  const limiter = createSharedRateLimiter(
    deps.db,
    'form:ip',
    deps.forms?.rateLimit ?? { max: 10, windowMs: 60_000 },
  )

  async function loadForm(id: string) {
    if (!isUuid(id)) throw formNotFound
    const row = await deps.db
      .selectFrom('flows')
      .innerJoin('flow_versions', (join) =>
        join
          .onRef('flow_versions.flow_id', '=', 'flows.id')
          .onRef('flow_versions.version', '=', 'flows.latest_version'),
      )
      .select(['flows.id', 'flows.team_id', 'flows.archived_at', 'flow_versions.definition'])
      .where('flows.id', '=', id)
      .executeTakeFirst()
    if (!row || row.archived_at) throw formNotFound
    const definition = row.definition as FlowDefinition
    const trigger = definition.nodes.find((n) => n.type === 'form')
    if (!trigger) throw formNotFound
    const config = trigger.config as FormTriggerConfig
    // The form's fields, as the trigger's node definition describes its start data.
    const input = startInputOf(trigger, deps.registry)
    if (!input) throw formNotFound
    return { row, config, schema: input.schema }
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'The public intake form of a flow: fields, labels and help in Dutch and English',
      request: { params: uuidParam },
      responses: {
        200: { content: { 'application/json': { schema: formSchema } }, description: 'The form' },
        404: problemResponse('No such form'),
      },
    }),
    async (c) => {
      const { row, config, schema } = await loadForm(c.req.valid('param').id)
      return c.json(
        {
          flowId: row.id,
          title: config.title ?? { nl: 'Aanmelden', en: 'Sign up' },
          ...(config.intro ? { intro: config.intro } : {}),
          submitLabel: config.submitLabel ?? { nl: 'Versturen', en: 'Send' },
          honeypotField,
          schema,
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}',
      summary: 'Send the intake form (no sign-in; size- and rate-limited)',
      request: {
        params: uuidParam,
        body: {
          required: true,
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
      },
      responses: {
        202: {
          content: { 'application/json': { schema: z.object({ thanks: localized }) } },
          description: 'Received',
        },
        400: problemResponse('Fields do not fit the form'),
        404: problemResponse('No such form'),
        413: problemResponse('Too large'),
        429: problemResponse('Too many submissions'),
      },
    }),
    async (c) => {
      const ip = clientIp(c) ?? 'unknown'
      const hit = await limiter.hit(ip)
      if (!hit.allowed) {
        c.header('Retry-After', String(hit.retryAfterSeconds))
        throw new ApiError(429, 'form.too_many', {
          nl: 'Er zijn net veel formulieren verstuurd vanaf dit adres. Probeer het over een minuut opnieuw.',
          en: 'Many forms were just sent from this address. Try again in a minute.',
        })
      }
      const length = Number(c.req.header('content-length') ?? 0)
      if (length > maxFormBytes) {
        throw new ApiError(413, 'request.too_large', {
          nl: 'Het formulier is te groot.',
          en: 'The form is too large.',
        })
      }
      const { row, config } = await loadForm(c.req.valid('param').id)
      const body = c.req.valid('json')
      if (JSON.stringify(body).length > maxFormBytes) {
        throw new ApiError(413, 'request.too_large', {
          nl: 'Het formulier is te groot.',
          en: 'The form is too large.',
        })
      }
      const thanks = config.thanks ?? {
        nl: 'Dank je wel! We nemen contact met je op.',
        en: 'Thank you! We will contact you.',
      }
      const { [honeypotField]: honeypot, ...input } = body
      if (honeypot !== undefined && honeypot !== '') {
        // Looks the same as a real submission, so a bot learns nothing.
        await audit(deps.db, c, {
          action: 'form.honeypot',
          objectType: 'flow',
          objectId: row.id,
          teamId: row.team_id,
        })
        return c.json({ thanks }, 202)
      }
      await startRun(deps, {
        flowId: row.id,
        teamId: row.team_id,
        input,
        trigger: 'form',
        startedBy: null,
        audit: { c, event: { action: 'run.start', onBehalfOf: 'form' } },
      })
      return c.json({ thanks }, 202)
    },
  )
  return app
}
