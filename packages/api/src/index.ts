export { createApp, maxBodyBytes } from './app.js'
export { type AuditEvent, audit } from './audit.js'
export {
  findOidcAccount,
  type OidcIdentity,
  type OidcSettings,
  oidcRelyingParty,
} from './auth/oidc.js'
export { generatePassword, hashPassword, minPasswordLength, verifyPassword } from './auth/passwords.js'
export {
  type AuthOutcome,
  type AuthProvider,
  type CredentialsAuthProvider,
  defaultLockout,
  type LockoutPolicy,
  passwordProvider,
} from './auth/provider.js'
export { hasPermission, type Permission, permissions, type Role, roleSchema } from './auth/roles.js'
export { createSession, csrfTokenFor, type SessionLifetime, sessionCookieName } from './auth/sessions.js'
export {
  createUser,
  ensureFirstAdmin,
  ensureTeam,
  loadViewer,
  type NewUser,
  normaliseEmail,
  type Viewer,
} from './auth/users.js'
export { loadConfig, type WarmflowConfig } from './config.js'
export type { AppDeps, AuthSettings } from './deps.js'
export {
  createApiMetrics,
  createHttpMetrics,
  type HttpMetrics,
  type HttpObservability,
  observeRequests,
  type RequestLogger,
  requestIdFrom,
  requestIdHeader,
  routePatternOf,
} from './http/observe.js'
export { traceRequests } from './http/tracing.js'
export {
  ApiError,
  type Dependency,
  outageOf,
  type ProblemError,
  retryAfterSeconds,
  ServiceUnavailableError,
} from './problems.js'
export { ensureSmtpCredentials, smtpCredentialsOf } from './runs/smtp-credentials.js'
export { type ScheduleSync, scheduleIdFor, syncFlowSchedule } from './schedules.js'
export { type RunningServer, startServer } from './server.js'
export {
  type ApiTemporalOptions,
  apiTemporalConnectionOptions,
  apiTemporalInterceptors,
  connectApiTemporal,
  type TemporalCallLimits,
} from './temporal-client.js'
export {
  generateWebhookSecret,
  signWebhook,
  verifyWebhook,
  type WebhookRejection,
  webhookToleranceSeconds,
} from './webhooks/signature.js'
