import { defineNode, definePlugin } from '@warmflow/engine'
import { z } from 'zod'

/** The activities of the hand-written baseline workflows. */
export interface BaselineActivities {
  noop(value: unknown): Promise<unknown>
}

/** Returns its input: the cheapest possible activity. */
export const baselineActivities: BaselineActivities = {
  async noop(value) {
    return value
  },
}

/** A node that returns its input, so the interpreter's own cost is what gets measured. */
export const noopNode = defineNode({
  type: 'bench.noop',
  version: 1,
  category: 'logic',
  title: { nl: 'Niets doen', en: 'No-op' },
  input: z.record(z.string(), z.unknown()),
  config: z.object({}),
  output: z.record(z.string(), z.unknown()),
  activity: { startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 3 } },
  execute: ({ input }) => input,
})

/** The same no-op node declared pure, so the interpreter runs it as a local activity. */
export const pureNoopNode = defineNode({
  ...noopNode,
  type: 'bench.pure-noop',
  title: { nl: 'Niets doen (lokaal)', en: 'No-op (local)' },
  activity: { startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 3 }, local: true },
})

/** The benchmark's plugin: the two no-op nodes. */
export const benchPlugin = definePlugin({
  name: '@warmflow/bench',
  version: '0.1.0',
  nodes: [noopNode, pureNoopNode],
})
