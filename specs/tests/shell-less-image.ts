// An image without a shell, for the data-persists "no /bin/sh" case: one static binary that sleeps, packed
// with the cluster's OCI archive writer and imported into the lab containerd (no registry).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { importImage, labPaths, writeOciArchive } from '@trident-lab/cluster'

export const SHELL_LESS_IMAGE = 'lab.local/no-shell:1'
const SLEEPER_C = '#include <unistd.h>\nint main(void) { for (;;) pause(); }\n'

export async function importShellLessImage(): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'no-shell-'))
  try {
    const rootfs = join(work, 'rootfs')
    mkdirSync(join(rootfs, 'var', 'lib', 'mysql'), { recursive: true })
    writeFileSync(join(work, 'sleeper.c'), SLEEPER_C)
    await execa('gcc', ['-static', '-Os', '-o', join(rootfs, 'sleeper'), join(work, 'sleeper.c')])
    const archive = join(work, 'no-shell.tar')
    await writeOciArchive({ work, rootfs, name: SHELL_LESS_IMAGE, config: { Env: [], Entrypoint: ['/sleeper'], WorkingDir: '/' }, createdBy: 'specs/tests/shell-less-image.ts', out: archive })
    await importImage(labPaths().containerdSocket, archive)
    return SHELL_LESS_IMAGE
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
