import { runNode } from '@warmflow/engine/testing'
import { describe, expect, it } from 'vitest'
import { type FormField, formFieldsSchema, formToJsonSchema, validateFormInput } from './fields.js'
import {
  formTrigger,
  scheduleConfigSchema,
  scheduleTrigger,
  triggerFieldsOf,
  webhookTrigger,
} from './triggers.js'

const fields: FormField[] = formFieldsSchema.parse([
  {
    name: 'naam',
    type: 'text',
    required: true,
    personal: true,
    label: { nl: 'Je naam', en: 'Your name' },
    help: { nl: 'Voor- en achternaam', en: 'First and last name' },
  },
  { name: 'email', type: 'email', personal: true, label: { nl: 'E-mailadres', en: 'E-mail address' } },
  { name: 'postcode', type: 'postcode', required: true, label: { nl: 'Postcode', en: 'Postcode' } },
  {
    name: 'hulp',
    type: 'multiselect',
    required: true,
    label: { nl: 'Waarmee wil je hulp?', en: 'What do you need help with?' },
    options: [
      { value: 'boodschappen', label: { nl: 'Boodschappen', en: 'Groceries' } },
      { value: 'administratie', label: { nl: 'Administratie', en: 'Paperwork' } },
    ],
  },
  { name: 'vog', type: 'boolean', label: { nl: 'VOG nodig?', en: 'VOG needed?' } },
])

describe('form fields', () => {
  it('turn into a JSON Schema with labels and required fields', () => {
    const schema = formToJsonSchema(fields)
    expect(schema.required).toEqual(['naam', 'postcode', 'hulp'])
    expect(schema.properties.email).toMatchObject({ type: 'string', format: 'email', 'x-personal': true })
    expect(schema.properties.hulp).toMatchObject({
      type: 'array',
      items: { enum: ['boodschappen', 'administratie'] },
      'x-type': 'multiselect',
      'x-options': expect.arrayContaining([
        { value: 'administratie', label: { nl: 'Administratie', en: 'Paperwork' } },
      ]),
    })
    expect(schema.properties.naam).toMatchObject({
      title: 'Je naam',
      'x-help': { en: 'First and last name' },
    })
  })

  it('check filled-in data and explain each problem in Dutch and English', () => {
    const result = validateFormInput(fields, { email: 'fout', postcode: '12', hulp: ['koken'] })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toEqual([
      { field: 'naam', nl: 'Je naam: dit veld is verplicht', en: 'Your name: this field is required' },
      {
        field: 'email',
        nl: 'E-mailadres: vul een geldig e-mailadres in',
        en: 'E-mail address: enter a valid e-mail address',
      },
      {
        field: 'postcode',
        nl: 'Postcode: vul een postcode in, zoals 3511 AB',
        en: 'Postcode: enter a postcode, such as 3511 AB',
      },
      {
        field: 'hulp',
        nl: 'Waarmee wil je hulp?: kies een van de opties',
        en: 'What do you need help with?: choose one of the options',
      },
    ])
  })

  it('reject select fields without options and duplicate names', () => {
    expect(
      formFieldsSchema.safeParse([{ name: 'a', type: 'select', label: { nl: 'A', en: 'A' } }]).success,
    ).toBe(false)
    const twice = { name: 'a', type: 'text', label: { nl: 'A', en: 'A' } }
    expect(formFieldsSchema.safeParse([twice, twice]).success).toBe(false)
  })
})

describe('trigger nodes', () => {
  it('form: passes on cleaned data and drops fields it does not know', async () => {
    const { output } = await runNode(formTrigger, {
      config: { fields },
      input: {
        naam: ' Fatima ',
        postcode: '3511ab',
        hulp: ['boodschappen'],
        vog: 'on',
        extra: 'x',
        email: '',
      },
    })
    expect(output).toEqual({ naam: 'Fatima', postcode: '3511 AB', hulp: ['boodschappen'], vog: true })
    await expect(runNode(formTrigger, { config: { fields }, input: {} })).rejects.toMatchObject({
      code: 'trigger.invalid_input',
      details: { fields: ['naam', 'postcode', 'hulp'] },
    })
  })

  it('webhook: checks the named fields and keeps the rest of the body', async () => {
    const { output } = await runNode(webhookTrigger, {
      config: { fields: [{ name: 'id', type: 'text', required: true, label: { nl: 'Id', en: 'Id' } }] },
      input: { id: 'x-1', bron: 'crm' },
    })
    expect(output).toEqual({ id: 'x-1', bron: 'crm' })
    expect((await runNode(webhookTrigger, { input: { a: 1 } })).output).toEqual({ a: 1 })
  })

  it('schedule: needs a cron expression or an interval, and a real time zone', async () => {
    expect(scheduleConfigSchema.parse({ cron: '0 9 * * 1-5' }).timezone).toBe('Europe/Amsterdam')
    expect(scheduleConfigSchema.safeParse({}).success).toBe(false)
    expect(scheduleConfigSchema.safeParse({ cron: '0 9 * * *', everyMinutes: 5 }).success).toBe(false)
    expect(scheduleConfigSchema.safeParse({ cron: 'elke dag' }).success).toBe(false)
    expect(scheduleConfigSchema.safeParse({ everyMinutes: 5, timezone: 'Mars/Olympus' }).success).toBe(false)
    const { output } = await runNode(scheduleTrigger, {
      config: { everyMinutes: 60, input: { soort: 'herinnering' } },
      input: { scheduledAt: '2026-11-28T09:00:00+01:00' },
    })
    expect(output).toEqual({ soort: 'herinnering', scheduledAt: '2026-11-28T09:00:00+01:00' })
  })
})

describe('triggerFieldsOf', () => {
  it('finds the fields of the flow trigger, so the API can check and render the start data', async () => {
    const flow = JSON.parse(
      await (await import('node:fs/promises')).readFile(
        new URL('../../../../examples/flows/nieuwe-aanmelding.json', import.meta.url),
        'utf8',
      ),
    )
    const trigger = triggerFieldsOf(flow)
    expect(trigger?.nodeId).toBe('aanmelding')
    expect(trigger?.fields.map((f) => f.name)).toContain('hulpvraag')
    expect(formToJsonSchema(trigger!.fields).required).toEqual([
      'voornaam',
      'achternaam',
      'email',
      'postcode',
      'taal',
      'talen',
      'hulpvraag',
      'momenten',
    ])
    expect(triggerFieldsOf({ nodes: [{ id: 'start', type: 'manual', config: {} }] })).toBeUndefined()
  })
})
