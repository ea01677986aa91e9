// #region plugin
import { definePlugin } from '@warmflow/engine'
import { clientLookup, clientLookupV2 } from './lookup.js'

export { clientLookup, clientLookupV2 } from './lookup.js'

/** The plugin Warmflow loads: list this package in WARMFLOW_PLUGINS or warmflow.config.json. */
export const plugin = definePlugin({
  name: '@warmflow-examples/plugin-client-registry',
  version: '1.0.0',
  engine: '^0.1.0',
  nodes: [clientLookup, clientLookupV2],
})
// #endregion plugin
