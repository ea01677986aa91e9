/**
 * A text shown to people, in Dutch (the default) and English.
 *
 * @example
 * const title: LocalizedText = { nl: 'Samenvatten', en: 'Summarise' }
 */
export interface LocalizedText {
  nl: string
  en: string
}

/** The languages Warmflow speaks. Dutch first. */
export const languages = ['nl', 'en'] as const

/** One of {@link languages}. */
export type Language = (typeof languages)[number]
