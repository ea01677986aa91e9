import type { Client } from '@temporalio/client'
import type { NodeRegistry } from '@warmflow/engine'
import type { Kysely } from 'kysely'
import type { Database } from './db/index.js'

/** Everything the API needs from outside, handed to {@link createApp}. */
export interface AppDeps {
  db: Kysely<Database>
  temporal: { client: Client; taskQueue: string }
  registry: NodeRegistry
  /** Folder with the built editor; when set the API serves it at `/`. */
  editorDir?: string
}
