// Flows the benchmarks publish.

/**
 * manual → human task (role `approver`) → transform: a run that waits on a person and goes on
 * when the task is approved (`pnpm bench:approval`, `pnpm bench:scale`).
 */
export function approvalFlow(name: string) {
  return {
    name,
    nodes: [
      { id: 'start', type: 'manual', version: 1 },
      {
        id: 'check',
        type: 'human.task',
        version: 1,
        config: { title: { nl: 'Bekijken', en: 'Review' }, role: 'approver' },
      },
      { id: 'next', type: 'transform', version: 1, config: { fields: { bericht: "'Goedgekeurd'" } } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'check' },
      { id: 'e2', source: 'check', sourcePort: 'approved', target: 'next' },
    ],
  }
}
