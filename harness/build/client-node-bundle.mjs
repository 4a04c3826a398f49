// Step 5 of `npm run build`: dist/harness/kube/client-node.js as one file holding KubeConfig and Exec with
// everything they import (client-node's own modules and its dependencies: js-yaml, ws, node-fetch, openid-client,
// ...), in place of tsc's re-export of the package's main module (see harness/kube/client-node.ts for why).
//
// - client-node's modules are declared free of import-time side effects (its package.json does not say), so the
//   generated API that KubeConfig never reaches is left out: what stays is what these two classes can run.
// - Dependencies are bundled too, not left as imports: npm may install them inside client-node's own
//   node_modules, where dist/ could not find them.
// - A `require` for the CommonJS ones (ws), made from the bundle's own URL; Node's built-in modules stay imports,
//   and so do the optional modules that are not installed (bufferutil, utf-8-validate, ...): they are required
//   inside a try, as in the packages themselves.
// - Node's `punycode` module (which node-fetch's URL code requires) is the userland `punycode` package: the same
//   code, but the built-in warns on Node 22 and later (DEP0040) when the code that loads it is not in node_modules.
// - The packages' license comments are kept at the end of the file.

import { build } from 'esbuild'

const CLIENT_NODE_DIST = '/@kubernetes/client-node/dist/'

/** Client-node's own modules (not its dependencies) carry no side effects that KubeConfig or Exec rely on. */
const clientNodeWithoutSideEffects = {
  name: 'client-node-without-side-effects',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'resolving') return undefined
      const resolved = await b.resolve(args.path, { resolveDir: args.resolveDir, importer: args.importer, kind: args.kind, pluginData: 'resolving' })
      // Not found (the optional modules ws, debug and node-fetch try to require): esbuild's own handling, which
      // leaves a require inside a try as it is.
      if (resolved.errors.length > 0) return undefined
      if (resolved.external) return resolved
      return { ...resolved, sideEffects: resolved.path.replaceAll('\\', '/').includes(CLIENT_NODE_DIST) ? false : resolved.sideEffects }
    })
  },
}

/** Bundles `entry` (harness/kube/client-node.ts) into `outfile`; resolves to the paths of the modules it holds. */
export async function bundleClientNode(entry, outfile) {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
    plugins: [clientNodeWithoutSideEffects],
    alias: { punycode: 'punycode/' },
    banner: { js: "import { createRequire as createBundleRequire } from 'node:module';\nconst require = createBundleRequire(import.meta.url);" },
  })
  const inputs = Object.values(result.metafile.outputs)[0].inputs
  return Object.keys(inputs)
}
