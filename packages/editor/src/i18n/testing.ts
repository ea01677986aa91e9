import i18next, { type i18n as I18n } from 'i18next'
import { beforeAll } from 'vitest'
import { en } from './en'
import { nl } from './nl'

/**
 * An i18next instance of its own with the editor's Dutch and English texts, for unit tests: it is
 * started in a `beforeAll` of the calling test file, Dutch first, with no fallback language so a
 * missing text shows as its key. Call it at the top of a test file.
 */
export function testI18n(): I18n {
  const i18n = i18next.createInstance()
  beforeAll(async () => {
    await i18n.init({
      resources: { nl: { translation: nl }, en: { translation: en } },
      lng: 'nl',
      fallbackLng: false,
      interpolation: { escapeValue: false },
    })
  })
  return i18n
}
