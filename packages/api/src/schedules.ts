import { type Client, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client'
import {
  buildRunInput,
  type FlowSnapshot,
  interpreterWorkflowType,
  type NodeRegistry,
  type RunFlowInput,
  WarmflowError,
} from '@warmflow/engine'

/** The Temporal Schedule id of a flow: one schedule per flow, following its published version. */
export function scheduleIdFor(flowId: string): string {
  return `warmflow-flow-${flowId}`
}

/** What {@link syncFlowSchedule} did. */
export type ScheduleSync =
  | { action: 'created' | 'updated'; scheduleId: string }
  | { action: 'deleted' | 'none'; scheduleId: string }

/**
 * Makes the Temporal Schedule of a flow match a published version: creates or updates it when
 * the version has a trigger whose node definition offers a `schedule` (the built-in `schedule`
 * trigger, or a plugin's), deletes it when it no longer does. Temporal
 * keeps schedules in its own database, so they survive restarts of Warmflow. Call it on every
 * publish (and on archive with `snapshot: undefined` to remove the schedule).
 *
 * Every scheduled run starts the interpreter with the snapshot of that version; its workflow id
 * is `sched-<flowId>-<time>` (Temporal adds the time). Overlapping runs are skipped.
 *
 * @example
 * await syncFlowSchedule(client, { snapshot, registry, taskQueue: 'warmflow' })
 */
export async function syncFlowSchedule(
  client: Client,
  options: {
    flowId?: string
    snapshot: FlowSnapshot | undefined
    registry: NodeRegistry
    taskQueue: string
    teamId?: string
  },
): Promise<ScheduleSync> {
  const flowId = options.snapshot?.flowId ?? options.flowId
  if (!flowId) throw new TypeError('syncFlowSchedule needs a snapshot or a flowId')
  const scheduleId = scheduleIdFor(flowId)
  const handle = client.schedule.getHandle(scheduleId)
  // The trigger whose node definition starts the flow on a schedule (the built-in `schedule`
  // trigger, or a plugin's).
  const trigger = options.snapshot?.definition.nodes
    .map((node) => ({ node, definition: options.registry.get(node.type, node.version) }))
    .find((found) => found.definition?.schedule)
  if (!options.snapshot || !trigger?.definition?.schedule) {
    try {
      await handle.delete()
      return { action: 'deleted', scheduleId }
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return { action: 'none', scheduleId }
      throw error
    }
  }
  const parsed = trigger.definition.config.safeParse(trigger.node.config ?? {})
  if (!parsed.success) {
    throw new WarmflowError('schedule.invalid', `The schedule of flow ${flowId} is not valid`, {
      text: {
        nl: 'Het schema van deze flow klopt niet: kies een cron-regel of een interval en een bestaande tijdzone.',
        en: "This flow's schedule is not valid: choose a cron expression or an interval and an existing time zone.",
      },
    })
  }
  const config = trigger.definition.schedule(parsed.data)
  const snapshot = options.snapshot
  const input = buildRunInput({
    runId: `schedule-${flowId}-v${snapshot.version}`,
    snapshot,
    input: config.input,
    registry: options.registry,
  })
  // Each scheduled run creates its own row in `runs` (with Temporal's run id), so it is listed.
  const args = [
    {
      ...input,
      ...(options.teamId ? { teamId: options.teamId } : {}),
      createRecord: { trigger: 'schedule' },
    } satisfies RunFlowInput,
  ]
  const spec = {
    ...(config.cron
      ? { cronExpressions: [config.cron] }
      : { intervals: [{ every: `${config.everyMinutes} minutes` as const }] }),
    timezone: config.timezone,
  }
  const action = {
    type: 'startWorkflow' as const,
    workflowType: interpreterWorkflowType,
    taskQueue: options.taskQueue,
    workflowId: `sched-${flowId}`,
    args,
  }
  const memo = { flowId, flowVersion: snapshot.version }
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      memo,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
      state: { paused: config.paused, note: `Warmflow flow ${flowId} version ${snapshot.version}` },
    })
    return { action: 'created', scheduleId }
  } catch (error) {
    if ((error as Error).name !== 'ScheduleAlreadyRunning') throw error
  }
  await handle.update((previous) => ({
    ...previous,
    spec,
    action,
    policies: { ...previous.policies, overlap: ScheduleOverlapPolicy.SKIP },
    state: {
      ...previous.state,
      paused: config.paused,
      note: `Warmflow flow ${flowId} version ${snapshot.version}`,
    },
  }))
  return { action: 'updated', scheduleId }
}
