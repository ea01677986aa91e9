export * from './fields.js'
export {
  checkTriggerInput,
  formTrigger,
  type ScheduleConfig,
  scheduleConfigSchema,
  scheduleTrigger,
  TriggerInputError,
  webhookTrigger,
} from './triggers.js'
