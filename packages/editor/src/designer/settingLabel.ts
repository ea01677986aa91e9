import type { TFunction } from 'i18next'
import type { LocalizedText } from '../api/client'
import type { JsonSchema } from '../api/types'
import { pick } from '../i18n'

/** A setting name made readable: `outputField` → `Output Field`. */
export function humanize(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * The label of a setting in a node's form. The schema's own label (`.meta({ label })` on the
 * zod field) or title wins; else the translation for this node type
 * (`schemaField.<nodeType>.<name>`, e.g. `schemaField.records.update.id`),
 * then the one for the name wherever it appears (`schemaField.<name>`), then the name itself,
 * made readable. The same name can mean different things: `id` is a case's name in a switch but
 * the record to change in `records.update`.
 */
export function settingLabel(
  name: string,
  schema: JsonSchema,
  lang: string,
  t: TFunction,
  nodeType?: string,
): string {
  // `label` comes from the field's zod `.meta({ label })`; `x-title` is the older name for it.
  const title = schema.label ?? (schema['x-title'] as LocalizedText | undefined)
  if (title) return pick(title, lang)
  if (schema.title) return schema.title
  const keys = [...(nodeType ? [`schemaField.${nodeType}.${name}`] : []), `schemaField.${name}`]
  for (const key of keys) {
    // A key that leads to a group of texts (e.g. `schemaField.records`) is not a label.
    const text: unknown = t(key, { defaultValue: '', returnObjects: true })
    if (typeof text === 'string' && text !== '') return text
  }
  return humanize(name)
}
