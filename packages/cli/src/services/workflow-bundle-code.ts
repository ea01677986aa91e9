const sourceMapMarker = '//# sourceMappingURL=data:'

/**
 * The interpreter workflow's bundle as the worker keeps it in memory, made smaller without
 * changing what runs: the inline source map keeps its mappings (workflow stack traces still
 * name the TypeScript file and line) but no copy of every source file, and every character
 * outside ASCII becomes a `\uXXXX` escape, so V8 holds the code as one byte per character
 * instead of two. The bundle is held by the worker's main thread and again by each workflow
 * thread; both shrink (3.4 MB of two-byte text becomes some 1.7 MB of one-byte text).
 *
 * Non-ASCII characters in webpack's output are in comments, strings and regular expressions,
 * where an escape means the same character (stack-trace columns on those few lines shift a little).
 *
 * @example
 * writeFileSync(file, slimWorkflowBundle((await bundleWorkflowCode(options)).code))
 */
export function slimWorkflowBundle(code: string): string {
  const at = code.lastIndexOf(sourceMapMarker)
  const data = at === -1 ? -1 : code.indexOf('base64,', at)
  if (data === -1) return asciiOnly(code)
  const map = JSON.parse(
    Buffer.from(code.slice(data + 'base64,'.length).trimEnd(), 'base64').toString('utf8'),
  ) as Record<string, unknown>
  delete map.sourcesContent
  const prefix = code.slice(at, data + 'base64,'.length)
  return `${asciiOnly(code.slice(0, at))}${prefix}${Buffer.from(JSON.stringify(map)).toString('base64')}\n`
}

/** Every UTF-16 code unit above 0x7f written as `\uXXXX`. */
export function asciiOnly(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
