/** Bundles `entry` (harness/kube/client-node.ts) into `outfile`; resolves to the paths of the modules it holds. */
export function bundleClientNode(entry: string, outfile: string): Promise<string[]>
