// The yardstick script is honest: on the reference setup every check passes, and each thing a student can get
// wrong fails the check it belongs to. kubectl and ssh are stand-ins here (shell scripts answering from JSON
// files and an ONTAP output file, logging their calls); jq, awk and bash are the real ones.

import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { afterEach, describe, expect, it } from 'vitest'

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'yardstick.sh')
const NS = 'alice'
const SVM = 'svm07'
const PASSWORD = 'vsadmin-pw-1'
const VOLUME = 'trident_pvc_0b1c'
const CHECKS = ['trident-installed', 'backend-online', 'storageclass-ssd', 'storageclass-hdd', 'pvc-bound', 'app-uses-pvc', 'ontap-volume', 'data-persists']

type Obj = Record<string, any>

const readyPod = (name: string, uid: string, labels: Obj, extra: Obj = {}): Obj => ({
  metadata: { name, uid, labels },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  ...extra,
})

/** The reference setup as kubectl and ONTAP would show it. */
function reference() {
  return {
    tridentPods: {
      items: [readyPod('trident-controller-1', 'u1', { app: 'controller.csi.trident.netapp.io' }), readyPod('trident-node-linux-1', 'u2', { app: 'node.csi.trident.netapp.io' })],
    } as Obj,
    backends: { items: [{ backendName: 'ontapnas_10.0.0.7', state: 'online', userState: 'normal', config: { ontap_config: { storageDriverName: 'ontap-nas', svm: SVM } } }] } as Obj,
    classes: {
      items: [
        { metadata: { name: 'ontap-gold' }, provisioner: 'csi.trident.netapp.io', parameters: { backendType: 'ontap-nas', media: 'ssd' } },
        { metadata: { name: 'ontap-bronze' }, provisioner: 'csi.trident.netapp.io', parameters: { backendType: 'ontap-nas', media: 'hdd' } },
      ],
    } as Obj,
    namespace: {
      items: [
        {
          kind: 'Deployment',
          metadata: { name: 'wordpress-mysql' },
          spec: {
            selector: { matchLabels: { app: 'wordpress', tier: 'mysql' } },
            template: {
              spec: {
                containers: [{ name: 'mysql', volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql' }] }],
                volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'mysql-pv-claim' } }],
              },
            },
          },
          status: { availableReplicas: 1 },
        },
        { kind: 'PersistentVolumeClaim', metadata: { name: 'mysql-pv-claim', uid: 'claim-uid' }, spec: { storageClassName: 'ontap-gold', volumeName: 'pvc-claim-uid' }, status: { phase: 'Bound' } },
      ],
    } as Obj,
    pv: { metadata: { name: 'pvc-claim-uid' }, spec: { claimRef: { uid: 'claim-uid' }, csi: { driver: 'csi.trident.netapp.io', volumeAttributes: { internalName: VOLUME } } } } as Obj,
    ontapOutput: [
      'vserver|volume|state|aggregate|',
      'Vserver Name|Volume Name|Volume State|Aggregate Name|',
      `${SVM}|${VOLUME}|online|aggr1|`,
      '',
      'vserver|aggregate|type|',
      'Vserver|Aggregate|Type|',
      `${SVM}|aggr1|ssd|`,
      `${SVM}|aggr2|hdd|`,
      '2 entries were displayed.',
      '',
    ].join('\n'),
    ontapPassword: PASSWORD,
    /** The database pods before the delete, and after it (the replacement). */
    dbBefore: { items: [readyPod('mysql-a', 'pod-a', { app: 'wordpress', tier: 'mysql' })] } as Obj,
    dbAfter: {
      items: [
        readyPod('mysql-a', 'pod-a', { app: 'wordpress', tier: 'mysql' }, { metadata: { name: 'mysql-a', uid: 'pod-a', deletionTimestamp: '2026-01-01T00:00:00Z' } }),
        readyPod('mysql-b', 'pod-b', { app: 'wordpress', tier: 'mysql' }),
      ],
    } as Obj,
    /** What the replacement pod reads: the file as written (a volume), or nothing (an emptyDir). */
    replacementKeepsFile: true,
  }
}
type Setup = ReturnType<typeof reference>

const FAKE_KUBECTL = `#!/usr/bin/env bash
d=$FAKE_DIR
printf '%s\\n' "$*" >> "$d/kubectl.log"
case "$*" in
  "get pods --all-namespaces -l app in (controller.csi.trident.netapp.io,node.csi.trident.netapp.io) -o json") cat "$d/trident-pods.json" ;;
  "get tridentbackends.trident.netapp.io --all-namespaces -o json") cat "$d/backends.json" ;;
  "get storageclasses -o json") cat "$d/classes.json" ;;
  "get deployments,persistentvolumeclaims -n ${NS} -o json") cat "$d/namespace.json" ;;
  "get pv "*) [ "$3" = "$(jq -r .metadata.name "$d/pv.json")" ] && cat "$d/pv.json" || { echo "NotFound" >&2; exit 1; } ;;
  "get pods -n ${NS} -l app=wordpress,tier=mysql -o json") if [ -e "$d/deleted" ]; then cat "$d/db-after.json"; else cat "$d/db-before.json"; fi ;;
  "delete pod -n ${NS} "*) touch "$d/deleted" ;;
  "exec -n ${NS} "*)
    shift 6  # exec -n NS POD -c CONTAINER
    [ "$1" = -- ] || exit 1
    if [ $# -eq 7 ]; then printf '%s' "$6" > "$d/volume-file"; printf '%s' "$7" > "$d/volume-path"   # write: -- sh -c S sh CONTENT FILE
    elif [ -e "$d/keeps-file" ] && [ "$(cat "$d/volume-path")" = "$6" ]; then cat "$d/volume-file"; rm -f "$d/volume-file"  # read back: -- sh -c S sh FILE
    else echo "cat: $6: No such file or directory" >&2; exit 1; fi ;;
  *) echo "fake kubectl: unexpected: $*" >&2; exit 1 ;;
esac
`

const FAKE_SSH = `#!/usr/bin/env bash
d=$FAKE_DIR
printf '%s\\n' "$*" >> "$d/ssh.log"
[ "$SSH_ASKPASS_REQUIRE" = force ] && [ "$("$SSH_ASKPASS")" = "$(cat "$d/ontap-password")" ] || { echo "vsadmin@10.0.0.7: Permission denied (keyboard-interactive)." >&2; exit 255; }
cat "$d/ontap.out"
`

let dirs: string[] = []
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
  dirs = []
})

async function yardstick(setup: Setup, env: Record<string, string> = {}, args = [NS]) {
  const d = mkdtempSync(path.join(tmpdir(), 'yardstick-test-'))
  dirs.push(d)
  const files: Record<string, unknown> = {
    'trident-pods.json': setup.tridentPods,
    'backends.json': setup.backends,
    'classes.json': setup.classes,
    'namespace.json': setup.namespace,
    'pv.json': setup.pv,
    'db-before.json': setup.dbBefore,
    'db-after.json': setup.dbAfter,
  }
  for (const [name, value] of Object.entries(files)) writeFileSync(path.join(d, name), JSON.stringify(value))
  writeFileSync(path.join(d, 'ontap.out'), setup.ontapOutput)
  writeFileSync(path.join(d, 'ontap-password'), setup.ontapPassword)
  if (setup.replacementKeepsFile) writeFileSync(path.join(d, 'keeps-file'), '')
  writeFileSync(path.join(d, 'kubectl'), FAKE_KUBECTL)
  writeFileSync(path.join(d, 'ssh'), FAKE_SSH)
  chmodSync(path.join(d, 'kubectl'), 0o755)
  chmodSync(path.join(d, 'ssh'), 0o755)
  const r = await execa('bash', [SCRIPT, ...args], {
    reject: false,
    extendEnv: false,
    env: { PATH: `${d}:${process.env.PATH}`, FAKE_DIR: d, KUBECTL: path.join(d, 'kubectl'), ONTAP_HOST: '10.0.0.7', ONTAP_SVM: SVM, ONTAP_PASSWORD: PASSWORD, PERSIST_TIMEOUT: '3', ...env },
  })
  const read = (name: string) => (existsSync(path.join(d, name)) ? readFileSync(path.join(d, name), 'utf8') : '')
  const lines = r.stdout.split('\n').filter(Boolean)
  return {
    exitCode: r.exitCode,
    stdout: r.stdout,
    stderr: r.stderr,
    failed: lines.filter((l) => l.startsWith('FAIL ')).map((l) => l.slice(5).split(':')[0]),
    passed: lines.filter((l) => l.startsWith('PASS ')).map((l) => l.slice(5)),
    kubectlCalls: read('kubectl.log').split('\n').filter(Boolean),
    sshCalls: read('ssh.log').split('\n').filter(Boolean),
    fileLeft: existsSync(path.join(d, 'volume-file')),
  }
}

describe('yardstick.sh', () => {
  it("passes the reference setup: eight PASS lines in the grader's order, exit 0, one ssh session, one pod deleted, the test file removed", async () => {
    const r = await yardstick(reference())
    expect(r.stderr).toBe('')
    expect(r.passed).toEqual(CHECKS)
    expect(r.failed).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.sshCalls).toHaveLength(1)
    expect(r.sshCalls[0]).toContain(`volume show -vserver ${SVM} -volume ${VOLUME} -fields state,aggregate; vserver show-aggregates -fields type`)
    expect(r.sshCalls[0]).not.toContain(PASSWORD)
    expect(r.kubectlCalls.filter((c) => c.startsWith('delete pod'))).toEqual([`delete pod -n ${NS} mysql-a --wait=false`])
    expect(r.kubectlCalls.join('\n')).not.toContain(PASSWORD)
    expect(r.fileLeft).toBe(false)
  })

  const broken: Array<[string, (s: Setup) => void, string[]]> = [
    ['the Trident controller pod is not ready', (s) => (s.tridentPods.items[0].status.conditions[0].status = 'False'), ['trident-installed']],
    ['no Trident node pod runs', (s) => s.tridentPods.items.splice(1, 1), ['trident-installed']],
    ['the backend is offline', (s) => (s.backends.items[0].state = 'offline'), ['backend-online']],
    ['the only online backend is on another SVM', (s) => (s.backends.items[0].config.ontap_config.svm = 'svm08'), ['backend-online']],
    ['the backend is suspended', (s) => (s.backends.items[0].userState = 'suspended'), ['backend-online']],
    ['there is no HDD class', (s) => s.classes.items.splice(1, 1), ['storageclass-hdd']],
    ['the SSD class asks for media "SSD" (Trident matches exactly)', (s) => (s.classes.items[0].parameters.media = 'SSD'), ['storageclass-ssd', 'pvc-bound', 'ontap-volume']],
    ['the HDD class has another provisioner', (s) => (s.classes.items[1].provisioner = 'kubernetes.io/no-provisioner'), ['storageclass-hdd']],
    ['the database PVC uses the HDD class', (s) => (s.namespace.items[1].spec.storageClassName = 'ontap-bronze'), ['pvc-bound', 'ontap-volume']],
    ['the database PVC is Pending', (s) => (s.namespace.items[1].status.phase = 'Pending'), ['pvc-bound', 'ontap-volume']],
    ['the PV is hand-made (no Trident CSI driver)', (s) => (s.pv.spec.csi.driver = 'hostpath.csi.k8s.io'), ['pvc-bound', 'ontap-volume']],
    ['the PV was made for another claim', (s) => (s.pv.spec.claimRef.uid = 'someone-else'), ['pvc-bound', 'ontap-volume']],
    [
      "the PVC is mounted at /data (the namespace's only PVC is still checked)",
      (s) => (s.namespace.items[0].spec.template.spec.containers[0].volumeMounts[0].mountPath = '/data'),
      ['app-uses-pvc', 'data-persists'],
    ],
    ['the database keeps its data in an emptyDir', (s) => (s.namespace.items[0].spec.template.spec.volumes[0] = { name: 'data', emptyDir: {} }), ['app-uses-pvc', 'data-persists']],
    [
      'no PVC is mounted at the data path and the namespace has two',
      (s) => {
        s.namespace.items[0].spec.template.spec.containers[0].volumeMounts[0].mountPath = '/data'
        s.namespace.items.push({ ...s.namespace.items[1], metadata: { name: 'other', uid: 'other-uid' } })
      },
      ['pvc-bound', 'app-uses-pvc', 'ontap-volume', 'data-persists'],
    ],
    ['the database has no available replica', (s) => (s.namespace.items[0].status.availableReplicas = 0), ['app-uses-pvc', 'data-persists']],
    ['the ONTAP volume is offline', (s) => (s.ontapOutput = s.ontapOutput.replace(`${VOLUME}|online|`, `${VOLUME}|offline|`)), ['ontap-volume']],
    ['the ONTAP volume was moved to the HDD aggregate', (s) => (s.ontapOutput = s.ontapOutput.replace(`${VOLUME}|online|aggr1|`, `${VOLUME}|online|aggr2|`)), ['ontap-volume']],
    ['the ONTAP volume does not exist', (s) => (s.ontapOutput = s.ontapOutput.replace(/^.*\|trident_pvc_0b1c\|.*$/m, 'There are no entries matching your query.')), ['ontap-volume']],
    ['the ONTAP password is wrong', (s) => (s.ontapPassword = 'another-pw'), ['ontap-volume']],
    ['the replacement pod does not see the file (no persistent volume)', (s) => (s.replacementKeepsFile = false), ['data-persists']],
    ['no replacement pod becomes ready', (s) => (s.dbAfter.items = s.dbAfter.items.slice(0, 1)), ['data-persists']],
  ]
  it.each(broken)('fails when %s', async (_, breakIt, failing) => {
    const setup = reference()
    breakIt(setup)
    const r = await yardstick(setup)
    expect(r.failed).toEqual(failing)
    expect(r.passed).toEqual(CHECKS.filter((c) => !failing.includes(c)))
    expect(r.exitCode).toBe(1)
  })

  it('says why a check failed', async () => {
    const setup = reference()
    setup.ontapOutput = setup.ontapOutput.replace(`${VOLUME}|online|aggr1|`, `${VOLUME}|online|aggr2|`)
    const r = await yardstick(setup)
    expect(r.stdout).toContain(`FAIL ontap-volume: volume ${VOLUME} is on aggregate aggr2, of type hdd (not ssd)`)
  })

  it('refuses a volume name that is no ONTAP name, without running ssh', async () => {
    const setup = reference()
    setup.pv.spec.csi.volumeAttributes.internalName = 'vol; vserver stop'
    const r = await yardstick(setup)
    expect(r.failed).toEqual(['ontap-volume'])
    expect(r.sshCalls).toEqual([])
  })

  it('is a usage error (exit 2) without a namespace, with a bad one, or without the SVM password', async () => {
    expect((await yardstick(reference(), {}, [])).exitCode).toBe(2)
    expect((await yardstick(reference(), {}, ['Not_A_Namespace'])).exitCode).toBe(2)
    const r = await yardstick(reference(), { ONTAP_PASSWORD: '' })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toContain('ONTAP_PASSWORD is not set')
    expect(r.kubectlCalls).toEqual([])
  })
})
