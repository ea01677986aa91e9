import { runNode } from '@warmflow/engine/testing'
import { describe, expect, it } from 'vitest'
import { pseudonymiseNode } from '../pseudonymise/pseudonymise.js'
import { restoreNode } from './restore.js'

const secrets = { pseudonymKey: Buffer.alloc(32, 9).toString('base64') }

describe('privacy.restore', () => {
  it('puts real values back into chosen fields and records that they are restored', async () => {
    const pseudo = await runNode(pseudonymiseNode, {
      input: { voornaam: 'Sanne', email: 'sanne@example.nl', notitie: 'Sanne mailt via sanne@example.nl' },
      config: { textFields: ['notitie'], fields: { voornaam: 'voornaam', email: 'email' } },
      secrets,
    })
    const draft = `Beste [NAAM_1], we mailen je op [EMAIL_1]. Groet, [NAAM_9]`
    const { output, logs } = await runNode(restoreNode, {
      input: { ...pseudo.output, concept: draft },
      config: { fields: ['concept'] },
      secrets,
    })
    expect(output.concept).toBe('Beste Sanne, we mailen je op sanne@example.nl. Groet, [NAAM_9]')
    expect(output.notitie).toBe('[NAAM_1] mailt via [EMAIL_1]')
    expect(output._privacy).toMatchObject({ restored: ['concept'] })
    expect(logs.some((l) => l.level === 'warn' && l.fields?.count === 1)).toBe(true)
  })

  it('fails clearly when there is nothing to restore from', async () => {
    await expect(
      runNode(restoreNode, { input: { concept: 'x' }, config: { fields: ['concept'] }, secrets }),
    ).rejects.toMatchObject({ code: 'privacy.no_mapping' })
  })

  it('is declared as a node that never sends data outside', () => {
    expect(restoreNode.personalData?.sendsOutside).toBe('never')
  })
})
