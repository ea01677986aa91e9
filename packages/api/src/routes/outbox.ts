import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createRoute, z } from '@hono/zod-openapi'
import { sql } from 'kysely'
import { hasPermission } from '../auth/roles.js'
import { forbidden, requireViewer, teamIdsOf, visibleTeams } from '../context.js'
import type { AppDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { notFound } from '../problems.js'
import { isUuid, problemResponse, uuidParam } from './schemas.js'

/** The most messages the outbox looks at (the newest); older ones stay in the folder, unlisted. */
export const maxOutboxScan = 1000

const notice = {
  nl: 'Testpostvak — deze berichten zijn niet echt verstuurd',
  en: 'Test outbox — these messages were not really sent',
}

const localized = z.object({ nl: z.string(), en: z.string() })

const summarySchema = z
  .object({
    id: z.string().uuid(),
    receivedAt: z.string(),
    from: z.string(),
    to: z.array(z.string()),
    subject: z.string(),
    teamId: z.string().uuid().nullable(),
    runId: z.string().nullable(),
    flowId: z.string().uuid().nullable(),
  })
  .openapi('OutboxMessageSummary')

const messageSchema = summarySchema
  .extend({
    cc: z.array(z.string()),
    messageId: z.string().nullable(),
    text: z.string().openapi({ description: 'The plain-text body' }),
    attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number() })),
  })
  .openapi('OutboxMessage')

const listSchema = z
  .object({
    enabled: z.boolean().openapi({ description: 'False when e-mail goes to a real mail server' }),
    notice: localized,
    items: z.array(summarySchema),
  })
  .openapi('OutboxList')

/** A message file as the local outbox writes it. */
const storedSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  messageId: z.string().nullable(),
  from: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()).default([]),
  subject: z.string(),
  text: z.string(),
  attachments: z
    .array(z.object({ filename: z.string(), contentType: z.string(), size: z.number() }))
    .default([]),
})
type Stored = z.infer<typeof storedSchema>

const messageNotFound = notFound({ nl: 'Dit bericht', en: 'This message' })

/**
 * `/api/v1/outbox`: the local outbox of `warmflow start` without an SMTP credential (messages
 * a real mail server would have sent). A message belongs to the team of the run that sent it;
 * admins, designers and approvers (coordinators) of that team may read it. A message no run
 * sent (a connection test) is shown to admins only.
 */
export function outboxRoutes(deps: AppDeps) {
  const app = createRouter()
  const dir = deps.outbox?.dir

  /** Admins, designers and approvers: the people who see a run's personal data or its tasks. */
  const viewerOf = (c: Parameters<typeof requireViewer>[0]) => {
    const viewer = requireViewer(c)
    if (!hasPermission(viewer.roles, 'run:personal-data') && !hasPermission(viewer.roles, 'task:work')) {
      throw forbidden()
    }
    return viewer
  }

  /** The newest message files, newest first. */
  const files = async (): Promise<string[]> => {
    if (!dir) return []
    const names = await readdir(dir).catch(() => [] as string[])
    return names
      .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
      .sort()
      .reverse()
      .slice(0, maxOutboxScan)
  }

  const read = async (name: string): Promise<Stored | undefined> => {
    if (!dir) return undefined
    try {
      const parsed = storedSchema.safeParse(JSON.parse(await readFile(join(dir, name), 'utf8')))
      return parsed.success ? parsed.data : undefined
    } catch {
      return undefined
    }
  }

  /** The run (and its team and flow) that sent each message, found by its Message-ID. */
  const owners = async (messageIds: string[]) => {
    const ids = [...new Set(messageIds)]
    if (ids.length === 0) return new Map<string, { runId: string; teamId: string; flowId: string }>()
    const rows = await deps.db
      .selectFrom('email_deliveries')
      .innerJoin('runs', (join) => join.on(sql`runs.id::text`, '=', sql.ref('email_deliveries.run_id')))
      .select(['email_deliveries.message_id', 'runs.id', 'runs.team_id', 'runs.flow_id'])
      .where('email_deliveries.message_id', 'in', ids)
      .execute()
    return new Map(
      rows.map((r) => [String(r.message_id), { runId: r.id, teamId: r.team_id, flowId: r.flow_id }]),
    )
  }

  const summary = (
    message: Stored,
    owner: { runId: string; teamId: string; flowId: string } | undefined,
  ) => ({
    id: message.id,
    receivedAt: message.receivedAt,
    from: message.from,
    to: message.to,
    subject: message.subject,
    teamId: owner?.teamId ?? null,
    runId: owner?.runId ?? null,
    flowId: owner?.flowId ?? null,
  })

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'List the messages of the local test outbox (never really sent), newest first',
      request: {
        query: z.object({
          teamId: z.string().uuid().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: { content: { 'application/json': { schema: listSchema } }, description: 'The messages' },
      },
    }),
    async (c) => {
      const viewer = viewerOf(c)
      const query = c.req.valid('query')
      const teams = new Set(visibleTeams(viewer, query.teamId))
      const admin = viewer.roles.includes('admin') && query.teamId === undefined
      const messages = (await Promise.all((await files()).map(read))).filter((m): m is Stored => !!m)
      const byMessageId = await owners(messages.flatMap((m) => (m.messageId ? [m.messageId] : [])))
      const items = messages
        .map((m) => summary(m, m.messageId ? byMessageId.get(m.messageId) : undefined))
        .filter((m) => (m.teamId ? teams.has(m.teamId) : admin))
        .slice(0, query.limit)
      return c.json({ enabled: dir !== undefined, notice, items }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'Read one message of the local test outbox',
      request: { params: uuidParam },
      responses: {
        200: { content: { 'application/json': { schema: messageSchema } }, description: 'The message' },
        404: problemResponse('No such message'),
      },
    }),
    async (c) => {
      const viewer = viewerOf(c)
      const id = c.req.valid('param').id
      if (!isUuid(id)) throw messageNotFound
      const name = (await files()).find((n) => n.endsWith(`-${id}.json`))
      const message = name ? await read(name) : undefined
      if (!message) throw messageNotFound
      const owner = message.messageId ? (await owners([message.messageId])).get(message.messageId) : undefined
      const allowed = owner ? teamIdsOf(viewer).includes(owner.teamId) : viewer.roles.includes('admin')
      if (!allowed) throw messageNotFound
      return c.json(
        {
          ...summary(message, owner),
          cc: message.cc,
          messageId: message.messageId,
          text: message.text,
          attachments: message.attachments,
        },
        200,
      )
    },
  )

  return app
}
