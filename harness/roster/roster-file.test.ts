// Roster files: YAML and CSV, the same students either way, and one clear sentence for each mistake.

import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCsv, renderCsv } from './csv.js'
import { loadRoster } from './roster-file.js'

async function rosterFile(name: string, text: string): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'roster-'))
  await writeFile(join(dir, name), text)
  return { dir, path: join(dir, name) }
}

const YAML = `
defaults:
  kubeconfig: kube/class.yaml
  ontapUser: vsadmin
students:
  - id: s01
    namespace: alice
    context: lab-01
    svm: svm01
    ontapHost: 192.168.1.200
    passwordEnv: SVM01_PASSWORD
    lmsUserId: lti-9f2
  - id: s02
    namespace: bob
    kubeconfig: kube/bob.yaml
    svm: svm02
    ontapHost: "[fd00::2]:2222"
    passwordFile: secrets/svm02
  - id: s03
`

const CSV = `# class of April
id,namespace,context,kubeconfig,svm,ontap_host,ontap-user,password_env,Password File,lms user id
s01,alice,lab-01,kube/class.yaml,svm01,192.168.1.200,vsadmin,SVM01_PASSWORD,,lti-9f2
s02,bob,,kube/bob.yaml,svm02,[fd00::2]:2222,vsadmin,,secrets/svm02,
s03,,,kube/class.yaml,,,vsadmin,,,
`

describe('loadRoster', () => {
  it('reads YAML with defaults, host:port and paths relative to the roster', async () => {
    const { dir } = await rosterFile('class.yaml', YAML)
    const roster = loadRoster('class.yaml', dir)
    expect(roster.students).toEqual([
      {
        id: 's01',
        namespace: 'alice',
        kubeconfig: join(dir, 'kube/class.yaml'),
        context: 'lab-01',
        svm: 'svm01',
        ontapHost: '192.168.1.200',
        ontapPort: undefined,
        ontapUser: 'vsadmin',
        ontapHostKey: undefined,
        passwordEnv: 'SVM01_PASSWORD',
        passwordFile: undefined,
        lmsUserId: 'lti-9f2',
      },
      {
        id: 's02',
        namespace: 'bob',
        kubeconfig: join(dir, 'kube/bob.yaml'),
        context: undefined,
        svm: 'svm02',
        ontapHost: 'fd00::2',
        ontapPort: 2222,
        ontapUser: 'vsadmin',
        ontapHostKey: undefined,
        passwordEnv: undefined,
        passwordFile: join(dir, 'secrets/svm02'),
        lmsUserId: undefined,
      },
      {
        id: 's03',
        namespace: 's03',
        kubeconfig: join(dir, 'kube/class.yaml'),
        context: undefined,
        svm: undefined,
        ontapHost: undefined,
        ontapPort: undefined,
        ontapUser: 'vsadmin',
        ontapHostKey: undefined,
        passwordEnv: undefined,
        passwordFile: undefined,
        lmsUserId: undefined,
      },
    ])
  })

  it('reads the same roster from CSV, with loose header names and comment lines', async () => {
    const { dir } = await rosterFile('class.yaml', YAML)
    await writeFile(join(dir, 'class.csv'), CSV)
    expect(loadRoster('class.csv', dir).students).toEqual(loadRoster('class.yaml', dir).students)
  })

  it.each([
    [
      'class.yaml',
      'students:\n  - {id: a, password: hunter2-secret}\n',
      'student 1: `password` looks like a secret; the roster names where a password is (passwordEnv or passwordFile), never the password itself.',
    ],
    ['class.csv', 'id,ontap_password\na,hunter2-secret\n', 'line 2: `ontap_password` looks like a secret'],
    ['class.yaml', 'students:\n  - {id: a, passwordEnv: "hunter2 secret", ontapHost: h, svm: s}\n', 'passwordEnv must be the NAME of an environment variable'],
    ['class.yaml', 'students:\n  - {id: a}\n  - {id: a}\n', 'lists the id "a" twice'],
    ['class.yaml', 'students:\n  - {namespace: a}\n', 'student 1: `id` is missing.'],
    ['class.yaml', 'students:\n  - {id: "../x"}\n', 'id "../x" may hold only letters, digits'],
    ['class.yaml', 'students:\n  - {id: A1}\n', 'student 1 (A1): namespace "A1" is not a valid namespace name'],
    ['class.yaml', 'students:\n  - {id: a, ontapHost: 10.0.0.1}\n', 'ontapHost needs svm'],
    ['class.yaml', 'students:\n  - {id: a, svm: svm01}\n', 'svm / passwordEnv / passwordFile were given without ontapHost'],
    ['class.yaml', 'students:\n  - {id: a, ontapHost: "h:99999", svm: s}\n', 'names port 99999, which is not a port number'],
    ['class.yaml', 'students:\n  - {id: a, colour: blue}\n', 'unknown field `colour`'],
    ['class.yaml', 'students: []\n', 'lists no students'],
    ['class.yaml', 'pupils: []\n', 'unknown top-level key `pupils`'],
    ['class.yaml', 'students: [unclosed\n', 'is not valid YAML'],
    ['class.csv', 'id\n"a\n', 'is not valid CSV (a quoted field is not closed)'],
  ])('%s: refuses %j', async (name, text, sentence) => {
    const { dir } = await rosterFile(name, text)
    expect(() => loadRoster(name, dir)).toThrow(sentence)
  })

  it('says when the roster file is missing', () => {
    expect(() => loadRoster('nope.yaml', tmpdir())).toThrow('Cannot read the roster nope.yaml: it does not exist.')
  })
})

describe('csv', () => {
  it('reads quotes, commas and line breaks in fields, CRLF and a byte order mark', () => {
    expect(parseCsv('\ufeffa,"b,c","d ""e""\nf"\r\n\r\n# note\n1,,3\n')).toEqual([
      ['a', 'b,c', 'd "e"\nf'],
      ['1', '', '3'],
    ])
  })

  it('writes what it reads, and keeps formula-looking cells text', () => {
    const text = renderCsv([
      ['id', 'note'],
      ['a', 'x, "y"'],
      ['b', '=HYPERLINK("http://x")'],
      ['c', 5],
    ])
    expect(text).toBe('id,note\r\na,"x, ""y"""\r\nb,"\'=HYPERLINK(""http://x"")"\r\nc,5\r\n')
    expect(parseCsv(text)[1]).toEqual(['a', 'x, "y"'])
  })
})
