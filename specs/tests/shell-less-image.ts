// An image without a shell, for the data-persists "no /bin/sh" case: one static binary that sleeps, packed
// as a single-layer OCI archive and imported into the lab cluster's containerd (no registry).

import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { importImage } from '../../fixtures/cluster/images.js'
import { labPaths } from '../../fixtures/cluster/lab-config.js'

export const SHELL_LESS_IMAGE = 'lab.local/no-shell:1'
const SLEEPER_C = '#include <unistd.h>\nint main(void) { for (;;) pause(); }\n'

export async function importShellLessImage(): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'no-shell-'))
  try {
    const rootfs = join(work, 'rootfs')
    mkdirSync(join(rootfs, 'var', 'lib', 'mysql'), { recursive: true })
    writeFileSync(join(work, 'sleeper.c'), SLEEPER_C)
    await execa('gcc', ['-static', '-Os', '-o', join(rootfs, 'sleeper'), join(work, 'sleeper.c')])
    const layer = join(work, 'layer.tar')
    await execa('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', rootfs, '-cf', layer, '.'])
    const blobs = join(work, 'layout', 'blobs', 'sha256')
    mkdirSync(blobs, { recursive: true })
    const put = (data: Buffer | string) => {
      const digest = createHash('sha256').update(data).digest('hex')
      writeFileSync(join(blobs, digest), data)
      return { digest: `sha256:${digest}`, size: Buffer.byteLength(data) }
    }
    const layerBlob = put(readFileSync(layer))
    const config = put(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Entrypoint: ['/sleeper'] }, rootfs: { type: 'layers', diff_ids: [layerBlob.digest] } }))
    const manifest = put(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layerBlob }] }))
    writeFileSync(join(work, 'layout', 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
    writeFileSync(
      join(work, 'layout', 'index.json'),
      JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, platform: { architecture: 'amd64', os: 'linux' }, annotations: { 'io.containerd.image.name': SHELL_LESS_IMAGE, 'org.opencontainers.image.ref.name': '1' } }] }),
    )
    const archive = join(work, 'no-shell.tar')
    await execa('tar', ['-C', join(work, 'layout'), '-cf', archive, 'oci-layout', 'index.json', 'blobs'])
    await importImage(labPaths().containerdSocket, archive)
    return SHELL_LESS_IMAGE
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
