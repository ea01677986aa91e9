import { describe, expect, it } from 'vitest'
import { centroidOf, distanceKm } from './postcodes.js'
import { formatKm, languageCode, type MatchVolunteer, rankVolunteers } from './score.js'

const now = new Date('2026-11-28T12:00:00Z')

function volunteer(id: string, extra: Partial<MatchVolunteer> = {}): MatchVolunteer {
  return {
    id,
    name: `Vrijwilliger ${id}`,
    skills: ['boodschappen'],
    languages: ['nl'],
    availability: [{ day: 'di', part: 'middag' }],
    postcode: '3511 AB',
    has_vog: true,
    active: true,
    active_matches: 0,
    max_active_matches: 2,
    last_matched_at: null,
    ...extra,
  }
}

const nl = (reasons: { nl: string }[]) => reasons.map((r) => r.nl)
const en = (reasons: { en: string }[]) => reasons.map((r) => r.en)

describe('postcode centroids and distance', () => {
  it('finds the centre of a postcode area from its four digits', () => {
    expect(centroidOf('3511 AB')).toEqual([52.0925, 5.118])
    expect(centroidOf('1012ab')).toEqual([52.374, 4.893])
    expect(centroidOf('9999 ZZ')).toBeUndefined()
    expect(centroidOf(null)).toBeUndefined()
  })

  it('measures distance on the globe', () => {
    expect(distanceKm([52.0925, 5.118], [52.0925, 5.118])).toBe(0)
    // Utrecht centre to Amsterdam centre is about 35 km as the crow flies.
    const km = distanceKm(centroidOf('3511')!, centroidOf('1012')!)
    expect(km).toBeGreaterThan(33)
    expect(km).toBeLessThan(37)
  })

  it('writes kilometres with a comma in Dutch and a point in English', () => {
    expect(formatKm(1.234)).toEqual({ nl: '1,2 km', en: '1.2 km' })
    expect(formatKm(12.6)).toEqual({ nl: '13 km', en: '13 km' })
  })
})

describe('rankVolunteers', () => {
  it('explains a good match in words a coordinator understands', () => {
    const { matches } = rankVolunteers(
      {
        skills: ['boodschappen'],
        languages: ['Arabisch'],
        availability: [{ day: 'di', part: 'middag' }],
        postcode: '3512 CD',
        requiresVog: true,
      },
      [volunteer('a', { languages: ['nl', 'ar'] })],
      {},
      now,
    )
    expect(matches).toHaveLength(1)
    const reasons = nl(matches[0]!.reasons)
    expect(reasons).toContain('spreekt Arabisch')
    expect(reasons).toContain('dinsdagmiddag vrij')
    expect(reasons).toContain('kan boodschappen')
    expect(reasons).toContain('heeft een VOG')
    expect(reasons).toContain('0,6 km')
    expect(en(matches[0]!.reasons)).toEqual(
      expect.arrayContaining(['speaks Arabic', 'free on Tuesday afternoon', '0.6 km']),
    )
    expect(matches[0]!.distanceKm).toBe(0.6)
    expect(matches[0]!.score).toBeGreaterThan(90)
    expect(matches[0]!.rank).toBe(1)
  })

  it('leaves out volunteers who break a hard rule, and says why', () => {
    const result = rankVolunteers(
      {
        skills: ['vervoer'],
        languages: ['tr'],
        availability: [{ day: 'ma', part: 'ochtend' }],
        postcode: '3511 AB',
        requiresVog: true,
      },
      [
        volunteer('ok', {
          skills: ['vervoer'],
          languages: ['tr'],
          availability: [{ day: 'ma', part: 'ochtend' }],
        }),
        volunteer('novog', {
          skills: ['vervoer'],
          languages: ['turks'],
          availability: [{ day: 'ma', part: 'ochtend' }],
          has_vog: false,
        }),
        volunteer('skill', { languages: ['tr'], availability: [{ day: 'ma', part: 'ochtend' }] }),
        volunteer('lang', { skills: ['vervoer'], availability: [{ day: 'ma', part: 'ochtend' }] }),
        volunteer('full', {
          skills: ['vervoer'],
          languages: ['tr'],
          availability: [{ day: 'ma', part: 'ochtend' }],
          active_matches: 2,
        }),
        volunteer('far', {
          skills: ['vervoer'],
          languages: ['tr'],
          availability: [{ day: 'ma', part: 'ochtend' }],
          postcode: '1012 AB',
        }),
        volunteer('busy', {
          skills: ['vervoer'],
          languages: ['tr'],
          availability: [{ day: 'vr', part: 'avond' }],
        }),
        volunteer('gone', {
          skills: ['vervoer'],
          languages: ['tr'],
          availability: [{ day: 'ma', part: 'ochtend' }],
          active: false,
        }),
      ],
      {},
      now,
    )
    expect(result.considered).toBe(8)
    expect(result.matches.map((m) => m.volunteerId)).toEqual(['ok'])
    const why = Object.fromEntries(result.excluded.map((e) => [e.volunteerId, nl(e.reasons)]))
    expect(why).toEqual({
      novog: ['heeft geen VOG'],
      skill: ['mist: vervoer'],
      lang: ['spreekt geen Turks'],
      full: ['heeft al 2 van 2 koppelingen'],
      far: [expect.stringMatching(/^woont 3\d km weg \(meer dan 10 km\)$/)],
      busy: ['is niet vrij op de gevraagde momenten'],
      gone: ['is nu niet actief'],
    })
  })

  it('can relax the language and availability rules into preferences', () => {
    const { matches, excluded } = rankVolunteers(
      { languages: ['ar'], availability: [{ day: 'wo', part: 'avond' }] },
      [volunteer('a')],
      { requireLanguage: false, requireAvailability: false },
      now,
    )
    expect(excluded).toEqual([])
    expect(matches[0]!.parts.languages).toBe(0)
    expect(matches[0]!.parts.availability).toBe(0)
  })

  it('prefers more overlap in availability and the nice-to-have skills', () => {
    const request = {
      niceToHave: ['tuinieren'],
      availability: [
        { day: 'di' as const, part: 'middag' as const },
        { day: 'do' as const, part: 'ochtend' as const },
      ],
    }
    const { matches } = rankVolunteers(
      request,
      [
        volunteer('one-slot'),
        volunteer('two-slots', {
          availability: [
            { day: 'di', part: 'middag' },
            { day: 'do', part: 'ochtend' },
          ],
        }),
        volunteer('two-slots-garden', {
          skills: ['boodschappen', 'tuinieren'],
          availability: [
            { day: 'di', part: 'middag' },
            { day: 'do', part: 'ochtend' },
          ],
        }),
      ],
      {},
      now,
    )
    expect(matches.map((m) => m.volunteerId)).toEqual(['two-slots-garden', 'two-slots', 'one-slot'])
    expect(nl(matches[0]!.reasons)).toEqual(
      expect.arrayContaining(['dinsdagmiddag vrij', 'donderdagochtend vrij', 'ook tuinieren']),
    )
  })

  it('spreads work: a volunteer with fewer matches, or matched longer ago, ranks higher', () => {
    const { matches } = rankVolunteers(
      {},
      [
        volunteer('busy', { active_matches: 1 }),
        volunteer('recent', { last_matched_at: '2026-11-20T10:00:00Z' }),
        volunteer('rested', { last_matched_at: '2026-05-01T10:00:00Z' }),
      ],
      { top: 3 },
      now,
    )
    expect(matches.map((m) => m.volunteerId)).toEqual(['rested', 'recent', 'busy'])
    expect(nl(matches[0]!.reasons)).toContain('7 maanden niet gekoppeld')
    expect(nl(matches[1]!.reasons)).toContain('kort geleden nog gekoppeld')
    expect(nl(matches[2]!.reasons)).toContain('heeft 1 van 2 koppelingen')
  })

  it('follows the weights: with distance weighing most, the nearest wins', () => {
    const volunteers = [
      volunteer('near-busy', { postcode: '3511 AB', active_matches: 3, max_active_matches: 4 }),
      volunteer('far-free', { postcode: '3584 CS' }),
    ]
    const request = { postcode: '3511 CD' }
    const byDefault = rankVolunteers(request, volunteers, { top: 2 }, now)
    const byDistance = rankVolunteers(
      request,
      volunteers,
      { top: 2, weights: { distance: 100, load: 1, availability: 0, skills: 0, languages: 0, fairness: 0 } },
      now,
    )
    expect(byDefault.matches.map((m) => m.volunteerId)).toEqual(['far-free', 'near-busy'])
    expect(byDistance.matches.map((m) => m.volunteerId)).toEqual(['near-busy', 'far-free'])
  })

  it('returns the top N, ties broken by distance then id, the same every time', () => {
    const volunteers = ['c', 'a', 'b', 'd'].map((id) => volunteer(id))
    const first = rankVolunteers({ postcode: '3511 AB' }, volunteers, { top: 2 }, now)
    const again = rankVolunteers({ postcode: '3511 AB' }, [...volunteers].reverse(), { top: 2 }, now)
    expect(first.matches.map((m) => m.volunteerId)).toEqual(['a', 'b'])
    expect(again).toEqual(first)
  })

  it('uses coordinates when given and says when distance is unknown', () => {
    const { matches } = rankVolunteers(
      { latitude: 52.0925, longitude: 5.118 },
      [
        volunteer('coords', { postcode: null, latitude: 52.1, longitude: 5.118 }),
        volunteer('nowhere', { postcode: '9999 ZZ' }),
      ],
      { top: 2 },
      now,
    )
    const byId = Object.fromEntries(matches.map((m) => [m.volunteerId, m]))
    expect(byId.coords!.distanceKm).toBe(0.8)
    expect(byId.nowhere!.distanceKm).toBeNull()
    expect(nl(byId.nowhere!.reasons)).toContain('afstand onbekend')
  })

  it('understands language names in Dutch and English as well as codes', () => {
    expect(languageCode('Arabisch')).toBe('ar')
    expect(languageCode('english')).toBe('en')
    expect(languageCode('Tamazight')).toBe('ber')
    expect(languageCode('klingon')).toBe('klingon')
  })
})
