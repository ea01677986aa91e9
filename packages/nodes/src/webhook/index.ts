export { secretBytes, signWebhook, verifyWebhook, webhookIdFor } from './signature.js'
export { webhookSendNode } from './webhook-send.js'
