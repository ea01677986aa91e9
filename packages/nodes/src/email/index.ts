export { EmailError, emailSendNode, maxAttachmentBytes, messageIdFor, smtpCredentialSchema } from './email.js'
export { type RenderResult, renderTemplate } from './template.js'
