import type { LocalizedText } from '@warmflow/engine'
import { ApiError, notFound, type ProblemError } from '../problems.js'

/**
 * What the inbox tells people about tasks, in Dutch and English, with each answer's stable
 * code and HTTP status. Every task route answers from here, so one wording holds everywhere.
 */
export const taskMessages = {
  notClaimable: {
    status: 409,
    code: 'task.not_claimable',
    text: {
      nl: 'Deze taak is al door iemand anders opgepakt of is afgerond.',
      en: 'This task was already claimed by someone else or is closed.',
    },
  },
  notYours: {
    status: 409,
    code: 'task.not_yours',
    text: {
      nl: 'Deze taak is niet aan jou toegewezen of is afgerond.',
      en: 'This task is not assigned to you, or it is closed.',
    },
  },
  notOpen: {
    status: 409,
    code: 'task.not_open',
    text: {
      nl: 'Deze taak is al afgerond, verlopen of gestopt.',
      en: 'This task is already completed, expired or cancelled.',
    },
  },
  assignedToOther: {
    status: 409,
    code: 'task.assigned_to_other',
    text: { nl: 'Deze taak is aan een collega toegewezen.', en: 'This task is assigned to a colleague.' },
  },
  invalidAssignee: {
    status: 400,
    code: 'task.invalid_assignee',
    text: {
      nl: 'Deze collega zit niet in het team van de taak of mag deze taak niet doen.',
      en: 'This colleague is not in the task’s team or may not work on this task.',
    },
  },
  fourEyes: {
    status: 403,
    code: 'task.four_eyes',
    text: {
      nl: 'Vier ogen: iemand anders dan wie de flow startte moet deze taak afronden.',
      en: 'Four eyes: someone other than the person who started the flow must decide this task.',
    },
  },
  notDelivered: {
    status: 503,
    code: 'task.not_delivered',
    text: {
      nl: 'Je beslissing is nog niet verwerkt: de flow van deze taak reageert nu niet. Kijk over een paar minuten of de taak intussen is afgerond, en beslis anders opnieuw. Blijft het mislukken, meld het dan bij de beheerder.',
      en: 'Your decision has not been processed yet: the flow of this task is not responding right now. In a few minutes, check whether the task was completed meanwhile, and decide again if not. If it keeps failing, tell your administrator.',
    },
  },
  invalidFields: {
    status: 400,
    code: 'task.invalid_fields',
    text: { nl: 'Niet alle velden kloppen.', en: 'Some fields are not valid.' },
  },
} as const satisfies Record<string, { status: number; code: string; text: LocalizedText }>

/** One of the task answers in {@link taskMessages}. */
export type TaskMessage = keyof typeof taskMessages

/**
 * The error for one of the task answers, optionally listing what exactly is wrong.
 *
 * @example
 * if (!updated) throw taskError('notYours')
 */
export function taskError(message: TaskMessage, problems?: ProblemError[]): ApiError {
  const { status, code, text } = taskMessages[message]
  return new ApiError(status, code, text, problems)
}

/** 404 for a task that does not exist, or that the viewer may not see. */
export const taskNotFound = notFound({ nl: 'Deze taak', en: 'This task' })
