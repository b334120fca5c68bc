import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The portal bundle's script and stylesheets, as the built web app's manifest names them. */
export interface PortalAssets {
  script: string | null;
  styles: string[];
  /** Every file the portal entry pulls in, for the static export. */
  files: string[];
}

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
  dynamicImports?: string[];
}

const ENTRY = 'src/portal/portal-main.ts';

/** Reads `web/dist/.vite/manifest.json`; without a built web app the pages work unstyled. */
export function readPortalAssets(webRoot: string): PortalAssets {
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(readFileSync(join(webRoot, '.vite', 'manifest.json'), 'utf8'));
  } catch {
    return { script: null, styles: [], files: [] };
  }
  const entry = manifest[ENTRY];
  if (!entry) return { script: null, styles: [], files: [] };
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
  };
  visit(ENTRY);
  return {
    script: `/${entry.file}`,
    styles: (entry.css ?? []).map((f) => `/${f}`),
    files: [...files],
  };
}
