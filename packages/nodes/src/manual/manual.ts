import { defineNode } from '@warmflow/engine'
import { z } from 'zod'
import { fieldsStartInput, formFieldsSchema } from '../triggers/fields.js'
import { checkTriggerInput, passWithoutFields } from '../triggers/triggers.js'

const data = z.record(z.string(), z.unknown())

/**
 * Starts a flow by hand (from the editor or the API) with the data given at start, checked
 * against the input schema in its config when one is set.
 */
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
  config: z
    .object({
      /** The fields the start data must have (labels nl/en, types, required); empty accepts anything. */
      fields: formFieldsSchema.default([]),
    })
    .default({ fields: [] }),
  output: data,
  // The start data can hold anything, personal data included.
  personalData: { reads: ['*'], sendsOutside: 'never' },
  // Passes its input on: a local activity, like other pure nodes.
  activity: {
    startToCloseTimeout: '10 seconds',
    local: true,
    inline: passWithoutFields,
  },
  startInput: (config) => fieldsStartInput(config.fields),
  execute: ({ input, config }) => checkTriggerInput(config.fields, input),
})
