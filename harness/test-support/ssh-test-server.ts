// A tiny SSH server (ssh2's own) for the SSH client tests: password, public key or keyboard-interactive logins,
// canned answers per command, and counters for connections, channels and login attempts.

import type { AddressInfo } from 'node:net'
import ssh2 from 'ssh2'
import type { Connection, ParsedKey, ServerChannel } from 'ssh2'
import { generateEd25519Key } from '@trident-lab/ontap-sim'
import { sshFingerprint } from '../ontap/host-keys.js'

const { Server, utils } = ssh2

export interface TestSshServerOptions {
  user: string
  password?: string
  /** Public key (OpenSSH text) allowed to log in. */
  authorizedKey?: string
  /** Only keyboard-interactive for passwords, like ONTAP's `(user@host) Password:` prompt. */
  keyboardInteractiveOnly?: boolean
  /** The text to print for a command, or `hang` to never answer. */
  respond: (command: string) => string | 'hang'
  /** Host key (OpenSSH private key text); a fresh ed25519 key when omitted. */
  hostKey?: string
  /**
   * `refuse`: a second session channel on one connection is rejected (channel open failure); `close`: the server
   * closes the connection after its first command. Default: any number of channels.
   */
  oneChannel?: 'refuse' | 'close'
}

export interface TestSshServer {
  host: string
  port: number
  hostKeyFingerprint: string
  hostPublicKey: { type: string; base64: string }
  stats: { connections: number; sessions: number; authAttempts: number; commands: string[]; disconnects: number }
  stop(): Promise<void>
}

/** A fresh ed25519 key pair, encrypted when a passphrase is given (checked readable: see generateEd25519Key). */
export function newEd25519Key(passphrase?: string): { private: string; public: string } {
  return generateEd25519Key({ passphrase })
}

export async function startTestSshServer(options: TestSshServerOptions): Promise<TestSshServer> {
  const hostKey = options.hostKey ?? newEd25519Key().private
  const parsedHostKey = utils.parseKey(hostKey) as ParsedKey
  const allowedKey = options.authorizedKey ? (utils.parseKey(options.authorizedKey) as ParsedKey) : undefined
  const stats = { connections: 0, sessions: 0, authAttempts: 0, commands: [] as string[], disconnects: 0 }
  const connections = new Set<Connection>()

  const server = new Server({ hostKeys: [hostKey] }, (client) => {
    stats.connections++
    connections.add(client)
    client.on('close', () => {
      stats.disconnects++
      connections.delete(client)
    })
    client.on('error', () => undefined)
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'none') stats.authAttempts++
      const methods: ('password' | 'publickey' | 'keyboard-interactive')[] = []
      if (options.password !== undefined) methods.push(options.keyboardInteractiveOnly ? 'keyboard-interactive' : 'password')
      if (allowedKey) methods.push('publickey')
      if (ctx.username !== options.user) return ctx.reject(methods)
      if (ctx.method === 'password' && !options.keyboardInteractiveOnly && ctx.password === options.password) return ctx.accept()
      if (ctx.method === 'keyboard-interactive' && options.keyboardInteractiveOnly && options.password !== undefined) {
        ctx.prompt([{ prompt: `(${options.user}@ontap) Password: `, echo: false }], (answers) => (answers[0] === options.password ? ctx.accept() : ctx.reject(methods)))
        return
      }
      if (ctx.method === 'publickey' && allowedKey && ctx.key.data.equals(allowedKey.getPublicSSH())) {
        if (!ctx.signature) return ctx.accept()
        if (allowedKey.verify(ctx.blob!, ctx.signature, ctx.hashAlgo)) return ctx.accept()
      }
      ctx.reject(methods)
    })
    let channels = 0
    client.on('ready', () => {
      client.on('session', (accept, reject) => {
        if (options.oneChannel === 'refuse' && channels > 0) return reject()
        channels++
        stats.sessions++
        const session = accept()
        session.on('exec', (acceptExec, _reject, info) => {
          stats.commands.push(info.command)
          const stream = acceptExec()
          answer(stream, options.respond(info.command))
          if (options.oneChannel === 'close') setTimeout(() => client.end(), 20)
        })
      })
    })
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const publicBlob = parsedHostKey.getPublicSSH()
  return {
    host: '127.0.0.1',
    port,
    hostKeyFingerprint: sshFingerprint(publicBlob),
    hostPublicKey: { type: parsedHostKey.type, base64: publicBlob.toString('base64') },
    stats,
    stop: async () => {
      for (const connection of connections) connection.end()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function answer(stream: ServerChannel, text: string): void {
  if (text === 'hang') return
  stream.write(text.replace(/\n/g, '\r\n'))
  stream.exit(0)
  stream.end()
}
