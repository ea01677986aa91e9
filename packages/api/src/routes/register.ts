import { createRoute, z } from '@hono/zod-openapi'
import { audit } from '../audit.js'
import { hasPermission } from '../auth/roles.js'
import { authorize, visibleTeams } from '../context.js'
import type { AppDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { notFound } from '../problems.js'
import { registerCsv, registerMarkdown } from '../register/export.js'
import { loadRegister, maxRegisterFlows } from '../register/load.js'
import { problemResponse } from './schemas.js'

const text = z.object({ nl: z.string(), en: z.string() })

const registerFlowSchema = z
  .object({
    flowId: z.string(),
    name: z.string(),
    teamId: z.string(),
    teamName: z.string(),
    version: z.number().int(),
    publishedAt: z.string(),
    purpose: z
      .string()
      .nullable()
      .openapi({ description: "The flow's description; null when it is missing" }),
    categories: z.array(z.object({ code: z.string(), label: text })),
    subjects: z.array(z.object({ code: z.enum(['clients', 'volunteers', 'staff']), label: text })),
    recipients: z.array(
      z.object({
        kind: z.enum(['ai', 'email', 'webhook', 'http']),
        label: text,
        credential: z
          .string()
          .nullable()
          .openapi({ description: 'The credential that says where data goes' }),
        host: z.string().nullable(),
        location: z.enum(['organisation', 'eu', 'outside-eu', 'unknown', 'not-configured']),
        locationLabel: text,
        nodeIds: z.array(z.string()),
      }),
    ),
    retentionDays: z.number().int(),
    safeguards: z.array(z.object({ code: z.string(), text })),
    marks: z.array(z.object({ code: z.string(), text })).openapi({
      description:
        'Points of attention: outside-eu, ai-without-pseudonymisation, purpose-missing, start-data-undescribed, unknown-node-types',
    }),
  })
  .openapi('RegisterFlow')

const registerSchema = z
  .object({
    generatedAt: z.string(),
    scope: z.enum(['all', 'teams']).openapi({ description: 'all: every team (admin and privacy officer)' }),
    truncated: z
      .boolean()
      .openapi({ description: `True when there are more than ${maxRegisterFlows} flows` }),
    flows: z.array(registerFlowSchema),
  })
  .openapi('ProcessingRegister')

/** `/api/v1/register`: the processing register (AVG art. 30), generated from the published flows. */
export function registerRoutes(deps: AppDeps) {
  const app = createRouter()
  const { db } = deps

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary:
        'The processing register (AVG art. 30) from the published flows: purpose, personal data, data subjects, recipients, retention and safeguards; as JSON, CSV or Markdown',
      request: {
        query: z.object({
          format: z.enum(['json', 'csv', 'md']).default('json').openapi({
            description: 'csv and md answer a file to download (Content-Disposition: attachment)',
          }),
          lang: z
            .enum(['nl', 'en'])
            .default('nl')
            .openapi({ description: 'Language of the CSV and Markdown' }),
          teamId: z.string().uuid().optional().openapi({ description: 'One team only' }),
        }),
      },
      responses: {
        200: {
          content: {
            'application/json': { schema: registerSchema },
            'text/csv': { schema: z.string() },
            'text/markdown': { schema: z.string() },
          },
          description: 'The register',
        },
        403: problemResponse('Not allowed'),
        404: problemResponse('No such team (or not yours)'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'register:read')
      const { format, lang, teamId } = c.req.valid('query')
      // The privacy officer and the administrator keep the register of the whole organisation;
      // a designer or developer sees that of their own teams.
      const everyTeam = hasPermission(viewer.roles, 'admin:manage') || viewer.roles.includes('privacy')
      let teams: readonly string[] | 'all'
      if (everyTeam) teams = teamId === undefined ? 'all' : [teamId]
      else {
        teams = visibleTeams(viewer, teamId)
        if (teamId !== undefined && teams.length === 0) throw notFound({ nl: 'Dit team', en: 'This team' })
      }
      const { flows, truncated } = await loadRegister(db, deps.registry, deps.credentialKey, teams)
      const now = new Date()
      await audit(db, c, {
        action: 'register.read',
        objectType: 'register',
        teamId: teamId ?? null,
        details: { format, flows: flows.length },
      })
      if (format === 'json') {
        return c.json(
          {
            generatedAt: now.toISOString(),
            scope: everyTeam ? ('all' as const) : ('teams' as const),
            truncated,
            flows,
          },
          200,
        )
      }
      const day = now.toISOString().slice(0, 10)
      const file = `${lang === 'nl' ? 'verwerkingsregister' : 'processing-register'}-${day}.${format}`
      c.header('Content-Disposition', `attachment; filename="${file}"`)
      c.header('Cache-Control', 'no-store')
      if (format === 'csv') {
        c.header('Content-Type', 'text/csv; charset=utf-8')
        return c.body(registerCsv(flows, lang), 200)
      }
      c.header('Content-Type', 'text/markdown; charset=utf-8')
      return c.body(registerMarkdown(flows, lang, now), 200)
    },
  )

  return app
}
