import { describe, expect, it } from 'vitest'
import { testI18n } from '../i18n/testing'
import { failureText } from './failureText'

const i18n = testI18n()

describe('failures in the reader’s language', () => {
  it("says Temporal's own messages in Dutch and English", () => {
    expect(failureText({ message: 'Activity task failed' }, i18n.getFixedT('nl'))).toBe(
      'Deze stap is mislukt, ook na opnieuw proberen. Kies de stap met de rode rand om te zien waarom.',
    )
    expect(failureText({ message: 'Activity task failed' }, i18n.getFixedT('en'))).toBe(
      'This step failed, also after trying again. Choose the step with the red border to see why.',
    )
    expect(failureText({ message: 'Activity task timed out' }, i18n.getFixedT('nl'))).toMatch(
      /duurde te lang/,
    )
    expect(failureText({ message: 'Workflow execution terminated' }, i18n.getFixedT('nl'))).toMatch(/gestopt/)
  })

  it("passes a node's own message through", () => {
    expect(failureText({ message: 'De mailserver weigert de inlog.' }, i18n.getFixedT('en'))).toBe(
      'De mailserver weigert de inlog.',
    )
  })
})
