import { randomUUID } from 'node:crypto'
import type { NodeError } from '@warmflow/engine'
import { runNode } from '@warmflow/engine/testing'
import { createDb, createPostgresRecordStore } from '@warmflow/store'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { recordsCreateNode, recordsReadNode, recordsUpdateNode } from './records.js'

// The test run's global setup provides a fresh, migrated database.
const db = createDb((inject as (key: string) => string)('databaseUrl'), { max: 4 })
const records = createPostgresRecordStore(db)
afterAll(() => db.destroy())

describe('records nodes on PostgreSQL', () => {
  const team = randomUUID()

  it('creates, finds and updates a volunteer with normalised fields', async () => {
    const { output } = await runNode(recordsCreateNode, {
      records,
      input: { naam: 'Sanne de Vries', pc: '3511ab', talen: ['NL', 'Engels'] },
      config: {
        table: 'volunteers',
        values: { name: 'naam', postcode: 'pc', languages: 'talen', team_id: `"${team}"`, has_vog: 'true' },
      },
    })
    expect(output.record).toMatchObject({
      name: 'Sanne de Vries',
      postcode: '3511 AB',
      languages: ['nl', 'engels'],
    })
    const id = output.record.id as string

    const found = await runNode(recordsReadNode, {
      records,
      input: { team },
      config: { table: 'volunteers', where: { team_id: 'team', has_vog: 'true' } },
    })
    expect(found.output.count).toBe(1)
    expect(found.output.record?.id).toBe(id)

    const updated = await runNode(recordsUpdateNode, {
      records,
      input: { id },
      config: { table: 'volunteers', id: 'id', values: { active_matches: '1', notes: '"Graag buiten"' } },
    })
    expect(updated.output.record).toMatchObject({ id, active_matches: 1, notes: 'Graag buiten' })
  })

  it('saves a list of one as a list: one ticked time slot works like two', async () => {
    // The flagship's mapping: $map over the ticked slots. JSONata gives one slot as an object.
    const availability =
      '$map(momenten, function($m) { { "day": $substringBefore($m, "-"), "part": $substringAfter($m, "-") } })'
    const ownTeam = randomUUID()
    for (const momenten of [['di-middag'], ['di-middag', 'do-ochtend']]) {
      const { output } = await runNode(recordsCreateNode, {
        records,
        input: { naam: 'Ayla Demir', momenten, talen: 'tr' },
        config: {
          table: 'intakes',
          values: {
            requester_name: 'naam',
            request: '"Hulp bij boodschappen"',
            availability,
            languages: 'talen',
            team_id: `"${ownTeam}"`,
          },
        },
        run: { runId: randomUUID() },
      })
      expect(output.record.availability).toEqual(
        momenten.map((m) => ({ day: m.split('-')[0], part: m.split('-')[1] })),
      )
      expect(output.record.languages).toEqual(['tr'])
    }
  })

  it('names every invalid field, in Dutch and English, and writes nothing', async () => {
    const error = await runNode(recordsCreateNode, {
      records,
      input: {},
      config: {
        table: 'volunteers',
        values: { name: '""', postcode: '"12 AB"', team_id: `"${team}"` },
      },
    }).catch((e) => e)
    expect(error.code).toBe('records.invalid_fields')
    expect(error.details.fields).toEqual(['name', 'postcode'])
    expect(error.text.nl).toContain('postcode')
    const rows = await records.find('volunteers', { where: { team_id: team } })
    expect(rows).toHaveLength(1)
  })

  it('creates an intake once per run and node, even when retried', async () => {
    const options = {
      records,
      input: { naam: 'Piet', vraag: 'Hulp bij boodschappen' },
      config: {
        table: 'intakes' as const,
        values: { requester_name: 'naam', request: 'vraag', team_id: `"${team}"` },
      },
      idempotencyKey: `wf-${randomUUID()}/intake`,
    }
    const first = await runNode(recordsCreateNode, { ...options, attempt: 1 })
    const second = await runNode(recordsCreateNode, { ...options, attempt: 2 })
    expect(second.output.record.id).toBe(first.output.record.id)
    expect(await records.find('intakes', { where: { team_id: team } })).toHaveLength(1)
  })

  it('says clearly when a record does not exist or the table is unknown', async () => {
    await expect(
      runNode(recordsReadNode, {
        records,
        config: { table: 'clients', id: `"${randomUUID()}"`, required: true },
      }),
    ).rejects.toMatchObject({ code: 'records.not_found' })
    await expect(runNode(recordsReadNode, { records, config: { table: 'users' } })).rejects.toMatchObject({
      code: 'node.invalid_config',
    })
    await expect(records.find('users')).rejects.toMatchObject({ code: 'records.unknown_table' })
  })

  it('does not repeat the id or the filter values from the data in its error', async () => {
    const name = `Fatima El Amrani ${randomUUID()}`
    const id = `BSN-${randomUUID()}`
    const errors = await Promise.all([
      runNode(recordsReadNode, {
        records,
        input: { id },
        config: { table: 'clients', id: 'id', required: true },
      }).catch((e: unknown) => e),
      runNode(recordsReadNode, {
        records,
        input: { naam: name },
        config: { table: 'clients', where: { name: 'naam' }, required: true },
      }).catch((e: unknown) => e),
    ])
    for (const error of errors as NodeError[]) {
      expect(error).toMatchObject({ code: 'records.not_found' })
      for (const text of [error.message, error.text.nl, error.text.en]) {
        expect(text).not.toContain(name)
        expect(text).not.toContain(id)
      }
    }
  })

  it("keeps a run inside its team: other teams' records are not found and new ones get the team", async () => {
    const mine = randomUUID()
    const theirs = randomUUID()
    const other = await records.insert('clients', { name: 'Ander team', team_id: theirs })
    const created = await runNode(recordsCreateNode, {
      records,
      run: { teamId: mine },
      input: { naam: 'Eigen cliënt' },
      config: { table: 'clients', values: { name: 'naam' } },
    })
    expect(created.output.record.team_id).toBe(mine)
    const run = { teamId: mine }
    await expect(
      runNode(recordsReadNode, {
        records,
        run,
        input: { id: other.id },
        config: { table: 'clients', id: 'id', required: true },
      }),
    ).rejects.toMatchObject({ code: 'records.not_found' })
    await expect(
      runNode(recordsUpdateNode, {
        records,
        run,
        input: { id: other.id },
        config: { table: 'clients', id: 'id', values: { notes: '"overgenomen"' } },
      }),
    ).rejects.toMatchObject({ code: 'records.not_found' })
    expect((await records.get('clients', String(other.id)))?.notes).toBe('')
    const listed = await runNode(recordsReadNode, {
      records,
      run,
      config: { table: 'clients', where: { team_id: `"${theirs}"` } },
    })
    expect(listed.output.count).toBe(0)
  })

  it('fails clearly when the worker has no database', async () => {
    await expect(runNode(recordsReadNode, { config: { table: 'clients' } })).rejects.toMatchObject({
      code: 'records.unavailable',
    })
  })
})
