import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { LocalizedText } from '../api/client'
import { en } from './en'
import { nl } from './nl'

/** The languages of the editor; Dutch is the default. */
export type Lang = 'nl' | 'en'

const storageKey = 'warmflow.lang'

function initialLanguage(): Lang {
  try {
    return globalThis.localStorage?.getItem(storageKey) === 'en' ? 'en' : 'nl'
  } catch {
    return 'nl'
  }
}

/**
 * Starts i18next with the Dutch and English texts. Dutch is the default; the choice is kept in
 * localStorage. A missing key shows the key itself (and the unit test fails on it).
 */
export function setupI18n(lang: Lang = initialLanguage()) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { nl: { translation: nl }, en: { translation: en } },
      lng: lang,
      fallbackLng: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    })
  }
  document.documentElement.lang = i18next.language
  return i18next
}

/** Switches the language and remembers it. */
export function switchLanguage(lang: Lang): void {
  void i18next.changeLanguage(lang)
  document.documentElement.lang = lang
  try {
    globalThis.localStorage?.setItem(storageKey, lang)
  } catch {
    // private mode: the choice lasts this page only
  }
}

/** The current language as one of {@link Lang}. */
export function currentLang(language: string): Lang {
  return language.startsWith('en') ? 'en' : 'nl'
}

/** Picks the text for the current language from an API text (or passes a plain string through). */
export function pick(text: LocalizedText | string | undefined, lang: string): string {
  if (text === undefined) return ''
  if (typeof text === 'string') return text
  return currentLang(lang) === 'en' ? text.en : text.nl
}

/**
 * The locale for dates and numbers, following the chosen language: `98,5` and `28 nov 2026` in
 * Dutch, `98.5` and `28 Nov 2026` in English (British conventions: day before month, 24-hour clock).
 */
export function locale(lang: string): string {
  return currentLang(lang) === 'en' ? 'en-GB' : 'nl-NL'
}

/** A date and time in nl-NL style, e.g. `28 nov 2026 14:05`. */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/** A number in the language's style with exactly `digits` decimals, e.g. `1.234,5` or `1,234.5`. */
export function formatNumber(value: number, lang: string, digits = 0): string {
  return new Intl.NumberFormat(locale(lang), {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value)
}

/**
 * A number with at most `digits` decimals and no trailing zeros, e.g. a match score:
 * `98,5` and `91` in Dutch, `98.5` and `91` in English.
 */
export function formatDecimal(value: number, lang: string, digits = 1): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(value)
}

/** A distance in kilometres with one decimal below 10 km: `1,0 km` in Dutch, `1.0 km` in English. */
export function formatKm(km: number, lang: string): string {
  return `${formatNumber(km, lang, km < 10 ? 1 : 0)} km`
}

/** A duration in milliseconds as seconds with one decimal, e.g. `1,2 s`. */
export function formatDuration(ms: number, lang: string): string {
  if (ms < 1000) return `${formatNumber(ms, lang)} ms`
  return `${formatNumber(ms / 1000, lang, 1)} s`
}
