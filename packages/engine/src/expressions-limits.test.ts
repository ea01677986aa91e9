import { describe, expect, it } from 'vitest'
import {
  defaultExpressionLimits,
  ExpressionError,
  evaluateExpression,
  parseExpression,
} from './expressions.js'

/**
 * The default limits with a lenient clock: these tests are about sizes and steps, which must hold
 * whatever the machine's load (the clock is tested in expressions.test.ts).
 */
const limitsWithoutClock = { ...defaultExpressionLimits, timeoutMs: 60_000 }

/** Evaluates and returns the error it must fail with. */
async function failure(
  source: string,
  data: unknown = {},
  limits = limitsWithoutClock,
): Promise<ExpressionError> {
  try {
    await evaluateExpression(source, data, {}, limits)
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError)
    return error as ExpressionError
  }
  throw new Error(`expected ${source} to fail`)
}

const max = defaultExpressionLimits.maxStringLength!
const maxItems = defaultExpressionLimits.maxItems!

describe('expression size limits', () => {
  it('refuses $pad to a width past the longest text, before building it', async () => {
    const error = await failure('$pad("", 400000000, "x")')
    expect(error).toMatchObject({ code: 'expression.limit', details: { limit: 'text', max } })
    expect(error.text.nl).toMatch(/tekst van meer dan 1000000 tekens/)
    expect(error.text.en).toMatch(/text longer than 1000000 characters/)
    expect(await failure('$pad("a", -2000000)')).toMatchObject({ details: { limit: 'text' } })
    expect(await evaluateExpression('$pad("ab", -5, "#")', {})).toBe('###ab')
  })

  it('refuses $join of a list that holds one long text many times', async () => {
    const error = await failure('($s := $pad("", 900000, "x"); $join([1..2000].$s, ","))')
    expect(error).toMatchObject({ code: 'expression.limit', details: { limit: 'text' } })
    expect(await evaluateExpression('$join(["a", "b"], "-")', {})).toBe('a-b')
  })

  it('refuses $string and $clone of a value whose JSON would be too long', async () => {
    expect(await failure('($s := $pad("", 900000, "x"); $string([1..2000].$s))')).toMatchObject({
      code: 'expression.limit',
      details: { limit: 'text' },
    })
    expect(await failure('($s := $pad("", 600000, "x"); $string({"a": $s, "b": $s}))')).toMatchObject({
      details: { limit: 'text' },
    })
    expect(await failure('($s := $pad("", 900000, "x"); $clone({"a": [1..2000].$s}))')).toMatchObject({
      details: { limit: 'text' },
    })
    expect(await evaluateExpression('$string({"a": [1, "b"]})', {})).toBe('{"a":[1,"b"]}')
  })

  it('refuses a concatenation (&) that passes the longest text', async () => {
    expect(await failure('($s := $pad("", 600000, "x"); $s & $s)')).toMatchObject({
      code: 'expression.limit',
      details: { limit: 'text', max },
    })
  })

  it('refuses a range before it is allocated', async () => {
    for (const source of [
      '[1..100000000]',
      '[0..100000]',
      '$count([1..10000000])',
      '$sum([-5000000..5000000])',
    ]) {
      expect(await failure(source)).toMatchObject({
        code: 'expression.limit',
        details: { limit: 'items', max: maxItems },
      })
    }
    expect(await evaluateExpression('$count([1..100000])', {})).toBe(100_000)
    expect(await evaluateExpression('[5..1]', {})).toEqual([])
  })

  it('refuses lists past the most items from $append, $split and $spread', async () => {
    expect(await failure('$append([1..60000], [1..60000])')).toMatchObject({ details: { limit: 'items' } })
    expect(await failure('$split($pad("", 200000, "a"), "")')).toMatchObject({ details: { limit: 'items' } })
    const wide = Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`k${i}`, i]))
    expect(await failure('$spread($)', wide)).toMatchObject({ details: { limit: 'items' } })
    expect(await evaluateExpression('$append([1, 2], 3)', {})).toEqual([1, 2, 3])
  })

  it('refuses texts past the longest from $replace, $formatNumber and $fromMillis', async () => {
    expect(await failure('$replace($pad("", 1000, "a"), "a", $pad("", 2000, "b"))')).toMatchObject({
      details: { limit: 'text' },
    })
    expect(await failure('$formatNumber(1, picture)', { picture: '0'.repeat(1_100_000) })).toMatchObject({
      details: { limit: 'text' },
    })
    expect(await failure('$fromMillis(0, "[Y,400000000]")')).toMatchObject({ details: { limit: 'text' } })
    expect(await evaluateExpression('$replace("a-b-c", "-", "+")', {})).toBe('a+b+c')
    expect(await evaluateExpression('$substring("Warmflow", 4, 4)', {})).toBe('flow')
    expect(await evaluateExpression('$formatNumber(1234.5, "#,##0.00")', {})).toBe('1,234.50')
  })

  it('counts every text built in one evaluation, also by a function that $map calls per item', async () => {
    const error = await failure('$map($split($pad("", 20, "a"), ""), $pad(?, 900000))')
    expect(error).toMatchObject({
      code: 'expression.limit',
      details: { limit: 'built_text', max: defaultExpressionLimits.maxBuiltCharacters },
    })
    expect(
      await failure('[1..10].{"a": [1..200]}', {}, { ...limitsWithoutClock, maxBuiltItems: 1000 }),
    ).toMatchObject({ details: { limit: 'built_items', max: 1000 } })
  })

  it('bounds $eval by the same limits as the expression around it', async () => {
    expect(await failure('$eval("$pad(\\"\\", 400000000, \\"x\\")")')).toMatchObject({
      code: 'expression.limit',
      details: { limit: 'text' },
    })
    expect(await failure('$eval(e)', { e: `${'1+'.repeat(3000)}1` })).toMatchObject({
      details: { limit: 'eval_length' },
    })
    expect(await evaluateExpression('$eval("1 + 1")', {})).toBe(2)
  })

  it('holds the size limits when the clock stands still, as inside a Temporal workflow', async () => {
    const realNow = Date.now
    Date.now = () => 0
    try {
      expect(await failure('$pad("", 400000000, "x")')).toMatchObject({ details: { limit: 'text' } })
      expect(await failure('[1..100000000]')).toMatchObject({ details: { limit: 'items' } })
      expect(await failure('($f := function($n) { $f($n + 1) }; $f(0))')).toMatchObject({
        details: { limit: 'steps' },
      })
    } finally {
      Date.now = realNow
    }
  })

  it('gives the event loop a turn during a long evaluation', async () => {
    let turns = 0
    let running = true
    const tick = () => {
      turns += 1
      if (running) setTimeout(tick, 0)
    }
    setTimeout(tick, 0)
    const limits = { ...defaultExpressionLimits, timeoutMs: 20_000, maxSteps: 2_000_000 }
    const before = turns
    await evaluateExpression('$sum([1..100000].($ * 2))', {}, {}, limits)
    const during = turns - before
    running = false
    expect(during).toBeGreaterThan(1)
  })
})

describe('regular expressions', () => {
  it('answers a catastrophic pattern in linear time', async () => {
    const started = Date.now()
    expect(await evaluateExpression('$contains(x, /^(a+)+$/)', { x: `${'a'.repeat(30)}!` })).toBe(false)
    expect(await evaluateExpression('$match(x, /(a|aa)+b/)', { x: 'a'.repeat(5000) })).toBeUndefined()
    expect(await evaluateExpression('$replace(x, /(x+x+)+y/, "z")', { x: 'x'.repeat(5000) })).toBe(
      'x'.repeat(5000),
    )
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('matches like JSONata did: groups, positions, flags and replacements', async () => {
    expect(Array.from((await evaluateExpression('$match("abcabc", /b(c)/)', {})) as unknown[])).toEqual([
      { match: 'bc', index: 1, groups: ['c'] },
      { match: 'bc', index: 4, groups: ['c'] },
    ])
    expect(await evaluateExpression('$replace("Jan de Vries", /(\\w+) (\\w+)/, "$2 $1")', {})).toBe(
      'de Jan Vries',
    )
    expect(await evaluateExpression('$split("a1b22c", /\\d+/)', {})).toEqual(['a', 'b', 'c'])
    expect(await evaluateExpression('$contains("HALLO", /hallo/i)', {})).toBe(true)
    expect(await evaluateExpression('$count($match("a\\nb", /^\\w$/m))', {})).toBe(2)
    expect(await evaluateExpression('$match("ab", /(x)?b/).groups', {})).toEqual([undefined])
    expect(await evaluateExpression('$replace("één twee", /é/, "e")', {})).toBe('een twee')
    expect(await evaluateExpression('$match("2024-05", /(?<y>\\d{4})-(\\d{2})/).groups', {})).toEqual([
      '2024',
      '05',
    ])
  })

  it('refuses back-references and look-around when the flow is checked and when $eval runs one', async () => {
    for (const source of ['$replace(x, /(a)\\1/, "b")', '$contains(x, /a(?=b)/)', '$split(x, /(?<=a)b/)']) {
      try {
        parseExpression(source)
        expect.unreachable(source)
      } catch (error) {
        expect(error).toMatchObject({ code: 'expression.regex', text: { nl: /terugverwijzingen/ } })
      }
    }
    expect(await failure('$eval("$contains(\\"aa\\", /(a)\\\\1/)")')).toMatchObject({
      code: 'expression.regex',
    })
  })

  it('refuses to search a text longer than the limit', async () => {
    expect(await failure('$contains(x, /a/)', { x: 'b'.repeat(200_000) })).toMatchObject({
      code: 'expression.limit',
      details: { limit: 'regex_text', max: defaultExpressionLimits.maxRegexText },
    })
  })

  it('charges the step budget for the text it searches', async () => {
    const limits = { ...limitsWithoutClock, maxSteps: 2_000 }
    expect(
      await failure('$count([1..50].$contains($$.x, /z/))', { x: 'b'.repeat(90_000) }, limits),
    ).toMatchObject({
      details: { limit: 'steps' },
    })
  })
})

describe('expression errors carry no data', () => {
  it('names the kind, code and position, never the value', async () => {
    const error = await failure('$number(naam)', { naam: 'Fatima El Amrani' })
    expect(error.code).toBe('expression.evaluation')
    expect(error.message).toBe('Expression failed: not a number (JSONata D3030 at position 8)')
    expect(error.text).toEqual({
      nl: 'De expressie gaf een fout: geen getal (JSONata D3030, positie 8).',
      en: 'The expression failed: not a number (JSONata D3030 at position 8).',
    })
    expect(error.details).toEqual({ jsonataCode: 'D3030', position: 8 })
    expect(error.cause).toBeUndefined()
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toMatch(/Fatima/)
  })

  it('keeps values out of $error, $eval and comparison failures', async () => {
    const cases: Array<[string, RegExp]> = [
      ['$error("BSN van " & naam)', /\$error/],
      ['$eval(naam)', /syntax error/],
      ['naam < 3', /different types/],
      ['$sqrt(-1 * $length(naam))', /out of range/],
    ]
    for (const [source, kind] of cases) {
      const error = await failure(source, { naam: 'Fatima El Amrani' })
      expect(error.text.en).toMatch(kind)
      expect(
        `${error.message} ${error.text.nl} ${error.text.en} ${JSON.stringify(error.details)}`,
      ).not.toMatch(/Fatima|Amrani/)
      expect(error.cause).toBeUndefined()
    }
  })
})
