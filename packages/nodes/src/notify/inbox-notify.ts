import { defineNode, evaluateExpression, NodeError } from '@warmflow/engine'
import { z } from 'zod'
import { renderTemplate } from '../email/template.js'
import { fieldLabel, formulaHelp, inDutch, inEnglish } from '../field-labels.js'
import { requireRecords } from '../records/records.js'

const data = z.record(z.string(), z.unknown())
const bilingual = z.object({
  nl: z.string().min(1).max(2000).meta(inDutch),
  en: z.string().min(1).max(2000).meta(inEnglish),
})
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Puts a notification in the Warmflow inbox of one user or of a whole team. Texts have
 * `{{ field }}` placeholders in Dutch and English. One notification per run and node, also
 * when retried.
 */
export const inboxNotifyNode = defineNode({
  type: 'inbox.notify',
  version: 1,
  category: 'notify',
  icon: 'bell',
  title: { nl: 'Melding in Warmflow', en: 'In-app notification' },
  description: {
    nl: 'Zet een melding in de inbox van een collega of van een heel team.',
    en: "Puts a notification in a colleague's or a whole team's inbox.",
  },
  input: data,
  config: z
    .object({
      /** Expression giving the user id. */
      user: z
        .string()
        .min(1)
        .max(4000)
        .optional()
        .meta(fieldLabel('Gebruiker (formule)', 'User (formula)', formulaHelp)),
      /** Expression giving the team id. */
      team: z
        .string()
        .min(1)
        .max(4000)
        .optional()
        .meta(fieldLabel('Team (formule)', 'Team (formula)', formulaHelp)),
      title: bilingual.meta(fieldLabel('Titel', 'Title')),
      body: bilingual.meta(fieldLabel('Tekst', 'Text')),
      /** Expression giving a link inside Warmflow, e.g. to the run. */
      link: z
        .string()
        .min(1)
        .max(4000)
        .optional()
        .meta(fieldLabel('Link (formule)', 'Link (formula)', formulaHelp)),
    })
    .refine((c) => c.user !== undefined || c.team !== undefined, {
      message: 'Choose a user or a team / kies een gebruiker of een team',
    }),
  output: z.object({ notificationId: z.string() }),
  personalData: { reads: [], sendsOutside: 'never' },
  activity: { startToCloseTimeout: '15 seconds', retry: { maximumAttempts: 3 } },
  async execute({ input, config, records, idempotencyKey, run }) {
    const store = requireRecords(records)
    const id = async (source: string | undefined) => {
      if (!source) return null
      const value = await evaluateExpression(source, input)
      if (typeof value !== 'string' || !uuid.test(value)) {
        throw new NodeError('inbox.invalid_recipient', 'The user or team id is not valid', {
          text: { nl: 'De gebruiker of het team bestaat niet.', en: 'The user or team does not exist.' },
        })
      }
      return value
    }
    const link = config.link ? await evaluateExpression(config.link, input) : undefined
    const row = await store.insertIfAbsent('notifications', {
      idempotency_key: idempotencyKey,
      user_id: await id(config.user),
      team_id: await id(config.team),
      title: {
        nl: renderTemplate(config.title.nl, input).text,
        en: renderTemplate(config.title.en, input).text,
      },
      body: {
        nl: renderTemplate(config.body.nl, input).text,
        en: renderTemplate(config.body.en, input).text,
      },
      link: typeof link === 'string' ? link : null,
      run_id: run.runId,
    })
    const existing =
      row ?? (await store.find('notifications', { where: { idempotency_key: idempotencyKey }, limit: 1 }))[0]
    return { notificationId: String(existing?.id) }
  },
})
