import { useEffect, useRef } from 'react'

/** One line of a chart. */
export interface ChartSeries {
  label: string
  values: (number | null)[]
  color: string
}

/**
 * A weekly line chart, drawn with uPlot once its code has arrived (a separate chunk, so pages
 * and the initial editor load without it). The canvas is decoration for sighted readers: the
 * table beside it carries the same numbers for screen readers and print.
 */
export function ImpactChart({ labels, series }: { labels: string[]; series: ChartSeries[] }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = box.current
    if (!element || labels.length === 0) return
    let alive = true
    let destroy: (() => void) | undefined
    Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(
      ([{ default: UPlot }]) => {
        if (!alive) return
        const chart = new UPlot(
          {
            width: Math.max(280, element.clientWidth || 560),
            height: 220,
            legend: { show: true },
            cursor: { show: true, drag: { x: false, y: false } },
            scales: { x: { time: false } },
            axes: [
              {
                values: (_u, ticks) => ticks.map((tick) => labels[Math.round(tick)]?.slice(5) ?? ''),
                incrs: [1],
              },
              { size: 48 },
            ],
            series: [
              { label: 'week', value: (_u, index) => labels[Math.round(index)] ?? '' },
              ...series.map((line) => ({
                label: line.label,
                stroke: line.color,
                width: 2,
                points: { show: true, size: 6 },
                spanGaps: false,
              })),
            ],
          },
          [labels.map((_, index) => index), ...series.map((line) => line.values)],
          element,
        )
        destroy = () => chart.destroy()
      },
      () => undefined,
    )
    return () => {
      alive = false
      destroy?.()
    }
  }, [labels, series])
  return <div className="impact-chart" ref={box} aria-hidden="true" />
}
