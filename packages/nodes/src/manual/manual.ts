import { defineNode } from '@warmflow/engine'
import { z } from 'zod'

const data = z.record(z.string(), z.unknown())

/** Starts a flow by hand (from the editor or the API) with the data given at start. */
export const manualTrigger = defineNode({
  type: 'manual',
  version: 1,
  category: 'trigger',
  icon: 'play',
  title: { nl: 'Handmatig starten', en: 'Manual start' },
  description: {
    nl: 'Start de flow met de gegevens die je bij het starten meegeeft.',
    en: 'Starts the flow with the data given when it is started.',
  },
  input: data,
  config: z.object({}).default({}),
  output: data,
  activity: { startToCloseTimeout: '10 seconds' },
  execute: ({ input }) => input,
})
