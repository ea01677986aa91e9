import type { FieldMeta } from '@warmflow/engine'

/** The label of the Dutch half of a `{ nl, en }` setting. */
export const inDutch: FieldMeta = { label: { nl: 'Nederlands', en: 'Dutch' } }

/** The label of the English half of a `{ nl, en }` setting. */
export const inEnglish: FieldMeta = { label: { nl: 'Engels', en: 'English' } }

/** The help of a setting that holds a formula (JSONata) over the incoming data. */
export const formulaHelp = {
  nl: 'Een formule over de gegevens van de stappen ervoor, bijvoorbeeld aanvrager.email.',
  en: 'A formula over the data of the steps before, for example aanvrager.email.',
} as const

/**
 * The meta of a config field with a label and, optionally, a help text.
 *
 * @example
 * limit: z.number().int().meta(fieldLabel('Hoogstens zoveel regels', 'At most this many rows')).default(100)
 */
export function fieldLabel(nl: string, en: string, help?: { nl: string; en: string }): FieldMeta {
  return help ? { label: { nl, en }, help } : { label: { nl, en } }
}
