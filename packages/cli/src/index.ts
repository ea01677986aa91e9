export { createAdmin } from './create-admin.js'
export { demoTeamName, seedExampleFlows } from './seed.js'
export { start } from './start.js'
