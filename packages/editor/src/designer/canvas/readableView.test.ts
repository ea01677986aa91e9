import { describe, expect, it } from 'vitest'
import { readableViewport, readableZoom } from './readableView'

describe('the first view of a flow', () => {
  it('fits a small flow whole and centred, never above 100 %', () => {
    const view = readableViewport({ x: 0, y: 0, width: 220, height: 400 }, { width: 800, height: 700 })
    expect(view.zoom).toBe(1)
    expect(view.x).toBe(290)
    expect(view.y).toBe(150)
  })

  it('zooms out to fit a medium flow while the names stay readable', () => {
    const view = readableViewport({ x: 0, y: 0, width: 220, height: 700 }, { width: 800, height: 700 })
    expect(view.zoom).toBeGreaterThanOrEqual(readableZoom)
    expect(view.zoom).toBeLessThan(1)
  })

  it('opens a long flow readable, at its start, centred across', () => {
    const view = readableViewport({ x: -100, y: -50, width: 820, height: 6400 }, { width: 800, height: 700 })
    expect(view.zoom).toBe(readableZoom)
    // The top of the flow sits 40 px below the top of the canvas.
    expect(-50 * view.zoom + view.y).toBe(40)
    // 820 × 0.8 = 656 px fits across 800 px: centred.
    expect(-100 * view.zoom + view.x).toBeCloseTo((800 - 656) / 2)
  })

  it('starts a wide and long flow at its left edge', () => {
    const view = readableViewport({ x: 0, y: 0, width: 3000, height: 6400 }, { width: 800, height: 700 })
    expect(view).toEqual({ x: 40, y: 40, zoom: readableZoom })
  })
})
