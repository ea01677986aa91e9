import { defineNode, evaluateExpression, NodeError } from '@warmflow/engine'
import { z } from 'zod'
import { fieldLabel, formulaHelp } from '../field-labels.js'
import { requireRecords } from '../records/records.js'
import { matchRequestSchema, matchRulesSchema, rankVolunteers } from './score.js'

const data = z.record(z.string(), z.unknown())
const expression = z.string().min(1).max(4000)

const reason = z.object({
  code: z.string(),
  effect: z.enum(['plus', 'min', 'info']),
  nl: z.string(),
  en: z.string(),
})

/**
 * Ranks volunteers for a request. The request's needs come from upstream data through
 * expressions; the volunteers come from Warmflow's `volunteers` table (`ctx.records`), or from
 * upstream data when `candidates` is set (e.g. the `records` of a preceding `records.read`).
 * Never decides alone: put a human task after it.
 */
export const matchVolunteersNode = defineNode({
  type: 'match.volunteers',
  version: 1,
  category: 'matching',
  icon: 'users-match',
  title: { nl: 'Vrijwilligers zoeken', en: 'Match volunteers' },
  description: {
    nl: 'Zet de best passende vrijwilligers bovenaan: op beschikbaarheid, vaardigheden, talen, afstand en hoe druk ze zijn. Bij elke score staat waarom. Een mens kiest.',
    en: 'Ranks the best-fitting volunteers: by availability, skills, languages, distance and how busy they are. Every score says why. A person decides.',
  },
  input: data,
  config: z.object({
    /** Expressions over the input giving what the request needs. */
    request: z
      .object({
        skills: expression.meta(fieldLabel('Vaardigheden', 'Skills', formulaHelp)).default('skills'),
        niceToHave: expression
          .meta(fieldLabel('Mooi meegenomen', 'Nice to have', formulaHelp))
          .default('niceToHave'),
        languages: expression.meta(fieldLabel('Talen', 'Languages', formulaHelp)).default('languages'),
        availability: expression
          .meta(fieldLabel('Beschikbaarheid', 'Availability', formulaHelp))
          .default('availability'),
        postcode: expression.meta(fieldLabel('Postcode', 'Postcode', formulaHelp)).default('postcode'),
        requiresVog: expression
          .meta(fieldLabel('VOG nodig', 'Certificate of conduct (VOG) needed', formulaHelp))
          .default('requiresVog'),
      })
      .meta(
        fieldLabel('Wat de hulpvraag vraagt (formules)', 'What the request asks for (formulas)', {
          nl: 'Per onderdeel een formule die het uit de gegevens haalt.',
          en: 'Per part a formula that takes it from the data.',
        }),
      )
      .default({
        skills: 'skills',
        niceToHave: 'niceToHave',
        languages: 'languages',
        availability: 'availability',
        postcode: 'postcode',
        requiresVog: 'requiresVog',
      }),
    /** Expression giving the team whose volunteers to consider; the run's team when empty. */
    team: expression.optional().meta(
      fieldLabel('Team (formule)', 'Team (formula)', {
        nl: 'Uit welk team de vrijwilligers komen. Leeg: het team van deze run.',
        en: 'Which team the volunteers come from. Empty: the team of this run.',
      }),
    ),
    /** Expression giving the candidate volunteers from upstream data instead of the table. */
    candidates: expression.optional().meta(
      fieldLabel('Kandidaten (formule)', 'Candidates (formula)', {
        nl: 'Mag leeg blijven. Een formule die de vrijwilligers uit eerdere stappen geeft, in plaats van de tabel.',
        en: 'May stay empty. A formula giving the volunteers from earlier steps, instead of the table.',
      }),
    ),
    rules: matchRulesSchema.meta(fieldLabel('Regels', 'Rules')).default(matchRulesSchema.parse({})),
  }),
  output: z.object({
    matches: z.array(
      z.object({
        volunteerId: z.string(),
        name: z.string(),
        rank: z.number().int(),
        score: z.number(),
        parts: z.record(z.string(), z.number()),
        distanceKm: z.number().nullable(),
        reasons: z.array(reason),
      }),
    ),
    excluded: z.array(z.object({ volunteerId: z.string(), name: z.string(), reasons: z.array(reason) })),
    considered: z.number().int(),
  }),
  personalData: {
    reads: ['postcode'],
    sendsOutside: 'never',
    // The client's postcode against the volunteers' names, places, languages and availability.
    register: () => ({ categories: ['name', 'address', 'profile'], subjects: ['clients', 'volunteers'] }),
  },
  activity: { startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 3 } },
  async execute({ input, config, records, run }) {
    const raw: Record<string, unknown> = {}
    for (const [field, source] of Object.entries(config.request)) {
      const value = await evaluateExpression(source, input)
      if (value !== undefined && value !== null) raw[field] = value
    }
    if (typeof raw.skills === 'string') raw.skills = [raw.skills]
    if (typeof raw.niceToHave === 'string') raw.niceToHave = [raw.niceToHave]
    if (typeof raw.languages === 'string') raw.languages = [raw.languages]
    // JSONata gives a list of one as the item itself: one chosen moment is one object.
    if (typeof raw.availability === 'object' && !Array.isArray(raw.availability)) {
      raw.availability = [raw.availability]
    }
    const request = matchRequestSchema.safeParse(raw)
    if (!request.success) {
      const problems = request.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
      throw new NodeError('match.invalid_request', `The request to match is not valid: ${problems}`, {
        text: {
          nl: `De hulpvraag is niet compleet of klopt niet: ${problems}`,
          en: `The request for help is incomplete or not valid: ${problems}`,
        },
      })
    }
    let candidates: unknown
    if (config.candidates) {
      candidates = await evaluateExpression(config.candidates, input)
      if (candidates !== undefined && !Array.isArray(candidates)) candidates = [candidates]
    } else {
      const team = config.team ? await evaluateExpression(config.team, input) : run.teamId
      candidates = await requireRecords(records).find('volunteers', {
        where: { active: true, ...(typeof team === 'string' ? { team_id: team } : {}) },
        limit: 1000,
      })
    }
    return rankVolunteers(
      request.data,
      (candidates ?? []) as Parameters<typeof rankVolunteers>[1],
      config.rules,
    )
  },
})
