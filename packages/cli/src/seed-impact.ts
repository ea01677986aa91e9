import { type FlowDefinition, flowDefinitionSchema } from '@warmflow/engine'
import type { Database } from '@warmflow/store'
import type { Insertable, Kysely } from 'kysely'
import { insertPublishedFlow } from './seed.js'

/** The name of the example flow; it says on its face that its history is example data. */
export const exampleImpactFlowName = 'Voortgangsverslag (voorbeeldgegevens)'

/** The trigger of example runs: the impact report counts them as `exampleCases`. */
export const exampleTrigger = 'example'

/** What {@link seedImpactExample} added. */
export interface ImpactExampleSeed {
  flowId: string | null
  cases: number
}

const definition: FlowDefinition = flowDefinitionSchema.parse({
  name: exampleImpactFlowName,
  description:
    'Voorbeeldgegevens: een verzonnen geschiedenis van zes weken, zodat de pagina Impact gevuld is. / ' +
    'Example data: six weeks of made-up history, so the Impact page is filled.',
  impact: { minutesByHand: 45 },
  nodes: [
    { id: 'gesprek', type: 'manual', version: 1, position: { x: 0, y: 0 } },
    {
      id: 'concept',
      type: 'ai.summarise',
      version: 1,
      config: { fields: ['gespreksnotities'], outputField: 'verslag' },
      position: { x: 280, y: 0 },
    },
    {
      id: 'controleren',
      type: 'human.task',
      version: 1,
      config: {
        title: { nl: 'Voortgangsverslag controleren', en: 'Check the progress report' },
        role: 'approver',
        form: {
          fields: { verslag: { type: 'text', title: { nl: 'Verslag', en: 'Report' }, required: true } },
        },
        data: { verslag: '$nodes.concept.verslag', verslagMeta: '$nodes.concept.verslagMeta' },
      },
      position: { x: 560, y: 0 },
    },
  ],
  edges: [
    { id: 'e1', source: 'gesprek', target: 'concept' },
    { id: 'e2', source: 'concept', target: 'controleren' },
  ],
})

/** A small deterministic generator, so every demo shows the same example history. */
function generator(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

/**
 * Gives a team an example flow with six weeks of clearly labelled example history
 * ("voorbeeldgegevens"): completed runs (trigger `example`), their decided human tasks with
 * handling times that shrink as the team gets used to the AI drafts, and the drafts accepted,
 * edited or rejected. Nothing real is in it: no names, no case data, deciders are made-up ids.
 * Does nothing when the team already has the example flow.
 *
 * @example
 * await seedImpactExample(db, teamId) // { flowId: '…', cases: 60 }
 */
export async function seedImpactExample(
  db: Kysely<Database>,
  teamId: string,
  now = new Date(),
): Promise<ImpactExampleSeed> {
  const existing = await db
    .selectFrom('flows')
    .select('id')
    .where('team_id', '=', teamId)
    .where('name', '=', exampleImpactFlowName)
    .executeTakeFirst()
  if (existing) return { flowId: null, cases: 0 }
  const random = generator(20260302)
  return db.transaction().execute(async (trx) => {
    const flowId = await insertPublishedFlow(trx, definition, teamId, 'Voorbeeldgegevens / example data')
    const people = ['voorbeeld-1', 'voorbeeld-2', 'voorbeeld-3', 'voorbeeld-4']
    const runs: Insertable<Database['runs']>[] = []
    const tasks: Insertable<Database['tasks']>[] = []
    const measures: Insertable<Database['task_measures']>[] = []
    const drafts: Insertable<Database['ai_draft_measures']>[] = []
    const weeks = 6
    for (let week = weeks; week >= 1; week--) {
      const count = 8 + Math.floor(random() * 6)
      // The team gets faster with the drafts: from about 22 minutes to about 12.
      const typical = 12 + (week - 1) * 2
      for (let i = 0; i < count; i++) {
        const runId = crypto.randomUUID()
        const taskId = crypto.randomUUID()
        const startedAt = new Date(now.getTime() - week * 7 * day + Math.floor(random() * 5) * day + 9 * hour)
        const failed = random() < 0.05
        const leadMs = Math.round((2 + random() * 28) * hour)
        const endedAt = new Date(startedAt.getTime() + (failed ? 10 * minute : leadMs))
        runs.push({
          id: runId,
          flow_id: flowId,
          flow_version: 1,
          workflow_id: `example-${runId}`,
          status: failed ? 'failed' : 'completed',
          team_id: teamId,
          started_by: null,
          trigger: exampleTrigger,
          idempotency_key: null,
          retry_of: null,
          created_at: startedAt,
          updated_at: endedAt,
        })
        if (failed) continue
        const decidedAt = new Date(startedAt.getTime() + Math.round(leadMs * (0.6 + random() * 0.3)))
        const openedAt = new Date(
          startedAt.getTime() + Math.round((decidedAt.getTime() - startedAt.getTime()) * 0.5),
        )
        const activeMs = Math.round(typical * (0.6 + random() * 0.8) * minute)
        const roll = random()
        const verdict = roll < 0.55 ? 'accepted' : roll < 0.85 ? 'edited' : 'rejected'
        const decidedBy = people[Math.floor(random() * people.length)]!
        tasks.push({
          id: taskId,
          workflow_id: `example-${runId}`,
          run_id: runId,
          flow_id: flowId,
          flow_version: 1,
          node_id: 'controleren',
          team_id: teamId,
          role: 'approver',
          assignee: decidedBy,
          title: JSON.stringify({ nl: 'Voortgangsverslag controleren', en: 'Check the progress report' }),
          form: JSON.stringify({ fields: {} }),
          data: JSON.stringify({ voorbeeldgegevens: true }),
          status: 'completed',
          outcome: JSON.stringify({ decision: verdict === 'rejected' ? 'rejected' : 'approved', fields: {} }),
          deadline: null,
          started_by: null,
          created_at: startedAt,
          updated_at: decidedAt,
          closed_at: decidedAt,
        })
        measures.push({
          task_id: taskId,
          run_id: runId,
          flow_id: flowId,
          team_id: teamId,
          node_id: 'controleren',
          run_created_at: startedAt,
          created_at: startedAt,
          opened_at: openedAt,
          claimed_at: openedAt,
          active_ms: activeMs,
          last_beat_at: decidedAt,
          decided_at: decidedAt,
          decided_by: decidedBy,
          decision: verdict === 'rejected' ? 'rejected' : 'approved',
        })
        drafts.push({
          task_id: taskId,
          field: 'verslag',
          run_id: runId,
          flow_id: flowId,
          team_id: teamId,
          node_id: 'controleren',
          run_created_at: startedAt,
          method: 'openai-compatible',
          model: 'voorbeeldmodel',
          verdict,
          edit_ratio:
            verdict === 'edited'
              ? Math.round((0.05 + random() * 0.35) * 1000) / 1000
              : verdict === 'accepted'
                ? 0
                : null,
          decided_at: decidedAt,
        })
      }
    }
    await trx.insertInto('runs').values(runs).execute()
    await trx.insertInto('tasks').values(tasks).execute()
    await trx.insertInto('task_measures').values(measures).execute()
    await trx.insertInto('ai_draft_measures').values(drafts).execute()
    return { flowId, cases: runs.length }
  })
}
