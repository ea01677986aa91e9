export * from './fields.js'
export {
  checkTriggerInput,
  formTrigger,
  type ScheduleConfig,
  scheduleConfigSchema,
  scheduleTrigger,
  TriggerInputError,
  triggerFieldsOf,
  triggerTypesWithFields,
  webhookTrigger,
} from './triggers.js'
