import { z } from 'zod'
import { fieldLabel } from '../field-labels.js'
import { availabilitySlotSchema, type dayParts, type weekdays } from '../records/schemas.js'
import { centroidOf, distanceKm } from './postcodes.js'

/** How much each part of the score counts. Any non-negative numbers; they are normalised. */
export const matchWeightsSchema = z.object({
  availability: z.number().min(0).max(100).meta(fieldLabel('Beschikbaarheid', 'Availability')).default(30),
  skills: z.number().min(0).max(100).meta(fieldLabel('Vaardigheden', 'Skills')).default(25),
  languages: z.number().min(0).max(100).meta(fieldLabel('Talen', 'Languages')).default(15),
  distance: z.number().min(0).max(100).meta(fieldLabel('Afstand', 'Distance')).default(15),
  load: z
    .number()
    .min(0)
    .max(100)
    .meta(
      fieldLabel('Drukte', 'Load', {
        nl: 'Hoe zwaar telt dat iemand al veel koppelingen heeft.',
        en: 'How much it counts that someone already has many matches.',
      }),
    )
    .default(10),
  fairness: z
    .number()
    .min(0)
    .max(100)
    .meta(
      fieldLabel('Eerlijk verdelen', 'Fair spread', {
        nl: 'Hoe zwaar telt dat iemand lang niet gekoppeld is.',
        en: 'How much it counts that someone has not been matched for a long time.',
      }),
    )
    .default(5),
})
/** Weights of the score parts. */
export type MatchWeights = z.infer<typeof matchWeightsSchema>

/** Hard rules and limits of a matching. */
export const matchRulesSchema = z.object({
  weights: matchWeightsSchema
    .meta(
      fieldLabel('Gewichten', 'Weights', {
        nl: 'Hoe zwaar elk deel telt in de score. Alleen de verhouding telt.',
        en: 'How much each part counts in the score. Only the ratio matters.',
      }),
    )
    .default(matchWeightsSchema.parse({})),
  /** Volunteers further away than this are left out. */
  maxDistanceKm: z
    .number()
    .positive()
    .max(500)
    .meta(fieldLabel('Hoogstens zoveel km', 'At most this many km'))
    .default(10),
  /** Leave out volunteers who share none of the request's languages (when it names any). */
  requireLanguage: z
    .boolean()
    .meta(fieldLabel('Een gedeelde taal is nodig', 'A shared language is needed'))
    .default(true),
  /** Leave out volunteers with no overlap in availability (when the request names slots). */
  requireAvailability: z
    .boolean()
    .meta(fieldLabel('Een gedeeld moment is nodig', 'A shared moment is needed'))
    .default(true),
  /** How many to return. */
  top: z
    .number()
    .int()
    .min(1)
    .max(50)
    .meta(fieldLabel('Aantal voorstellen', 'Number of proposals'))
    .default(3),
})
/** Rules of a matching. */
export type MatchRules = z.infer<typeof matchRulesSchema>

const tags = z.array(z.string().trim().toLowerCase()).default([])

/** What a request asks for. */
export const matchRequestSchema = z.object({
  skills: tags,
  niceToHave: tags,
  languages: tags,
  availability: z.array(availabilitySlotSchema).default([]),
  postcode: z.string().nullish(),
  latitude: z.number().nullish(),
  longitude: z.number().nullish(),
  requiresVog: z.boolean().default(false),
})
/** A request as matching reads it. */
export type MatchRequest = z.input<typeof matchRequestSchema>

/** A volunteer as matching reads it (the `volunteers` table row shape). */
export const matchVolunteerSchema = z.object({
  id: z.string(),
  name: z.string(),
  skills: tags,
  languages: tags,
  availability: z.array(availabilitySlotSchema).default([]),
  postcode: z.string().nullish(),
  latitude: z.number().nullish(),
  longitude: z.number().nullish(),
  has_vog: z.boolean().default(false),
  active: z.boolean().default(true),
  active_matches: z.number().int().min(0).default(0),
  max_active_matches: z.number().int().min(0).default(2),
  last_matched_at: z.union([z.string(), z.date()]).nullish(),
})
/** A volunteer as matching reads it. */
export type MatchVolunteer = z.input<typeof matchVolunteerSchema>

/** One reason behind a score, in words a coordinator understands. */
export interface MatchReason {
  /** Stable code, e.g. `language`, `available`, `distance`. */
  code: string
  /** Whether it counts in favour, against, or only informs. */
  effect: 'plus' | 'min' | 'info'
  nl: string
  en: string
}

/** A ranked volunteer. */
export interface MatchCandidate {
  volunteerId: string
  name: string
  rank: number
  /** 0–100. */
  score: number
  /** Each part between 0 and 1, before weighting. */
  parts: Record<keyof MatchWeights, number>
  distanceKm: number | null
  reasons: MatchReason[]
}

/** A volunteer that a hard rule left out, and why. */
export interface MatchExclusion {
  volunteerId: string
  name: string
  reasons: MatchReason[]
}

/** The outcome of {@link rankVolunteers}. */
export interface MatchResult {
  matches: MatchCandidate[]
  excluded: MatchExclusion[]
  considered: number
}

const dayNames: Record<(typeof weekdays)[number], { nl: string; en: string }> = {
  ma: { nl: 'maandag', en: 'Monday' },
  di: { nl: 'dinsdag', en: 'Tuesday' },
  wo: { nl: 'woensdag', en: 'Wednesday' },
  do: { nl: 'donderdag', en: 'Thursday' },
  vr: { nl: 'vrijdag', en: 'Friday' },
  za: { nl: 'zaterdag', en: 'Saturday' },
  zo: { nl: 'zondag', en: 'Sunday' },
}
const partNames: Record<(typeof dayParts)[number], { nl: string; en: string }> = {
  ochtend: { nl: 'ochtend', en: 'morning' },
  middag: { nl: 'middag', en: 'afternoon' },
  avond: { nl: 'avond', en: 'evening' },
}

/** Language names by code and by common Dutch/English spelling, so `ar`, `arabisch` and `arabic` match. */
const languageNames: Record<string, { nl: string; en: string; aliases: string[] }> = {
  nl: { nl: 'Nederlands', en: 'Dutch', aliases: ['nederlands', 'dutch'] },
  en: { nl: 'Engels', en: 'English', aliases: ['engels', 'english'] },
  ar: { nl: 'Arabisch', en: 'Arabic', aliases: ['arabisch', 'arabic'] },
  tr: { nl: 'Turks', en: 'Turkish', aliases: ['turks', 'turkish'] },
  ber: { nl: 'Berbers', en: 'Berber', aliases: ['berbers', 'berber', 'tamazight', 'tarifit'] },
  pl: { nl: 'Pools', en: 'Polish', aliases: ['pools', 'polish'] },
  es: { nl: 'Spaans', en: 'Spanish', aliases: ['spaans', 'spanish'] },
  fr: { nl: 'Frans', en: 'French', aliases: ['frans', 'french'] },
  de: { nl: 'Duits', en: 'German', aliases: ['duits', 'german'] },
  so: { nl: 'Somalisch', en: 'Somali', aliases: ['somalisch', 'somali'] },
  ti: { nl: 'Tigrinya', en: 'Tigrinya', aliases: ['tigrinya', 'tigrinia'] },
  fa: { nl: 'Farsi', en: 'Persian', aliases: ['farsi', 'perzisch', 'persian', 'dari'] },
  uk: { nl: 'Oekraïens', en: 'Ukrainian', aliases: ['oekraiens', 'oekraïens', 'ukrainian'] },
  ru: { nl: 'Russisch', en: 'Russian', aliases: ['russisch', 'russian'] },
  pap: { nl: 'Papiaments', en: 'Papiamento', aliases: ['papiaments', 'papiamento'] },
  srn: { nl: 'Sranantongo', en: 'Sranan Tongo', aliases: ['sranantongo', 'sranan', 'surinaams'] },
  zh: { nl: 'Chinees', en: 'Chinese', aliases: ['chinees', 'chinese', 'mandarijn', 'mandarin'] },
  pt: { nl: 'Portugees', en: 'Portuguese', aliases: ['portugees', 'portuguese'] },
}
const languageByAlias = new Map<string, string>()
for (const [code, entry] of Object.entries(languageNames)) {
  languageByAlias.set(code, code)
  for (const alias of entry.aliases) languageByAlias.set(alias, code)
}

/**
 * The language code for a code or name in Dutch or English; unknown names stay as they are.
 *
 * @example
 * languageCode('Arabisch') // 'ar'
 */
export function languageCode(value: string): string {
  const key = value.trim().toLowerCase()
  return languageByAlias.get(key) ?? key
}

function languageLabel(code: string): { nl: string; en: string } {
  const entry = languageNames[code]
  return entry ? { nl: entry.nl, en: entry.en } : { nl: code, en: code }
}

/**
 * Formats kilometres the way each language writes them: `1,2 km` and `1.2 km`.
 *
 * @example
 * formatKm(1.234) // { nl: '1,2 km', en: '1.2 km' }
 */
export function formatKm(km: number): { nl: string; en: string } {
  const rounded = km < 10 ? km.toFixed(1) : String(Math.round(km))
  return { nl: `${rounded.replace('.', ',')} km`, en: `${rounded} km` }
}

function slotKey(slot: { day: string; part: string }): string {
  return `${slot.day}-${slot.part}`
}

function coordinates(subject: {
  latitude?: number | null | undefined
  longitude?: number | null | undefined
  postcode?: string | null | undefined
}): readonly [number, number] | undefined {
  if (typeof subject.latitude === 'number' && typeof subject.longitude === 'number') {
    return [subject.latitude, subject.longitude]
  }
  return centroidOf(subject.postcode)
}

const dayMs = 86_400_000

/**
 * Scores and ranks volunteers for a request. Pure: same input, same output. Hard rules (active,
 * VOG, required skills, shared language, capacity, distance, availability) leave a volunteer
 * out with the reasons why; the rest are scored on weighted parts and sorted best first
 * (ties: nearer first, then by id). Every score comes with reasons in Dutch and English.
 *
 * @example
 * const { matches } = rankVolunteers({ languages: ['ar'] }, volunteers, {}, new Date())
 * matches[0].reasons.map((r) => r.nl) // ['spreekt Arabisch', 'dinsdagmiddag vrij', '1,2 km', …]
 */
export function rankVolunteers(
  requestInput: MatchRequest,
  volunteersInput: readonly MatchVolunteer[],
  rulesInput: z.input<typeof matchRulesSchema> = {},
  now: Date = new Date(),
): MatchResult {
  const request = matchRequestSchema.parse(requestInput)
  const rules = matchRulesSchema.parse(rulesInput)
  const requestLanguages = new Set(request.languages.map(languageCode))
  const requestSlots = new Map(request.availability.map((s) => [slotKey(s), s]))
  const requestPlace = coordinates(request)
  const weights = rules.weights
  const weightTotal = Object.values(weights).reduce((a, b) => a + b, 0) || 1

  const matches: Omit<MatchCandidate, 'rank'>[] = []
  const excluded: MatchExclusion[] = []

  for (const raw of volunteersInput) {
    const v = matchVolunteerSchema.parse(raw)
    const out: MatchReason[] = []
    const reasons: MatchReason[] = []
    const skills = new Set(v.skills)
    const languages = new Set(v.languages.map(languageCode))

    if (!v.active)
      out.push({ code: 'inactive', effect: 'min', nl: 'is nu niet actief', en: 'is not active now' })
    if (request.requiresVog) {
      if (v.has_vog) {
        reasons.push({
          code: 'vog',
          effect: 'info',
          nl: 'heeft een VOG',
          en: 'has a certificate of conduct (VOG)',
        })
      } else {
        out.push({
          code: 'no_vog',
          effect: 'min',
          nl: 'heeft geen VOG',
          en: 'has no certificate of conduct (VOG)',
        })
      }
    }
    const missing = request.skills.filter((s) => !skills.has(s))
    if (missing.length) {
      out.push({
        code: 'missing_skill',
        effect: 'min',
        nl: `mist: ${missing.join(', ')}`,
        en: `lacks: ${missing.join(', ')}`,
      })
    }
    const shared = [...requestLanguages].filter((l) => languages.has(l))
    if (requestLanguages.size && !shared.length && rules.requireLanguage) {
      const wanted = [...requestLanguages].map(languageLabel)
      out.push({
        code: 'no_language',
        effect: 'min',
        nl: `spreekt geen ${wanted.map((w) => w.nl).join(' of ')}`,
        en: `does not speak ${wanted.map((w) => w.en).join(' or ')}`,
      })
    }
    if (v.active_matches >= v.max_active_matches) {
      out.push({
        code: 'full',
        effect: 'min',
        nl: `heeft al ${v.active_matches} van ${v.max_active_matches} koppelingen`,
        en: `already has ${v.active_matches} of ${v.max_active_matches} matches`,
      })
    }
    const place = coordinates(v)
    const km = requestPlace && place ? distanceKm(requestPlace, place) : null
    if (km !== null && km > rules.maxDistanceKm) {
      const far = formatKm(km)
      const limit = formatKm(rules.maxDistanceKm)
      out.push({
        code: 'too_far',
        effect: 'min',
        nl: `woont ${far.nl} weg (meer dan ${limit.nl})`,
        en: `lives ${far.en} away (more than ${limit.en})`,
      })
    }
    const overlap = v.availability.filter((s) => requestSlots.has(slotKey(s)))
    if (requestSlots.size && !overlap.length && rules.requireAvailability) {
      out.push({
        code: 'not_available',
        effect: 'min',
        nl: 'is niet vrij op de gevraagde momenten',
        en: 'is not free at the requested times',
      })
    }
    if (out.length) {
      excluded.push({ volunteerId: v.id, name: v.name, reasons: out })
      continue
    }

    // Parts, each between 0 and 1.
    const availability = requestSlots.size ? overlap.length / requestSlots.size : 1
    for (const slot of overlap.slice(0, 3)) {
      reasons.push({
        code: 'available',
        effect: 'plus',
        nl: `${dayNames[slot.day].nl}${partNames[slot.part].nl} vrij`,
        en: `free on ${dayNames[slot.day].en} ${partNames[slot.part].en}`,
      })
    }
    if (overlap.length > 3) {
      reasons.push({
        code: 'available_more',
        effect: 'plus',
        nl: `en nog ${overlap.length - 3} andere momenten vrij`,
        en: `and free at ${overlap.length - 3} more times`,
      })
    }

    const nice = request.niceToHave.filter((s) => skills.has(s))
    const skillPart = request.niceToHave.length ? nice.length / request.niceToHave.length : 1
    for (const skill of request.skills) {
      reasons.push({ code: 'skill', effect: 'plus', nl: `kan ${skill}`, en: `can do ${skill}` })
    }
    for (const skill of nice) {
      reasons.push({ code: 'nice_skill', effect: 'plus', nl: `ook ${skill}`, en: `also ${skill}` })
    }

    for (const code of shared) {
      const label = languageLabel(code)
      reasons.push({ code: 'language', effect: 'plus', nl: `spreekt ${label.nl}`, en: `speaks ${label.en}` })
    }
    const languagePart = requestLanguages.size ? (shared.length ? 1 : 0) : 1

    let distancePart = 0.5
    if (km !== null) {
      distancePart = Math.max(0, 1 - km / rules.maxDistanceKm)
      const text = formatKm(km)
      reasons.push({ code: 'distance', effect: km <= rules.maxDistanceKm / 3 ? 'plus' : 'info', ...text })
    } else {
      reasons.push({
        code: 'distance_unknown',
        effect: 'info',
        nl: 'afstand onbekend',
        en: 'distance unknown',
      })
    }

    const loadPart = v.max_active_matches > 0 ? 1 - v.active_matches / v.max_active_matches : 0
    reasons.push(
      v.active_matches === 0
        ? { code: 'load', effect: 'plus', nl: 'heeft nu geen koppeling', en: 'has no match at the moment' }
        : {
            code: 'load',
            effect: 'info',
            nl: `heeft ${v.active_matches} van ${v.max_active_matches} koppelingen`,
            en: `has ${v.active_matches} of ${v.max_active_matches} matches`,
          },
    )

    let fairnessPart = 1
    if (v.last_matched_at) {
      const since = Math.max(0, (now.getTime() - new Date(v.last_matched_at).getTime()) / dayMs)
      fairnessPart = Math.min(1, since / 90)
      const months = Math.floor(since / 30)
      reasons.push(
        months >= 1
          ? {
              code: 'fairness',
              effect: 'plus',
              nl: `${months === 1 ? 'ruim een maand' : `${months} maanden`} niet gekoppeld`,
              en: `not matched for ${months === 1 ? 'over a month' : `${months} months`}`,
            }
          : { code: 'fairness', effect: 'min', nl: 'kort geleden nog gekoppeld', en: 'matched recently' },
      )
    } else {
      reasons.push({
        code: 'fairness',
        effect: 'plus',
        nl: 'nog nooit gekoppeld',
        en: 'never matched before',
      })
    }

    const parts = {
      availability,
      skills: skillPart,
      languages: languagePart,
      distance: distancePart,
      load: loadPart,
      fairness: fairnessPart,
    }
    const weighted = (Object.keys(parts) as (keyof MatchWeights)[]).reduce(
      (sum, key) => sum + parts[key] * weights[key],
      0,
    )
    matches.push({
      volunteerId: v.id,
      name: v.name,
      score: Math.round((weighted / weightTotal) * 1000) / 10,
      parts,
      distanceKm: km === null ? null : Math.round(km * 10) / 10,
      reasons,
    })
  }

  matches.sort(
    (a, b) =>
      b.score - a.score ||
      (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY) ||
      a.volunteerId.localeCompare(b.volunteerId),
  )
  return {
    matches: matches.slice(0, rules.top).map((m, i) => ({ ...m, rank: i + 1 })),
    excluded,
    considered: volunteersInput.length,
  }
}
