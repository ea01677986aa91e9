export { createAdmin } from './create-admin.js'
export { demoTeamName, seedExampleFlows } from './seed.js'
export { exampleImpactFlowName, seedImpactExample } from './seed-impact.js'
export { start } from './start.js'
