export { inboxNotifyNode } from './inbox-notify.js'
