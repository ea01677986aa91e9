import { describe, expect, it } from 'vitest'
import {
  defaultExpressionLimits,
  ExpressionError,
  evaluateExpression,
  parseExpression,
} from './expressions.js'

describe('expressions', () => {
  it('evaluates JSONata over data', async () => {
    expect(
      await evaluateExpression('voornaam & " " & achternaam', { voornaam: 'Anna', achternaam: 'de Vries' }),
    ).toBe('Anna de Vries')
    expect(await evaluateExpression('$sum(uren)', { uren: [1, 2, 3.5] })).toBe(6.5)
  })

  it('reports a syntax error with a code and Dutch text', () => {
    try {
      parseExpression('voornaam &')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError)
      expect((error as ExpressionError).code).toBe('expression.syntax')
      expect((error as ExpressionError).text.nl).toMatch(/klopt niet/)
    }
  })

  it('stops an endless expression within its time limit', async () => {
    const started = Date.now()
    await expect(
      evaluateExpression(
        '($f := function($n) { $f($n + 1) }; $f(0))',
        {},
        {},
        {
          timeoutMs: 100,
          maxDepth: 100_000,
          maxSequence: 1000,
          maxLength: 1000,
        },
      ),
    ).rejects.toMatchObject({ code: 'expression.limit' })
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('stops a long expression at its step budget, also when the clock stands still', async () => {
    const realNow = Date.now
    // Inside a Temporal workflow Date.now() does not move while code runs: simulate that.
    Date.now = () => 0
    try {
      await expect(
        evaluateExpression(
          '$sum([1..100000].($ * 2))',
          {},
          {},
          { ...defaultExpressionLimits, maxSteps: 5_000 },
        ),
      ).rejects.toMatchObject({
        code: 'expression.limit',
        text: { en: /5000 steps/ },
        details: { limit: 'steps' },
      })
    } finally {
      Date.now = realNow
    }
    expect(await evaluateExpression('$sum([1..100].($ * 2))', {})).toBe(10_100)
  })

  it('evaluates the same expression many times at once, each with its own data, bindings and step budget', async () => {
    const limits = { ...defaultExpressionLimits, maxSteps: 5_000 }
    const source = '$sum([1..n].($ * $factor))'
    // Ten runs at once of one expression: a heavy one that runs out of steps among light ones.
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        evaluateExpression(source, { n: i === 3 ? 100_000 : 10 }, { factor: i }, limits),
      ),
    )
    results.forEach((result, i) => {
      if (i === 3) expect(result).toMatchObject({ status: 'rejected', reason: { code: 'expression.limit' } })
      else expect(result).toEqual({ status: 'fulfilled', value: 55 * i })
    })
    // Later evaluations of it start with a fresh budget and no bindings of earlier ones.
    expect(await evaluateExpression(source, { n: 10 }, { factor: 2 }, limits)).toBe(110)
    expect(await evaluateExpression('$factor', {}, {}, limits)).toBeUndefined()
    expect(await evaluateExpression('$x', {}, { x: 1 })).toBe(1)
    expect(await evaluateExpression('$x', {})).toBeUndefined()
  })

  it('stops runaway recursion at the depth limit', async () => {
    await expect(
      evaluateExpression('($f := function($n) { 1 + $f($n + 1) }; $f(0))', {}),
    ).rejects.toMatchObject({
      code: 'expression.limit',
      details: { limit: 'depth', max: defaultExpressionLimits.maxDepth },
    })
    // A tail call does not nest: the step budget (or the clock) stops it.
    await expect(evaluateExpression('($f := function($n) { $f($n + 1) }; $f(0))', {})).rejects.toMatchObject({
      code: 'expression.limit',
    })
  })

  it('refuses expressions that are too long', () => {
    expect(() => parseExpression(`${'1+'.repeat(3000)}1`)).toThrow(ExpressionError)
  })

  it('cannot reach JavaScript globals', async () => {
    expect(await evaluateExpression('process', {})).toBeUndefined()
    await expect(evaluateExpression('$eval("1")', {})).resolves.toBe(1)
    expect(await evaluateExpression('constructor', {})).toBeUndefined()
  })
})
