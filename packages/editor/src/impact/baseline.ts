/** The type of the node that asks a person; only these have a per-node baseline. */
export const humanTaskType = 'human.task'

/** The largest number of minutes a baseline may hold (as the flow schema allows). */
export const maxBaselineMinutes = 100_000

/**
 * The designer's baseline for the impact report, as the flow definition stores it: minutes one
 * case took by hand, and optionally minutes by hand per human-task node (node id → minutes).
 */
export interface FlowBaseline {
  minutesByHand?: number
  minutesByHandPerNode?: Record<string, number>
}

/** A number typed into a baseline field, or undefined when it is empty or not a valid number. */
export function parseBaselineMinutes(text: string): number | undefined {
  if (text.trim() === '') return undefined
  const minutes = Number(text)
  if (!Number.isFinite(minutes) || minutes < 0) return undefined
  return Math.min(minutes, maxBaselineMinutes)
}

/** The baseline without empty parts, or undefined when nothing is left (so the flow has no `impact`). */
function tidy(baseline: FlowBaseline): FlowBaseline | undefined {
  const perNode = baseline.minutesByHandPerNode ?? {}
  const result: FlowBaseline = {
    ...(baseline.minutesByHand === undefined ? {} : { minutesByHand: baseline.minutesByHand }),
    ...(Object.keys(perNode).length === 0 ? {} : { minutesByHandPerNode: perNode }),
  }
  return Object.keys(result).length === 0 ? undefined : result
}

/**
 * Sets (or with `undefined` clears) the minutes by hand per case, keeping the per-node baselines.
 *
 * @example
 * withFlowBaseline({ minutesByHandPerNode: { check: 10 } }, 30)
 * // { minutesByHand: 30, minutesByHandPerNode: { check: 10 } }
 */
export function withFlowBaseline(
  baseline: FlowBaseline | undefined,
  minutes: number | undefined,
): FlowBaseline | undefined {
  const { minutesByHand: _previous, ...rest } = baseline ?? {}
  return tidy(minutes === undefined ? rest : { ...rest, minutesByHand: minutes })
}

/**
 * Sets (or with `undefined` clears) one human-task node's minutes by hand, keeping the rest.
 *
 * @example
 * withNodeBaseline({ minutesByHand: 30 }, 'check', 12)
 * // { minutesByHand: 30, minutesByHandPerNode: { check: 12 } }
 */
export function withNodeBaseline(
  baseline: FlowBaseline | undefined,
  nodeId: string,
  minutes: number | undefined,
): FlowBaseline | undefined {
  const { [nodeId]: _previous, ...others } = baseline?.minutesByHandPerNode ?? {}
  return tidy({
    ...baseline,
    minutesByHandPerNode: minutes === undefined ? others : { ...others, [nodeId]: minutes },
  })
}

/**
 * The baseline with only the per-node entries of human-task nodes still in the flow: a node
 * removed from the canvas (or changed to another type) takes its baseline with it, so saving never
 * stores a baseline that publishing would refuse.
 *
 * @example
 * onlyPresentHumanTasks({ minutesByHandPerNode: { gone: 5 } }, []) // undefined
 */
export function onlyPresentHumanTasks(
  baseline: FlowBaseline | undefined,
  nodes: readonly { id: string; type: string }[],
): FlowBaseline | undefined {
  if (!baseline) return undefined
  const perNode = baseline.minutesByHandPerNode
  if (!perNode) return baseline
  const present = new Set(nodes.filter((node) => node.type === humanTaskType).map((node) => node.id))
  const kept = Object.fromEntries(Object.entries(perNode).filter(([nodeId]) => present.has(nodeId)))
  if (Object.keys(kept).length === Object.keys(perNode).length) return baseline
  return tidy({ ...baseline, minutesByHandPerNode: kept })
}
