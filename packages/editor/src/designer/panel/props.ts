import type { CatalogueNode, RunJson } from '../../api/types'
import type { FlowProblem } from '../catalogue'
import type { FlowMeta } from '../Designer'
import type { Graph, WarmNode, WarmNodeData } from '../graph'

/** The tabs of the side panel. */
export type SidePanelTab = 'settings' | 'problems' | 'publish' | 'test'

/** What the side panel and each of its tabs get from the designer. */
export interface SidePanelProps {
  tab: SidePanelTab
  onTab(tab: SidePanelTab): void
  catalogue: ReadonlyMap<string, CatalogueNode>
  graph: Graph
  meta: FlowMeta
  onMeta(meta: FlowMeta): void
  selected: WarmNode[]
  problems: FlowProblem[]
  serverProblems: FlowProblem[] | undefined
  /** Privacy warnings of the saved draft: shown, never blocking publishing. */
  warnings: FlowProblem[]
  /** Nodes whose credentials the team does not have (code `credential.missing`): a warning, not a block. */
  credentialProblems: FlowProblem[]
  onFocusNode(id: string): void
  onNodeChange(id: string, update: Partial<WarmNodeData>): void
  onConnect(source: string, port: string, target: string): void
  onRemoveEdge(edgeId: string): void
  flowId: string | undefined
  /** The team that owns the flow (its credentials fill the nodes' secret slots). */
  teamId: string | undefined
  latestVersion: number | null
  onPublish(note: string): Promise<number>
  run: RunJson | undefined
  onStartRun(input: Record<string, unknown>): Promise<void>
  /** Starts a run of the newest published version (not the draft) with this input. */
  onStartPublishedRun(input: Record<string, unknown>): Promise<void>
  /** Opens an earlier run on the canvas of the flow as it ran. */
  onShowRun(runId: string): void
}
