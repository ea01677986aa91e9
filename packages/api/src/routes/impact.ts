import { createRoute, z } from '@hono/zod-openapi'
import { authorize, ensureTeamAccess, visibleTeams } from '../context.js'
import type { AppDeps } from '../deps.js'
import { impactReport, minCases, minPeople } from '../impact/report.js'
import { createRouter } from '../openapi.js'
import { ApiError, notFound } from '../problems.js'
import { isUuid, problemResponse } from './schemas.js'

const figuresSchema = z
  .object({
    hidden: z.boolean().openapi({ description: `True when the group has fewer than ${minCases} cases` }),
    cases: z.number().int().nullable(),
    completed: z.number().int().nullable(),
    failed: z.number().int().nullable(),
    exampleCases: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Cases from example history ("voorbeeldgegevens"), not real work' }),
    leadTimeHours: z.object({ median: z.number(), p90: z.number() }).nullable(),
    decisionLeadHours: z.number().nullable(),
    handlingMinutes: z
      .object({ median: z.number(), p25: z.number(), p75: z.number() })
      .nullable()
      .openapi({ description: 'Active handling time per completed case with a human task' }),
    handlingHiddenBecause: z
      .enum(['cases', 'people'])
      .nullable()
      .openapi({
        description: `Handling is hidden below ${minCases} cases or ${minPeople} different people`,
      }),
    minutesSaved: z.number().nullable().openapi({
      description: 'Completed cases × minutes by hand − measured handling minutes; null without a baseline',
    }),
    baselineCases: z.number().int().nullable(),
    drafts: z
      .object({
        accepted: z.number().int(),
        edited: z.number().int(),
        rejected: z.number().int(),
        medianEditRatio: z.number().nullable(),
      })
      .nullable(),
  })
  .openapi('ImpactFigures')

const weekSchema = figuresSchema
  .extend({ week: z.string().openapi({ description: 'Monday of the week (Europe/Amsterdam), YYYY-MM-DD' }) })
  .openapi('ImpactWeek')

const reportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    bucket: z.literal('week'),
    minCases: z.number().int(),
    minPeople: z.number().int(),
    totals: figuresSchema,
    weeks: z.array(weekSchema),
    flows: z.array(
      z
        .object({
          flowId: z.string(),
          name: z.string(),
          minutesByHand: z.number().nullable(),
          minutesByHandPerNode: z.record(z.string(), z.number()).openapi({
            description: "The designer's minutes by hand per human-task node (node id → minutes)",
          }),
          baselineSource: z.enum(['nodes', 'flow']).nullable().openapi({
            description:
              'Which baseline minutes saved use: the per-node baselines (summed over those nodes) when any is given, else minutes by hand per case; null: none, nothing saved is shown',
          }),
          totals: figuresSchema,
          weeks: z.array(weekSchema),
          nodes: z.array(
            z.object({
              nodeId: z.string(),
              label: z.string().nullable(),
              hidden: z.boolean(),
              tasks: z.number().int().nullable(),
              waitMinutesMedian: z.number().nullable(),
              handlingMinutesMedian: z.number().nullable(),
              decisionLeadHoursMedian: z.number().nullable(),
              minutesByHand: z.number().nullable(),
              minutesSaved: z.number().nullable().openapi({
                description:
                  "Decided tasks of completed cases × the node's minutes by hand − their measured handling; null without a baseline or below the floors",
              }),
              baselineTasks: z.number().int().nullable(),
            }),
          ),
          drafts: z.array(
            z.object({
              nodeId: z.string(),
              field: z.string(),
              method: z.string(),
              model: z.string().nullable(),
              hidden: z.boolean(),
              accepted: z.number().int().nullable(),
              edited: z.number().int().nullable(),
              rejected: z.number().int().nullable(),
              medianEditRatio: z.number().nullable(),
            }),
          ),
        })
        .openapi('ImpactFlow'),
    ),
  })
  .openapi('ImpactReport')

const day = 86_400_000
/** The longest period one report covers. */
const maxPeriodDays = 731

const flowNotFound = notFound({ nl: 'Deze flow', en: 'This flow' })

/** `/api/v1/impact`: what a team's flows save, as aggregates over a period. */
export function impactRoutes(deps: AppDeps) {
  const app = createRouter()
  const { db } = deps

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary:
        'What flows save: cases, minutes saved against the baseline, handling and lead times, AI drafts accepted, edited or rejected (aggregates only)',
      request: {
        query: z.object({
          flowId: z.string().max(64).optional().openapi({ description: 'One flow (of your teams)' }),
          teamId: z.string().uuid().optional().openapi({ description: 'One of your teams' }),
          from: z
            .string()
            .datetime({ offset: true })
            .optional()
            .openapi({ description: 'Default: 12 weeks ago' }),
          to: z.string().datetime({ offset: true }).optional().openapi({ description: 'Default: now' }),
          bucket: z.enum(['week']).default('week'),
        }),
      },
      responses: {
        200: { content: { 'application/json': { schema: reportSchema } }, description: 'The report' },
        400: problemResponse('The period is not valid'),
        404: problemResponse('No such flow or team (or not yours)'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:read')
      const query = c.req.valid('query')
      const to = query.to ? new Date(query.to) : new Date()
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 84 * day)
      if (!(from < to) || to.getTime() - from.getTime() > maxPeriodDays * day) {
        throw new ApiError(
          400,
          'impact.invalid_period',
          {
            nl: 'Kies een periode waarin "van" voor "tot" ligt, van hoogstens twee jaar.',
            en: 'Choose a period where "from" is before "to", of at most two years.',
          },
          [
            {
              code: 'impact.invalid_period',
              path: ['from'],
              message: { nl: 'Periode klopt niet.', en: 'The period is not valid.' },
            },
          ],
        )
      }
      if (query.teamId !== undefined && visibleTeams(viewer, query.teamId).length === 0) {
        throw notFound({ nl: 'Dit team', en: 'This team' })
      }
      let teamIds = visibleTeams(viewer, query.teamId)
      if (query.flowId !== undefined) {
        if (!isUuid(query.flowId)) throw flowNotFound
        const flow = await db
          .selectFrom('flows')
          .select('team_id')
          .where('id', '=', query.flowId)
          .executeTakeFirst()
        if (!flow) throw flowNotFound
        ensureTeamAccess(viewer, flow.team_id, flowNotFound)
        if (query.teamId !== undefined && flow.team_id !== query.teamId) throw flowNotFound
        teamIds = [flow.team_id]
      }
      const report = await impactReport(db, {
        teamIds,
        from,
        to,
        ...(query.flowId === undefined ? {} : { flowId: query.flowId }),
      })
      return c.json(
        {
          from: from.toISOString(),
          to: to.toISOString(),
          bucket: 'week' as const,
          minCases,
          minPeople,
          ...report,
        },
        200,
      )
    },
  )

  return app
}
