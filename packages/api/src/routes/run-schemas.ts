import { z } from '@hono/zod-openapi'
import { flowDefinitionSchema } from '@warmflow/engine'
import type { RunRow } from '@warmflow/store'
import { type RunStatus, runStatusSchema } from '../runs/status.js'

const nodeStateSchema = z.object({
  status: z.enum(['pending', 'running', 'completed', 'failed', 'skipped', 'waiting']),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  attempts: z.number().int(),
  output: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
})

/** A run in a list, or as a start answers it. */
export const runSummarySchema = z
  .object({
    id: z.string(),
    flowId: z.string(),
    flowVersion: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The published version the run ran; null for a test run of a draft' }),
    teamId: z.string(),
    status: runStatusSchema,
    trigger: z.string().openapi({ description: '`manual`, `webhook`, `form`, `retry` or `test`' }),
    startedBy: z.string().nullable(),
    retryOf: z.string().nullable(),
    createdAt: z.string(),
    statusUrl: z.string(),
    removedAt: z
      .string()
      .optional()
      .openapi({ description: "When the retention job removed the run's contents (status `removed`)" }),
    erasedAt: z.string().optional().openapi({
      description:
        "When the run's contents were erased on the request of the person it was about (status `erased`)",
    }),
    removedAfterDays: z.number().int().optional().openapi({
      description: 'The term (days) of the flow version the run ran with, after which it was removed',
    }),
    outcome: z
      .string()
      .optional()
      .openapi({ description: 'For a removed or erased run: how it ended (`completed`, `failed`, …)' }),
  })
  .openapi('RunSummary')

/** A run with its output, error and per-node progress. */
export const runSchema = runSummarySchema
  .extend({
    output: z.unknown().optional(),
    error: z.object({ message: z.string() }).optional(),
    nodes: z.record(z.string(), nodeStateSchema).optional(),
    redacted: z
      .boolean()
      .openapi({ description: 'True when personal-data fields were hidden from this viewer' }),
  })
  .openapi('Run')

/** The flow definition a run ran with. */
export const runFlowSchema = z
  .object({
    version: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The published version the run ran; null when it ran a test definition' }),
    test: z.boolean().openapi({ description: 'True when the run ran a draft as a test (or retried one)' }),
    definition: flowDefinitionSchema,
  })
  .openapi('RunFlow')

/** The list shape of a run row; a run the retention job removed is `removed`, with its term and outcome. */
export function toRunSummary(row: RunRow, status: RunStatus = row.status as RunStatus) {
  return {
    id: row.id,
    flowId: row.flow_id,
    flowVersion: row.flow_version,
    teamId: row.team_id,
    status: row.erased_at ? ('erased' as const) : row.removed_at ? ('removed' as const) : status,
    trigger: row.trigger,
    startedBy: row.started_by,
    retryOf: row.retry_of,
    createdAt: row.created_at.toISOString(),
    statusUrl: `/api/v1/runs/${row.id}`,
    ...(row.erased_at ? { erasedAt: row.erased_at.toISOString() } : {}),
    ...(row.removed_at
      ? {
          removedAt: row.removed_at.toISOString(),
          ...(row.removed_after_days === null ? {} : { removedAfterDays: row.removed_after_days }),
          outcome: row.status,
        }
      : {}),
  }
}
