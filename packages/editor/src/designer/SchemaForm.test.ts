import i18next from 'i18next'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import type { JsonSchema } from '../api/types'
import { en } from '../i18n/en'
import { nl } from '../i18n/nl'
import { SchemaForm } from './SchemaForm'

const i18n = i18next.createInstance()
beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng: 'nl',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  })
})

const bilingual: JsonSchema = {
  type: 'object',
  properties: { nl: { type: 'string' }, en: { type: 'string' } },
  required: ['nl', 'en'],
}
// The e-mail node's shape: a required text per language, and optional HTML per language.
const schema: JsonSchema = {
  type: 'object',
  properties: { body: bilingual, html: bilingual },
  required: ['body'],
}

function form(value: Record<string, unknown>): string {
  return renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(SchemaForm, { schema, value: value as never, errors: new Map(), onChange: () => {} }),
    ),
  )
}

/** The text of each fieldset's legend and of each label, as the form shows them. */
function labels(markup: string): string[] {
  return [...markup.matchAll(/<(?:legend|label)[^>]*>(.*?)<\/(?:legend|label)>/g)].map((match) =>
    match[1]!.replace(/<[^>]+>/g, '').trim(),
  )
}

describe('config forms and required fields', () => {
  it('does not mark the fields of an optional group nobody filled in as required', () => {
    const shown = labels(form({ body: { nl: 'Hallo', en: 'Hello' } }))
    const html = shown.findIndex((text) => /HTML/i.test(text))
    expect(shown[html]).toMatch(/\(niet verplicht\)$/)
    expect(shown.slice(html + 1, html + 3).every((text) => !text.includes('(verplicht)'))).toBe(true)
    // The required group's own fields are marked.
    expect(shown.slice(1, 3).every((text) => text.includes('(verplicht)'))).toBe(true)
  })

  it('marks them once one of them is filled in', () => {
    const shown = labels(form({ body: { nl: 'Hallo', en: 'Hello' }, html: { nl: '<p>Hallo</p>' } }))
    const html = shown.findIndex((text) => /HTML/i.test(text))
    expect(shown.slice(html + 1, html + 3).every((text) => text.includes('(verplicht)'))).toBe(true)
  })
})

describe('settings with a fixed set of values', () => {
  const taskSchema: JsonSchema = {
    type: 'object',
    properties: { teamId: { type: 'string', format: 'uuid' }, role: { type: 'string' } },
    required: ['role'],
  }
  const teams = [
    { id: '6f1c0a52-0000-4000-8000-000000000001', name: 'Vrijwilligerscentrale' },
    { id: '6f1c0a52-0000-4000-8000-000000000002', name: 'Buurtteam Noord' },
  ]
  const render = (value: Record<string, unknown>) =>
    renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n },
        createElement(SchemaForm, {
          schema: taskSchema,
          teams,
          value: value as never,
          errors: new Map(),
          onChange: () => {},
        }),
      ),
    )

  it("offers the person's teams for a task's team, and the run's team when left empty", () => {
    const markup = render({ role: 'approver' })
    const options = [...markup.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => m[2])
    expect(options.slice(0, 3)).toEqual(['Het team van de run', 'Vrijwilligerscentrale', 'Buurtteam Noord'])
    expect(markup).toMatch(/<select[^>]*>/)
  })

  it("suggests Warmflow's inbox roles for a task's role", () => {
    const markup = render({})
    expect(markup).toMatch(/<datalist id="[^"]+-roles">/)
    expect(markup).toContain(
      '<option value="approver">Goedkeurder: iedereen die de werkbak gebruikt</option>',
    )
  })
})
