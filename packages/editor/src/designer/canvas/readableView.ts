/** The smallest zoom at which the canvas opens: node names (14 px) show at 11 px or more, still readable. */
export const readableZoom = 0.8

/** A rectangle on the canvas, in flow coordinates. */
export interface Bounds {
  x: number
  y: number
  width: number
  height: number
}

/** Where the canvas looks: a pan in screen pixels and a zoom. */
export interface Viewport {
  x: number
  y: number
  zoom: number
}

/**
 * The first view of a flow: all of it, centred, when it fits at a readable zoom (never above
 * 100 %); otherwise at {@link readableZoom} with the top of the flow (where it starts) in view,
 * centred across when it is narrow enough, and the rest to scroll to.
 *
 * @example
 * readableViewport({ x: 0, y: 0, width: 220, height: 6400 }, { width: 800, height: 700 })
 * // { x: 312, y: 40, zoom: 0.8 }: the start at the top, readable
 */
export function readableViewport(
  bounds: Bounds,
  size: { width: number; height: number },
  options: { padding?: number; margin?: number; minZoom?: number; maxZoom?: number } = {},
): Viewport {
  const padding = options.padding ?? 0.3
  const margin = options.margin ?? 40
  const minZoom = options.minZoom ?? readableZoom
  const maxZoom = options.maxZoom ?? 1
  const width = Math.max(bounds.width, 1)
  const height = Math.max(bounds.height, 1)
  const fit = Math.min(size.width / (width * (1 + padding)), size.height / (height * (1 + padding)), maxZoom)
  if (fit >= minZoom) {
    return {
      x: (size.width - width * fit) / 2 - bounds.x * fit,
      y: (size.height - height * fit) / 2 - bounds.y * fit,
      zoom: fit,
    }
  }
  const zoom = minZoom
  const across = width * zoom <= size.width - 2 * margin ? (size.width - width * zoom) / 2 : margin
  return { x: across - bounds.x * zoom, y: margin - bounds.y * zoom, zoom }
}
