import { definePlugin } from '@warmflow/engine'
import { classifyNode, draftNode, extractNode, privacyProblems, summariseNode } from './ai/index.js'
import { builtinCredentials } from './credentials.js'
import { emailSendNode } from './email/index.js'
import { httpRequestNode } from './http/index.js'
import { manualTrigger } from './manual/manual.js'
import { matchVolunteersNode } from './matching/index.js'
import { inboxNotifyNode } from './notify/index.js'
import { postgresQueryNode } from './postgres/index.js'
import { pseudonymiseNode, restoreNode } from './privacy/index.js'
import { recordsCreateNode, recordsReadNode, recordsUpdateNode } from './records/index.js'
import { transformNode } from './transform/transform.js'
import { formTrigger, scheduleTrigger, webhookTrigger } from './triggers/index.js'
import { webhookSendNode } from './webhook/index.js'

export * from './ai/index.js'
export { builtinCredentials } from './credentials.js'
export * from './email/index.js'
export * from './http/index.js'
export { manualTrigger } from './manual/manual.js'
export * from './matching/index.js'
export * from './notify/index.js'
export * from './postgres/index.js'
export * from './privacy/index.js'
export * from './records/index.js'
export { transformNode } from './transform/transform.js'
export * from './triggers/index.js'
export * from './webhook/index.js'

/**
 * The built-in nodes, as one plugin: written exactly as an outside plugin would be.
 *
 * @example
 * const registry = createRegistry([builtinPlugin, ...configuredPlugins])
 */
export const builtinPlugin = definePlugin({
  name: '@warmflow/nodes',
  version: '0.1.0',
  nodes: [
    manualTrigger,
    formTrigger,
    webhookTrigger,
    scheduleTrigger,
    transformNode,
    matchVolunteersNode,
    recordsCreateNode,
    recordsReadNode,
    recordsUpdateNode,
    postgresQueryNode,
    httpRequestNode,
    emailSendNode,
    webhookSendNode,
    inboxNotifyNode,
    pseudonymiseNode,
    restoreNode,
    summariseNode,
    extractNode,
    classifyNode,
    draftNode,
  ],
  // AI nodes only get pseudonymised text: checked over the whole flow before it is published.
  checks: [privacyProblems],
  // The forms for the mail server, AI service and web service credentials.
  credentials: builtinCredentials,
})
