import { describe, expect, it } from 'vitest'
import { csvCell, markdownText } from './export.js'
import { credentialTarget } from './load.js'

describe('register export', () => {
  it('makes every formula start harmless in a CSV cell and quotes it', () => {
    expect(['=1+1', '+31', '-2', '@SUM(A1)', '\tx', 'gewoon'].map(csvCell)).toEqual([
      `"'=1+1"`,
      `"'+31"`,
      `"'-2"`,
      `"'@SUM(A1)"`,
      `"'\tx"`,
      '"gewoon"',
    ])
    expect(csvCell('zeg "hoi"')).toBe('"zeg ""hoi"""')
  })

  it('keeps Markdown and HTML in flow texts from taking effect, on one line', () => {
    expect(markdownText('# Kop\n<script>*x*</script> [link](y)')).toBe(
      '\\# Kop \\<script\\>\\*x\\*\\</script\\> \\[link\\](y)',
    )
  })

  it('reads only where a credential sends data', () => {
    expect(
      credentialTarget('{"baseUrl":"https://Api.Mistral.ai/v1","apiKey":"k","location":"eu"}', 'ai'),
    ).toEqual({
      host: 'api.mistral.ai',
      location: 'eu',
    })
    expect(credentialTarget('{"host":"smtp.example.org","pass":"p"}', 'smtp')).toEqual({
      host: 'smtp.example.org',
      location: 'unknown',
    })
    expect(credentialTarget('not json', 'ai')).toEqual({ location: 'unknown' })
    expect(credentialTarget(undefined, 'ai')).toEqual({ location: 'unknown' })
  })
})
