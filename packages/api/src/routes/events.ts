import { createRoute, z } from '@hono/zod-openapi'
import type { StoredTask } from '@warmflow/engine'
import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import { audit } from '../audit.js'
import { hasPermission, roleSchema } from '../auth/roles.js'
import { authorize, teamIdsOf } from '../context.js'
import type { AppDeps, WiredDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { runDetail } from '../runs/read-back.js'
import { flowDefinitionOf, loadTeamRun } from '../runs/repository.js'
import { redactRunDetail } from './redact.js'
import { problemResponse, uuidParam } from './schemas.js'
import { toTaskSummary } from './task-schemas.js'

/** How often the streams look for news, and how long one stream lives at most. */
export interface EventStreamSettings {
  pollMs?: number
  maxStreamMs?: number
}

const sseResponse = (description: string) => ({
  content: { 'text/event-stream': { schema: z.string().openapi({ description: 'Server-sent events' }) } },
  description,
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** `GET /api/v1/runs/{id}/events`: live progress of one run as server-sent events. */
export function runEventRoutes(deps: AppDeps) {
  const app = createRouter()
  const pollMs = deps.events?.pollMs ?? 500
  const maxStreamMs = deps.events?.maxStreamMs ?? 10 * 60_000

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/events',
      summary: 'Live run progress: `progress` events while it runs, then one `end` event',
      request: { params: uuidParam },
      responses: { 200: sseResponse('The event stream'), 404: problemResponse('No such run') },
    }),
    // biome-ignore lint/suspicious/noExplicitAny: a stream is not one of the JSON answers OpenAPI types know
    (async (c: Context): Promise<any> => {
      const viewer = authorize(c, 'run:read')
      const row = await loadTeamRun(deps, viewer, c.req.param('id') as string)
      const seesPersonalData = hasPermission(viewer.roles, 'run:personal-data')
      const definition = seesPersonalData ? undefined : await flowDefinitionOf(deps, row)
      await audit(deps.db, c, {
        action: 'run.read',
        objectType: 'run',
        objectId: row.id,
        teamId: row.team_id,
        details: { personalData: seesPersonalData, stream: true },
      })
      return streamSSE(c, async (stream) => {
        const until = Date.now() + maxStreamMs
        let last = ''
        let sequence = 0
        while (!stream.aborted && Date.now() < until) {
          const detail = await runDetail(deps, row)
          const shown = seesPersonalData
            ? { output: detail.output, nodes: detail.nodes, error: detail.error }
            : redactRunDetail(definition, deps.registry, detail)
          const payload = JSON.stringify({
            status: detail.status,
            nodes: shown.nodes ?? {},
            ...(detail.status === 'running' || shown.output === undefined ? {} : { output: shown.output }),
            // The run's error may quote a value too: cut like the nodes' errors for redacted viewers.
            ...(shown.error ? { error: shown.error } : {}),
          })
          if (payload !== last) {
            last = payload
            sequence += 1
            await stream.writeSSE({ event: 'progress', data: payload, id: String(sequence) })
          }
          if (detail.status !== 'running') {
            await stream.writeSSE({ event: 'end', data: JSON.stringify({ status: detail.status }) })
            return
          }
          await sleep(pollMs)
        }
      })
    }) as never,
  )
  return app
}

/** `GET /api/v1/tasks/events`: new tasks in the viewer's inbox as server-sent events. */
export function taskEventRoutes(deps: WiredDeps) {
  const app = createRouter()
  const pollMs = deps.events?.pollMs ?? 1_000
  const maxStreamMs = deps.events?.maxStreamMs ?? 10 * 60_000
  const store = deps.stores.taskStore

  app.openapi(
    createRoute({
      method: 'get',
      path: '/events',
      summary: 'New tasks for my teams as they arrive (`task` events)',
      responses: { 200: sseResponse('The event stream') },
    }),
    // biome-ignore lint/suspicious/noExplicitAny: a stream is not one of the JSON answers OpenAPI types know
    (async (c: Context): Promise<any> => {
      const viewer = authorize(c, 'task:work')
      const teams = teamIdsOf(viewer)
      const knownRoles = roleSchema.options as readonly string[]
      const isAdmin = viewer.roles.includes('admin')
      return streamSSE(c, async (stream) => {
        const until = Date.now() + maxStreamMs
        let since = new Date()
        const seen = new Set<string>()
        await stream.writeSSE({ event: 'ready', data: '{}' })
        while (!stream.aborted && Date.now() < until && teams.length > 0) {
          let query = deps.db
            .selectFrom('tasks')
            .select(['id', 'created_at'])
            .where('team_id', 'in', teams)
            .where('status', '=', 'open')
            .where('created_at', '>=', since)
            .orderBy('created_at')
            .limit(100)
          if (!isAdmin) {
            query = query.where((eb) =>
              eb.or([eb('role', 'in', viewer.roles as string[]), eb('role', 'not in', [...knownRoles])]),
            )
          }
          const rows = await query.execute()
          for (const row of rows) {
            if (seen.has(row.id)) continue
            seen.add(row.id)
            const task = (await store.getTask(row.id)) as StoredTask
            await stream.writeSSE({ event: 'task', id: row.id, data: JSON.stringify(toTaskSummary(task)) })
            if (row.created_at > since) since = row.created_at
          }
          await sleep(pollMs)
        }
      })
    }) as never,
  )
  return app
}
