/**
 * First-load JavaScript of each page, read from the production build (Next 16, Turbopack): the
 * root main files every page loads (.next/build-manifest.json `rootMainFiles`) plus the entry chunks
 * of the page's own segments — root layout, route-group layouts and the page — from its client
 * reference manifest (`entryJSFiles` in .next/server/app/<route>/page_client-reference-manifest.js).
 * Polyfills (`nomodule`, skipped by current browsers) and chunks loaded later are not counted.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

export interface PageJs {
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

interface ClientReferenceManifest {
  entryJSFiles?: Record<string, string[]>;
}

/** Reads `globalThis.__RSC_MANIFEST[entry]` from a client reference manifest without running it in this realm. */
function entryFiles(manifestFile: string, entry: string): string[] {
  const sandbox: { __RSC_MANIFEST: Record<string, ClientReferenceManifest> } = { __RSC_MANIFEST: {} };
  runInNewContext(readFileSync(manifestFile, "utf8"), sandbox, { timeout: 5_000 });
  const manifest = sandbox.__RSC_MANIFEST[entry];
  if (!manifest?.entryJSFiles) throw new Error(`${manifestFile} has no entryJSFiles for ${entry}`);
  return Object.values(manifest.entryJSFiles).flat();
}

/** First-load JS per page route ("/functions"), from the build in `dir` (default .next). */
export function firstLoadJs(dir = ".next"): Record<string, PageJs> {
  const build = JSON.parse(readFileSync(join(dir, "build-manifest.json"), "utf8")) as {
    rootMainFiles?: string[];
  };
  const routes = JSON.parse(readFileSync(join(dir, "app-path-routes-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = (file: string) => {
    const rel = file.replace(/^\/_next\//, "");
    let s = sizes.get(rel);
    if (!s) {
      const bytes = readFileSync(join(dir, rel));
      s = { raw: bytes.length, gzip: gzipSync(bytes).length };
      sizes.set(rel, s);
    }
    return s;
  };
  const pages: Record<string, PageJs> = {};
  for (const [entry, route] of Object.entries(routes).sort(([, a], [, b]) => a.localeCompare(b))) {
    if (!entry.endsWith("/page") || route.startsWith("/_")) continue;
    const manifestFile = join(dir, "server/app", `${entry}_client-reference-manifest.js`);
    if (!existsSync(manifestFile)) continue;
    const files = new Set(
      [...(build.rootMainFiles ?? []), ...entryFiles(manifestFile, entry)]
        .map((f) => f.replace(/^\/_next\//, ""))
        .filter((f) => f.endsWith(".js")),
    );
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const f of files) {
      const s = sizeOf(f);
      rawBytes += s.raw;
      gzipBytes += s.gzip;
    }
    pages[route] = { files: files.size, rawBytes, gzipBytes };
  }
  return pages;
}
