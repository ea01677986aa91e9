import { randomUUID } from 'node:crypto'
import { runNode } from '@warmflow/engine/testing'
import { createDb, createPostgresRecordStore } from '@warmflow/store'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { matchVolunteersNode } from './match-volunteers.js'

const db = createDb((inject as (key: string) => string)('databaseUrl'), { max: 4 })
const records = createPostgresRecordStore(db)
afterAll(() => db.destroy())

describe('match.volunteers', () => {
  it('ranks the volunteers of a team from the database, with reasons', async () => {
    const team = randomUUID()
    const other = randomUUID()
    const base = { team_id: team, skills: ['boodschappen'], has_vog: true }
    await records.insert('volunteers', {
      ...base,
      name: 'Yusuf',
      languages: ['nl', 'ar'],
      postcode: '3512 AB',
      availability: [{ day: 'di', part: 'middag' }],
    })
    await records.insert('volunteers', {
      ...base,
      name: 'Els',
      languages: ['nl'],
      postcode: '3511 AB',
      availability: [{ day: 'di', part: 'middag' }],
    })
    await records.insert('volunteers', {
      ...base,
      name: 'Inactief',
      languages: ['ar'],
      postcode: '3511 AB',
      active: false,
      availability: [{ day: 'di', part: 'middag' }],
    })
    await records.insert('volunteers', { ...base, team_id: other, name: 'Ander team', languages: ['ar'] })

    const { output } = await runNode(matchVolunteersNode, {
      records,
      input: {
        intake: { postcode: '3511 CD', team: team },
        extracted: { vaardigheden: ['boodschappen'], talen: ['Arabisch', 'Nederlands'], vog: true },
        momenten: [{ day: 'di', part: 'middag' }],
      },
      config: {
        team: 'intake.team',
        request: {
          skills: 'extracted.vaardigheden',
          languages: 'extracted.talen',
          availability: 'momenten',
          postcode: 'intake.postcode',
          requiresVog: 'extracted.vog',
          niceToHave: '[]',
        },
        rules: { top: 5 },
      },
    })
    expect(output.considered).toBe(2)
    expect(output.matches.map((m) => m.name)).toEqual(['Els', 'Yusuf'])
    const yusuf = output.matches.find((m) => m.name === 'Yusuf')!
    expect(yusuf.reasons.map((r) => r.nl)).toEqual(
      expect.arrayContaining([
        'spreekt Nederlands',
        'spreekt Arabisch',
        'dinsdagmiddag vrij',
        'heeft een VOG',
      ]),
    )
  })

  it('takes candidates from upstream data when configured', async () => {
    const { output } = await runNode(matchVolunteersNode, {
      input: {
        languages: 'tr',
        volunteers: [
          { id: 'v1', name: 'Ayşe', languages: ['tr'], skills: [] },
          { id: 'v2', name: 'Jan', languages: ['nl'], skills: [] },
        ],
      },
      config: { candidates: 'volunteers' },
    })
    expect(output.matches.map((m) => m.volunteerId)).toEqual(['v1'])
    expect(output.excluded[0]?.reasons[0]?.en).toBe('does not speak Turkish')
  })

  it('takes one chosen moment as a list of one (JSONata returns a single item unwrapped)', async () => {
    const { output } = await runNode(matchVolunteersNode, {
      input: {
        momenten: ['di-middag'],
        volunteers: [
          { id: 'v1', name: 'Ayşe', availability: [{ day: 'di', part: 'middag' }], skills: [] },
          { id: 'v2', name: 'Jan', availability: [{ day: 'vr', part: 'ochtend' }], skills: [] },
        ],
      },
      config: {
        candidates: 'volunteers',
        request: {
          availability:
            '$map(momenten, function($m) { { "day": $substringBefore($m, "-"), "part": $substringAfter($m, "-") } })',
        },
      },
    })
    expect(output.matches.map((m) => m.volunteerId)).toEqual(['v1'])
  })

  it('says in plain words when the request is not valid', async () => {
    await expect(
      runNode(matchVolunteersNode, {
        input: { availability: [{ day: 'maandag', part: 'ochtend' }] },
        config: { candidates: '[]' },
      }),
    ).rejects.toMatchObject({ code: 'match.invalid_request' })
  })
})
