import { describe, expect, it } from 'vitest'
import { ApiError } from '../problems.js'
import { taskError, taskMessages } from './messages.js'

describe('task messages', () => {
  it('gives every task answer its own code, a Dutch and an English text', () => {
    const entries = Object.values(taskMessages)
    expect(new Set(entries.map((m) => m.code)).size).toBe(entries.length)
    for (const message of entries) {
      expect(message.code).toMatch(/^task\.[a-z_]+$/)
      expect(message.text.nl.length).toBeGreaterThan(10)
      expect(message.text.en.length).toBeGreaterThan(10)
      expect(message.text.nl).not.toBe(message.text.en)
    }
  })

  it('makes the answer a route throws, with status, code, both texts and the problems', () => {
    const error = taskError('invalidFields', [
      { code: 'task.invalid_field', message: { nl: 'bedrag: verplicht', en: 'bedrag: required' } },
    ])
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.code).toBe('task.invalid_fields')
    expect(error.text).toEqual({ nl: 'Niet alle velden kloppen.', en: 'Some fields are not valid.' })
    expect(error.errors).toHaveLength(1)
    expect(taskError('fourEyes').status).toBe(403)
    expect(taskError('notOpen')).toMatchObject({ status: 409, code: 'task.not_open', errors: [] })
  })
})
