import { readFileSync } from 'node:fs'
import { smtpCredentialsOf } from '@warmflow/api'
import { controlPlugin, createRegistry, validateFlow } from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { describe, expect, it } from 'vitest'
import { describeFlowsWithoutSmtp } from './smtp-check.js'

const registry = createRegistry([controlPlugin, builtinPlugin])
const flagship = validateFlow(
  JSON.parse(
    readFileSync(new URL('../../../../examples/flows/nieuwe-aanmelding.json', import.meta.url), 'utf8'),
  ),
  registry,
)

describe('flows that need SMTP', () => {
  it('finds the credential names of nodes with an smtp slot', () => {
    if (!flagship.ok) throw new Error('the flagship flow is not valid')
    expect(smtpCredentialsOf(flagship.flow, registry)).toEqual(['smtp'])
    const renamed = {
      ...flagship.flow,
      nodes: flagship.flow.nodes.map((n) =>
        n.id === 'bevestiging' ? { ...n, credentials: { smtp: 'smtp-noord' } } : n,
      ),
    }
    expect(smtpCredentialsOf(renamed, registry).sort()).toEqual(['smtp', 'smtp-noord'])
  })

  it('describes missing credentials in English and Dutch, bounded', () => {
    expect(describeFlowsWithoutSmtp([])).toEqual([])
    const many = Array.from({ length: 12 }, (_, i) => ({
      flowName: `Flow ${i}`,
      teamName: 'Noord',
      credential: 'smtp',
    }))
    const lines = describeFlowsWithoutSmtp(many)
    expect(lines[0]).toContain('no SMTP credential')
    expect(lines[1]).toContain('geen SMTP-inloggegevens')
    expect(lines.filter((l) => l.startsWith('  - '))).toHaveLength(10)
    expect(lines).toContain('  … and 2 more / en nog 2')
  })
})
