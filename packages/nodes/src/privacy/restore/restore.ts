import { defineNode, NodeError } from '@warmflow/engine'
import { z } from 'zod'
import { fieldLabel } from '../../field-labels.js'
import { fieldPathPattern, getPath, setPath } from '../paths.js'
import { loadPseudonymKey, openMapping, pseudonymKeySlot, readPrivacyMarker } from '../vault.js'

const data = z.record(z.string(), z.unknown())
const fieldPath = z
  .string()
  .regex(fieldPathPattern, 'Use field names with letters, digits and _, joined by dots')

/**
 * Puts the real values back into chosen fields, e.g. into an AI draft just before an e-mail is
 * sent inside the organisation. Only for nodes that keep data inside the organisation: the
 * restored fields are listed in `_privacy.restored`, and `privacyProblems` warns when an AI node
 * comes after this node.
 */
export const restoreNode = defineNode({
  type: 'privacy.restore',
  version: 1,
  category: 'privacy',
  icon: 'shield-check',
  title: { nl: 'Persoonsgegevens terugzetten', en: 'Restore personal data' },
  description: {
    nl: 'Zet de echte namen en gegevens terug op de plek van codes zoals [NAAM_1]. Gebruik dit alleen vlak voor een stap binnen de organisatie, zoals een e-mail naar de vrijwilliger. Stuur het resultaat niet naar een AI-dienst.',
    en: 'Puts the real names and data back in place of codes such as [NAAM_1]. Use this only right before a step inside the organisation, such as an e-mail to the volunteer. Do not send the result to an AI service.',
  },
  input: data,
  config: z.object({
    /** Fields holding placeholders to replace by the real values. */
    fields: z
      .array(fieldPath)
      .min(1)
      .max(50)
      .meta(
        fieldLabel('Velden', 'Fields', {
          nl: 'Velden met codes zoals [NAAM_1] die weer de echte gegevens krijgen, voor gebruik binnen de organisatie.',
          en: 'Fields with codes such as [NAAM_1] that get the real data back, for use inside the organisation.',
        }),
      ),
    /** The restored data must stay inside the organisation; this is not a switch. */
    internalOnly: z
      .literal(true)
      .meta(
        fieldLabel('Alleen binnen de organisatie', 'Only inside the organisation', {
          nl: 'De echte gegevens blijven binnen de organisatie. Dit is geen keuze.',
          en: 'The real data stays inside the organisation. This is not a choice.',
        }),
      )
      .default(true),
  }),
  output: data,
  secrets: [pseudonymKeySlot],
  personalData: { reads: ['*'], sendsOutside: 'never', register: () => ({ safeguard: 'restore' }) },
  activity: { startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 3 } },
  async execute({ input, config, secrets, run, log }) {
    const marker = readPrivacyMarker(input)
    if (!marker?.mapping) {
      throw new NodeError('privacy.no_mapping', 'The input carries no pseudonym mapping to restore from', {
        text: {
          nl: 'Er zijn geen vervangen gegevens om terug te zetten. Zet het blok "Persoonsgegevens vervangen" eerder in de flow.',
          en: 'There is no replaced data to restore. Put the "Pseudonymise" node earlier in the flow.',
        },
      })
    }
    const book = openMapping(marker.mapping, await loadPseudonymKey(secrets), run.runId)
    const result = structuredClone(input)
    const restored = new Set(marker.restored ?? [])
    let unknown = 0
    for (const path of config.fields) {
      const value = getPath(input, path)
      if (typeof value !== 'string') continue
      const outcome = book.restore(value)
      unknown += outcome.unknown
      if (setPath(result, path, outcome.text)) restored.add(path)
    }
    // Placeholders the mapping does not know were probably invented by an AI model: left as they are.
    if (unknown > 0) log.warn('Unknown placeholders left in place', { count: unknown })
    result._privacy = {
      ...marker,
      pseudonymised: marker.pseudonymised.filter((path) => !restored.has(path)),
      restored: [...restored],
    }
    return result
  },
})
