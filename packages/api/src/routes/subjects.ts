import { createRoute, z } from '@hono/zod-openapi'
import { maxIdentifierLength } from '@warmflow/store'
import { audit } from '../audit.js'
import { authorize } from '../context.js'
import type { WiredDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { type RunStatus, runStatusSchema } from '../runs/status.js'
import { exportSubject, subjectExportHtml } from '../subjects/export.js'
import { eraseSubject, erasureReasons, findSubject } from '../subjects/service.js'
import { problemResponse } from './schemas.js'

// Identifiers travel in a POST body, never in a URL: URLs end up in logs and browser history.
const lookupSchema = z.object({
  email: z.string().max(maxIdentifierLength).optional().openapi({ example: 'jan@example.nl' }),
  phone: z.string().max(32).optional().openapi({ example: '06-12345678' }),
})

// What hangs off a person's runs: counted before an erasure, and counted again by it.
const heldCounts = {
  runs: z.number().int(),
  tasks: z.number().int(),
  intakes: z.number().int(),
  clients: z.number().int(),
  progressReports: z.number().int(),
  emails: z.number().int(),
  notifications: z.number().int(),
  outputs: z.number().int().openapi({ description: 'Large node outputs stored in PostgreSQL' }),
}

const countsSchema = z
  .object({
    ...heldCounts,
    openRuns: z.number().int().openapi({ description: 'Runs still going: an erasure stops them first' }),
  })
  .openapi('SubjectCounts')

const subjectSchema = z
  .object({
    runs: z.array(
      z.object({
        id: z.string(),
        flowId: z.string(),
        flowName: z.string(),
        teamName: z.string(),
        createdAt: z.string(),
        status: runStatusSchema,
        trigger: z.string(),
      }),
    ),
    counts: countsSchema,
    truncated: z.boolean(),
  })
  .openapi('Subject')

const erasedSchema = z
  .object({
    erased: z.object({
      ...heldCounts,
      cancelled: z.number().int().openapi({ description: 'Runs that were still going and were stopped' }),
      runKeys: z.number().int().openapi({ description: 'Run data keys destroyed (crypto-shredding)' }),
    }),
  })
  .openapi('SubjectErased')

const problems = {
  400: problemResponse('No usable e-mail address or phone number'),
  403: problemResponse('Only an administrator or the privacy officer'),
  503: problemResponse('Temporal or the database cannot be reached, or no credential key is set'),
}

/**
 * `/api/v1/subjects`: one person's data across the organisation, for the privacy officer and
 * administrators: find it, export it (AVG art. 15) and erase it (art. 17). Every call is in
 * the audit log without the identifiers it was given.
 */
export function subjectRoutes(deps: WiredDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      method: 'post',
      path: '/find',
      summary:
        'What Warmflow holds about one person: the runs their data went through and counts of what hangs off them',
      request: { body: { content: { 'application/json': { schema: lookupSchema } }, required: true } },
      responses: {
        200: { content: { 'application/json': { schema: subjectSchema } }, description: 'What is held' },
        ...problems,
      },
    }),
    async (c) => {
      authorize(c, 'subject:manage')
      const { held, counts } = await findSubject(deps, c.req.valid('json'))
      await audit(deps.db, c, {
        action: 'subject.find',
        objectType: 'subject',
        details: { runs: counts.runs },
      })
      return c.json(
        {
          runs: held.runs.map((run) => ({
            id: run.id,
            flowId: run.flowId,
            flowName: run.flowName,
            teamName: run.teamName,
            createdAt: run.createdAt.toISOString(),
            status: run.erasedAt
              ? ('erased' as const)
              : run.removedAt
                ? ('removed' as const)
                : (run.status as RunStatus),
            trigger: run.trigger,
          })),
          counts,
          truncated: held.truncated,
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/export',
      summary:
        'The access export (AVG art. 15): every run, record and access-log line about one person, as JSON or a readable HTML page',
      request: {
        body: {
          content: {
            'application/json': {
              schema: lookupSchema.extend({ format: z.enum(['json', 'html']).default('json') }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: {
          content: {
            'application/json': { schema: z.record(z.string(), z.unknown()) },
            'text/html': { schema: z.string() },
          },
          description: 'The export, as a file to download (Content-Disposition: attachment)',
        },
        ...problems,
      },
    }),
    async (c) => {
      authorize(c, 'subject:manage')
      const { format, ...lookup } = c.req.valid('json')
      const document = await exportSubject(deps, lookup)
      await audit(deps.db, c, {
        action: 'subject.export',
        objectType: 'subject',
        details: { format, runs: document.runs.length },
      })
      const file = `inzage-${document.generatedAt.slice(0, 10)}.${format}`
      c.header('Content-Disposition', `attachment; filename="${file}"`)
      c.header('Cache-Control', 'no-store')
      if (format === 'html') {
        c.header('Content-Type', 'text/html; charset=utf-8')
        // The page loads nothing and runs nothing; only its own inline styles apply.
        c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
        return c.body(subjectExportHtml(document), 200)
      }
      return c.json(document as unknown as Record<string, unknown>, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/erase',
      summary:
        "Erases one person (AVG art. 17): stops their running flows, destroys their runs' data keys, deletes the Temporal histories and erases their data from PostgreSQL",
      request: {
        body: {
          content: {
            'application/json': {
              schema: lookupSchema.extend({
                reason: z
                  .enum(erasureReasons)
                  .openapi({ description: 'The ground for erasure (AVG art. 17(1))' }),
                reference: z
                  .string()
                  .max(40)
                  .regex(/^[A-Za-z0-9 ./_-]*$/, 'Letters, digits, space, . / _ - only')
                  .optional()
                  .openapi({ description: 'Case number of the request; kept in the audit log, so no names' }),
                confirm: z.literal(true).openapi({ description: 'Must be true: erasure cannot be undone' }),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: { content: { 'application/json': { schema: erasedSchema } }, description: 'What was erased' },
        ...problems,
      },
    }),
    async (c) => {
      authorize(c, 'subject:manage')
      const { reason, reference, confirm: _confirm, ...lookup } = c.req.valid('json')
      const erased = await eraseSubject(deps, lookup)
      // Counts, the ground and the case number: nothing that names the person.
      await audit(deps.db, c, {
        action: 'subject.erase',
        objectType: 'subject',
        details: { reason, ...(reference ? { reference } : {}), ...erased },
      })
      return c.json({ erased }, 200)
    },
  )

  return app
}
