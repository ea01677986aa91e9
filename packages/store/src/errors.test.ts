import { describe, expect, it } from 'vitest'
import { isUniqueViolation } from './errors.js'

// The shape node-postgres gives a unique violation: SQLSTATE in `code`, the constraint's name.
const duplicateTeam = Object.assign(new Error('duplicate key value violates unique constraint'), {
  code: '23505',
  constraint: 'teams_name_key',
})

describe('isUniqueViolation', () => {
  it('recognises a unique violation, of any constraint or of the one named', () => {
    expect(isUniqueViolation(duplicateTeam)).toBe(true)
    expect(isUniqueViolation(duplicateTeam, 'teams_name_key')).toBe(true)
    expect(isUniqueViolation(duplicateTeam, 'users_email_key')).toBe(false)
  })

  it('says no to every other error and to what is not an error', () => {
    expect(isUniqueViolation(Object.assign(new Error('null value'), { code: '23502' }))).toBe(false)
    expect(isUniqueViolation(new Error('connection refused'))).toBe(false)
    expect(isUniqueViolation(undefined)).toBe(false)
    expect(isUniqueViolation('23505')).toBe(false)
  })
})
