import { randomUUID } from 'node:crypto'
import { runNode } from '@warmflow/engine/testing'
import { createDb, createPostgresRecordStore } from '@warmflow/store'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { inboxNotifyNode } from './inbox-notify.js'

const db = createDb((inject as (key: string) => string)('databaseUrl'), { max: 4 })
const records = createPostgresRecordStore(db)
afterAll(() => db.destroy())

const config = {
  team: 'team',
  title: { nl: 'Nieuwe aanmelding {{ nummer }}', en: 'New intake {{ nummer }}' },
  body: { nl: 'Er staat een koppeling klaar.', en: 'A match is waiting.' },
  link: '"/runs/" & run',
}

describe('inbox.notify', () => {
  it('writes one notification for a team, also when retried', async () => {
    const team = randomUUID()
    const options = {
      records,
      input: { team, nummer: 'A-12', run: 'r-1' },
      config,
      idempotencyKey: `wf-${randomUUID()}/melding`,
    }
    const first = await runNode(inboxNotifyNode, { ...options, attempt: 1 })
    const again = await runNode(inboxNotifyNode, { ...options, attempt: 2 })
    expect(again.output.notificationId).toBe(first.output.notificationId)
    const rows = await records.find('notifications', { where: { team_id: team } })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      title: { nl: 'Nieuwe aanmelding A-12', en: 'New intake A-12' },
      link: '/runs/r-1',
      user_id: null,
    })
  })

  it('needs a user or a team, and a valid id', async () => {
    await expect(
      runNode(inboxNotifyNode, { records, config: { title: config.title, body: config.body } }),
    ).rejects.toMatchObject({ code: 'node.invalid_config' })
    await expect(
      runNode(inboxNotifyNode, { records, input: { team: 'geen-id' }, config }),
    ).rejects.toMatchObject({ code: 'inbox.invalid_recipient' })
  })
})
