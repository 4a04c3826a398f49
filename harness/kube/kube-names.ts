// Names and selectors read from a student's cluster are hostile: Kubernetes does not validate every field that
// names another object (a PVC's `spec.volumeName` can hold `../namespaces/kube-system/secrets/x`), and a server
// that is not a real API server can answer anything. Every name is checked here, with the rules Kubernetes
// applies to that kind of name, before it reaches an API path or query; path segments are URL-encoded as well.

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
/** Label keys' name part and label values (qualified names): letters either case, digits, `-`, `_`, `.`. */
const QUALIFIED = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/

/** A DNS-1123 label (namespaces, container names): at most 63 lower-case letters, digits and `-`. */
export function isDnsLabel(name: unknown): name is string {
  return typeof name === 'string' && name.length <= 63 && LABEL.test(name)
}

/** A DNS-1123 subdomain (most object names: PVs, pods, CSIDrivers, StorageClasses): labels joined by `.`, at most 253. */
export function isDnsSubdomain(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && name.length <= 253 && name.split('.').every((part) => LABEL.test(part))
}

/** A label key: an optional DNS subdomain prefix and `/`, then a qualified name of at most 63 characters. */
function isLabelKey(key: string): boolean {
  const slash = key.indexOf('/')
  const [prefix, name] = slash === -1 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)]
  if (prefix !== undefined && !isDnsSubdomain(prefix)) return false
  return name.length <= 63 && QUALIFIED.test(name)
}

/** A label value: empty, or a qualified name of at most 63 characters. */
function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && QUALIFIED.test(value))
}

/**
 * An equality-based label selector as the grader builds them from matchLabels (`k=v,k2=v2`): every key and
 * value valid, so a value such as `mysql,app!=x` cannot widen or change the selection.
 */
export function isEqualitySelector(selector: string): boolean {
  if (selector === '') return false
  return selector.split(',').every((term) => {
    const eq = term.indexOf('=')
    if (eq <= 0) return false
    const key = term.slice(0, eq)
    const value = term.slice(eq + 1).replace(/^=/, '') // `k==v` is the same selector
    return isLabelKey(key) && isLabelValue(value)
  })
}

/** One path segment: a name already checked, URL-encoded anyway so no character can leave its segment. */
export function segment(name: string): string {
  return encodeURIComponent(name)
}

/**
 * The last line of defence in the HTTP client: an API path made of plain segments only (no `.` or `..` segment,
 * no fragment, nothing a URL parser would resolve into another resource).
 */
export function isPlainApiPath(path: string): boolean {
  const [pathname, search, ...rest] = path.split('?')
  if (rest.length > 0 || path.includes('#')) return false
  if (!/^(\/[A-Za-z0-9._~%:@-]+)+$|^\/$/.test(pathname)) return false
  for (const s of pathname.split('/').slice(1)) {
    let decoded: string
    try {
      decoded = decodeURIComponent(s)
    } catch {
      return false
    }
    if (decoded === '.' || decoded === '..' || /[/\\?#]/.test(decoded)) return false
  }
  return search === undefined || /^[A-Za-z0-9._~%&=+*-]*$/.test(search)
}

/** A name from the cluster as it may appear in the grader's own sentences: quoted, escaped, at most 80 characters. */
export function shownName(name: unknown): string {
  const text = JSON.stringify(String(name)).replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return text.length <= 82 ? text : `${text.slice(0, 79)}…"`
}
