// Types of start-bundle.mjs (plain JavaScript: it runs before TypeScript can be compiled).

/** The folder compiled bundles of `warmflow start` are kept in: `packages/cli/dist`. */
export function startBundleCacheDir(root: string): string
/** The bundle's entry when one made from the current sources is there; undefined otherwise. */
export function cachedStartBundle(root: string, cacheDir?: string): string | undefined
/** Bundles the CLI and our packages into a new folder of `cacheDir`; returns its entry. */
export function buildStartBundle(root: string, cacheDir?: string): Promise<string>
/** The cached bundle's entry, or a new one built now; undefined when it cannot be built. */
export function ensureStartBundle(
  root: string,
  options?: { log?: (line: string) => void; cacheDir?: string },
): Promise<string | undefined>
