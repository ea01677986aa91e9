import type { TFunction } from 'i18next'

/**
 * What a node's personal-data declaration means, as a sentence: `*` (it may read anything it is
 * given) in words rather than as a star, and named fields by their labels.
 *
 * @example
 * personalDataSentence(['*'], t) // 'Dit blok kan alle gegevens lezen die het krijgt, ook persoonsgegevens.'
 * personalDataSentence(['to', 'email'], t) // 'Dit blok leest persoonsgegevens: Aan, E-mailadres.'
 */
export function personalDataSentence(reads: readonly string[], t: TFunction): string | undefined {
  if (reads.length === 0) return undefined
  if (reads.includes('*')) return t('privacy.nodeReadsAll')
  const fields = reads.map((field) => t(`schemaField.${field}`, { defaultValue: field }))
  return t('privacy.nodeReads', { fields: fields.join(', ') })
}
