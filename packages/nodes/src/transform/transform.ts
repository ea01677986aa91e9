import { defineNode, runInline } from '@warmflow/engine'
import { z } from 'zod'

const data = z.record(z.string(), z.unknown())

/** Sets fields from JSONata expressions over the incoming data. */
export const transformNode = defineNode({
  type: 'transform',
  version: 1,
  category: 'logic',
  icon: 'wand',
  title: { nl: 'Gegevens omzetten', en: 'Transform data' },
  description: {
    nl: 'Maakt nieuwe velden met een formule over de binnenkomende gegevens, bijvoorbeeld voornaam & " " & achternaam.',
    en: 'Creates fields with a formula over the incoming data, for example firstName & " " & lastName.',
  },
  input: data,
  config: z.object({
    /** Field name → JSONata expression evaluated against the input. */
    fields: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().min(1).max(4000)).default({}),
    /** Keep the incoming fields next to the new ones. */
    keepInput: z.boolean().default(true),
  }),
  output: data,
  // Pure: the interpreter runs it inside the workflow (the engine's `transform` operation); an
  // input it cannot take there goes to a local activity doing the same (see bench/engine.ts).
  activity: {
    startToCloseTimeout: '10 seconds',
    retry: { maximumAttempts: 2 },
    local: true,
    inline: 'transform',
  },
  execute: ({ input, config }) => runInline('transform', config, input),
})
