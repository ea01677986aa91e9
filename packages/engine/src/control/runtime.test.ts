import { describe, expect, it } from 'vitest'
import { checkCompleteTaskArgs, durationToMs, truthy } from './runtime.js'
import { completeTaskArgsSchema, durationSchema, humanTaskConfigSchema } from './schemas.js'

describe('control runtime', () => {
  it('adds up duration parts', () => {
    expect(durationToMs({ days: 1, hours: 2, minutes: 3, seconds: 4.5 })).toBe(93_784_500)
    expect(durationSchema.safeParse({}).success).toBe(false)
    expect(durationSchema.safeParse({ days: 400 }).success).toBe(false)
  })

  it('uses JSONata truthiness', () => {
    expect([true, 1, 'ja', [0, 1], { a: 1 }].map(truthy)).toEqual([true, true, true, true, true])
    expect([false, 0, '', [], [0, ''], {}, null, undefined, Number.NaN].map(truthy)).toEqual(
      Array(9).fill(false),
    )
  })

  it('checks completeTask arguments without zod, agreeing with the zod schema', () => {
    const good = { taskId: 't1', decision: 'approve', userId: 'u1', fields: { uren: 2 } }
    expect(checkCompleteTaskArgs(good)).toBeUndefined()
    expect(completeTaskArgsSchema.safeParse(good).success).toBe(true)
    for (const bad of [
      null,
      { ...good, taskId: '' },
      { ...good, decision: 'maybe' },
      { ...good, userId: '' },
      { ...good, fields: [] },
      { ...good, reason: 3 },
    ]) {
      expect(checkCompleteTaskArgs(bad)?.code).toBe('task.invalid_request')
      expect(completeTaskArgsSchema.safeParse(bad).success).toBe(false)
    }
  })

  it('fills human-task defaults and refuses an escalation without a deadline', () => {
    const parsed = humanTaskConfigSchema.parse({ title: { nl: 'Taak', en: 'Task' }, role: 'coordinator' })
    expect(parsed).toMatchObject({ form: { fields: {} }, data: {}, fourEyes: false })
    expect(
      humanTaskConfigSchema.safeParse({
        title: { nl: 'Taak', en: 'Task' },
        role: 'coordinator',
        escalation: { role: 'teamleider', deadline: { days: 1 } },
      }).success,
    ).toBe(false)
  })
})
