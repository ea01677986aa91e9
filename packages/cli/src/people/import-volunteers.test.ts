import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createDb } from '@warmflow/store'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { formatImportReport, importVolunteers, parseAvailability, parseCsv } from './import-volunteers.js'

const db = createDb((inject as (key: string) => string)('databaseUrl'), { max: 2 })
afterAll(() => db.destroy())

describe('CSV parsing', () => {
  it('reads quoted cells and picks the separator from the header', () => {
    expect(parseCsv('naam;talen\n"Els, B.";"nl;en"\r\n\n"Zeg ""hoi""";ar\n')).toEqual([
      ['naam', 'talen'],
      ['Els, B.', 'nl;en'],
      ['Zeg "hoi"', 'ar'],
    ])
    expect(() => parseCsv('naam\n"open')).toThrow(/not closed/)
  })

  it('reads availability in Dutch and English', () => {
    expect(parseAvailability('di-middag; thursday-morning;di middag')).toEqual([
      { day: 'di', part: 'middag' },
      { day: 'do', part: 'ochtend' },
    ])
    expect(parseAvailability('di-nacht')).toEqual({ invalid: 'di-nacht' })
  })
})

describe('importVolunteers on PostgreSQL', () => {
  it('imports valid rows and reports every problem per line in Dutch and English', async () => {
    const team = randomUUID()
    const csv = [
      'ref,naam,email,telefoon,postcode,talen,vaardigheden,beschikbaar,vog,max_koppelingen',
      'A1,Els Bakker,els@example.nl,06-12345678,3511ab,nl;en,boodschappen,di-middag,ja,2',
      'A2,,geen-mail,12,99,nl,,di-nacht,misschien,twee',
      'A1,Dubbel,,,,,,,,',
      'A3,Yusuf,yusuf@example.nl,,1012 AB,nl;ar,vervoer,za-ochtend,nee,',
    ].join('\n')
    const report = await importVolunteers(db, csv, { teamId: team })
    expect(report).toMatchObject({ rows: 4, created: 2, updated: 0, dryRun: false })
    const line3 = report.errors.filter((e) => e.line === 3).map((e) => e.column)
    expect(line3).toEqual([
      'availability',
      'has_vog',
      'name',
      'email',
      'phone',
      'postcode',
      'max_active_matches',
    ])
    expect(report.errors.find((e) => e.line === 4)).toMatchObject({
      column: 'external_ref',
      nl: 'ref: "A1" staat ook al op regel 2',
    })
    const text = formatImportReport(report, 'nl')
    expect(text).toContain('4 regels gelezen: 2 toegevoegd, 0 bijgewerkt, 2 met fouten.')
    expect(text).toContain('regel 3: VOG: vul ja of nee in')
    expect(formatImportReport(report, 'en')).toContain('line 3: availability: "di-nacht" is not a time slot')

    const rows = await db
      .selectFrom('volunteers')
      .selectAll()
      .where('team_id', '=', team)
      .orderBy('name')
      .execute()
    expect(rows.map((r) => [r.name, r.postcode, r.languages, r.availability, r.has_vog])).toEqual([
      ['Els Bakker', '3511 AB', ['nl', 'en'], [{ day: 'di', part: 'middag' }], true],
      ['Yusuf', '1012 AB', ['nl', 'ar'], [{ day: 'za', part: 'ochtend' }], false],
    ])
  })

  it('updates rows with a known reference instead of adding them again, and a dry run saves nothing', async () => {
    const team = randomUUID()
    const csv = await readFile(new URL('../../../../examples/data/volunteers.csv', import.meta.url), 'utf8')
    const dry = await importVolunteers(db, csv, { teamId: team, dryRun: true })
    expect(dry).toMatchObject({ rows: 40, created: 40, errors: [], dryRun: true })
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('volunteers')
            .select(db.fn.countAll().as('n'))
            .where('team_id', '=', team)
            .executeTakeFirstOrThrow()
        ).n,
      )
    expect(await count()).toBe(0)
    expect(await importVolunteers(db, csv, { teamId: team })).toMatchObject({
      created: 40,
      updated: 0,
      errors: [],
    })
    expect(await importVolunteers(db, csv, { teamId: team })).toMatchObject({
      created: 0,
      updated: 40,
      errors: [],
    })
    expect(await count()).toBe(40)
  })

  it('refuses a file without a name column', async () => {
    await expect(importVolunteers(db, 'email\nx@example.nl')).rejects.toMatchObject({
      code: 'import.no_name_column',
    })
  })
})
