import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseFlags } from '../cli/parse-args.js'
import { resolveConfig } from './grader-config.js'

function dirWithConfig(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'grader-config-'))
  writeFileSync(join(dir, 'grader.config.yaml'), yaml)
  return dir
}

describe('resolveConfig', () => {
  it('layers defaults <- config file <- environment <- flags', () => {
    const cwd = dirWithConfig('student: from-file\ncontext: file-ctx\nlang: ja\ntimeout: 100\nontap: {host: file-host, svm: svm01}\n')
    const env = { GRADER_CONTEXT: 'env-ctx', GRADER_TIMEOUT: '200', ONTAP_HOST: 'env-host', ONTAP_PASSWORD: 'x' }
    const c = resolveConfig(parseFlags(['--timeout=300']), env, cwd)
    expect(c.student).toBe('from-file') // file only
    expect(c.kube.context).toBe('env-ctx') // env over file
    expect(c.timeoutSeconds).toBe(300) // flag over env over file
    expect(c.lang).toBe('ja') // file over LANG default
    expect(c.ontap).toMatchObject({ host: 'env-host', svm: 'svm01', user: 'vsadmin', api: 'ssh' })
    expect(c.outDir).toBe(join(cwd, 'reports', 'from-file'))
  })

  it('uses defaults when nothing is set, with the language from LANG', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'grader-config-'))
    const c = resolveConfig(parseFlags(['--student=alice']), { LANG: 'ja_JP.UTF-8' }, cwd)
    expect(c).toMatchObject({ student: 'alice', lang: 'ja', timeoutSeconds: 600, selfCheck: false, yes: false, ontap: undefined })
    expect(resolveConfig(parseFlags(['--student=alice']), { LANG: 'C.UTF-8' }, cwd).lang).toBe('en')
  })

  it('keeps secrets out of the config: it only records where they are', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'grader-config-'))
    const c = resolveConfig(parseFlags(['--student=alice', '--ontap-host=10.0.0.5', '--svm=svm01']), { ONTAP_PASSWORD: 'Secret-Value-9' }, cwd)
    expect(JSON.stringify(c)).not.toContain('Secret-Value-9')
    expect(c.ontap?.secrets).toEqual({ passwordEnv: 'ONTAP_PASSWORD', passwordFile: undefined, privateKeyFile: undefined, passphraseEnv: 'ONTAP_SSH_KEY_PASSPHRASE' })
  })

  it('rejects an SSH host key pin that is not a SHA256 fingerprint', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'grader-config-'))
    expect(() => resolveConfig(parseFlags(['--student=a', '--ontap-host=h', '--svm=s', '--ontap-host-key=md5:aa']), { ONTAP_PASSWORD: 'p' }, cwd)).toThrow('is not an OpenSSH SHA256 fingerprint')
  })
})

describe('parseFlags', () => {
  it('parses every documented flag and refuses positionals', () => {
    const f = parseFlags(['--student', 'alice', '--self-check', '-y', '--only=pvc-bound,data-persists', '--lang=en'])
    expect(f).toMatchObject({ student: 'alice', 'self-check': true, yes: true, only: 'pvc-bound,data-persists', lang: 'en' })
    expect(() => parseFlags(['alice'])).toThrow('Unexpected argument "alice"')
  })
})
