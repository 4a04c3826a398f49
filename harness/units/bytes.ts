// The grader's one way to write a number of bytes, 1024-based everywhere, in the style the place calls for:
//   'quantity'  the largest unit the value reaches, no space, as Kubernetes writes quantities: `10GiB`, `1.50KiB`
//               (student messages put it next to a PVC's `20Gi`)
//   'limit'     a cap, exactly: `16 MiB` when it is a whole number of MiB, else `65536 bytes`
//   'kib'       whole KiB, rounded up, so that a size cut to a cap never reads as under it: `17 KiB`

export type ByteStyle = 'quantity' | 'limit' | 'kib'

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']
const KIB = 1024
const MIB = 1024 * 1024

export function formatBytes(bytes: number, style: ByteStyle): string {
  switch (style) {
    case 'limit':
      return bytes > 0 && bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`
    case 'kib':
      return `${Math.ceil(bytes / KIB)} KiB`
    case 'quantity': {
      let value = bytes
      let unit = 0
      while (Math.abs(value) >= KIB && unit < UNITS.length - 1) {
        value /= KIB
        unit++
      }
      return `${Number.isInteger(value) ? value : value.toFixed(2)}${UNITS[unit]}`
    }
  }
}
