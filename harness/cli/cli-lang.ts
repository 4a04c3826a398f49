// The language of the CLI's own lines before the run's settings are resolved (--help, a usage error): a valid
// --lang on the command line, else GRADER_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG). A config file's
// `lang` counts once the settings are read; an invalid --lang is reported in the locale's language.

import type { Lang } from '../i18n/catalogue.js'

/** ja for a Japanese locale, else en. */
export function localeLang(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en'
}

export function earlyLang(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  let value: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') break
    if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length)
    else if (arg === '--lang') value = argv[i + 1]
  }
  value ??= env.GRADER_LANG
  return value === 'ja' || value === 'en' ? value : localeLang(env)
}
