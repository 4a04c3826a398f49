// The shell of every report page: one self-contained file. Inline CSS only, no script, no font or image from
// anywhere, and a Content-Security-Policy that forbids loading anything even if some text slipped through.

import type { Lang } from '../i18n/messages.js'
import { esc } from './html-escape.js'

const STATUS_COLORS = {
  passed: '#1a7f37',
  failed: '#cf222e',
  error: '#9a6700',
  blocked: '#8250df',
  skipped: '#6e7781',
} as const

const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
  --passed: ${STATUS_COLORS.passed}; --failed: ${STATUS_COLORS.failed}; --error: ${STATUS_COLORS.error};
  --blocked: ${STATUS_COLORS.blocked}; --skipped: ${STATUS_COLORS.skipped}; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.5;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans JP", "IPAPGothic", "DejaVu Sans", sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 48px; }
main.wide { max-width: 1440px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; }
.sub { color: var(--muted); margin: 0; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
.badge.passed { background: var(--passed); } .badge.failed { background: var(--failed); } .badge.error { background: var(--error); }
.badge.blocked { background: var(--blocked); } .badge.skipped { background: var(--skipped); } .badge.mode { background: #0969da; }
.score { display: flex; align-items: center; gap: 24px; flex-wrap: wrap; margin: 18px 0 8px; padding: 16px 20px;
  background: var(--panel); border: 1px solid var(--line); border-radius: 10px; }
.score .big { font-size: 40px; font-weight: 700; line-height: 1; }
.score .big small { font-size: 20px; color: var(--muted); font-weight: 500; }
.counts { display: flex; gap: 8px; flex-wrap: wrap; }
.bar { display: flex; height: 14px; width: 100%; border-radius: 7px; overflow: hidden; background: var(--line); margin-top: 8px; }
.bar span { display: block; height: 100%; border-right: 2px solid var(--bg); }
.bar span:last-child { border-right: 0; }
.bar .passed { background: var(--passed); } .bar .failed { background: var(--failed); } .bar .error { background: var(--error); }
.bar .blocked { background: var(--blocked); } .bar .skipped { background: repeating-linear-gradient(45deg, #d1d9e0 0 4px, #eaeef2 4px 8px); }
.notice { border: 1px solid var(--error); background: #fff8c5; border-radius: 8px; padding: 10px 14px; margin: 12px 0; }
.notice p { margin: 2px 0; }
.check { border: 1px solid var(--line); border-left: 6px solid var(--skipped); border-radius: 8px; padding: 12px 16px; margin: 10px 0; }
.check.passed { border-left-color: var(--passed); } .check.failed { border-left-color: var(--failed); }
.check.error { border-left-color: var(--error); } .check.blocked { border-left-color: var(--blocked); }
.check header { display: flex; align-items: baseline; gap: 10px; flex-wrap: wrap; }
.check h3 { font-size: 16px; margin: 0; flex: 1 1 auto; }
.check .pts { font-weight: 700; white-space: nowrap; }
.check .id { color: var(--muted); font: 12px ui-monospace, "DejaVu Sans Mono", monospace; }
.check p { margin: 6px 0 0; }
.hint { background: #ddf4ff; border-radius: 6px; padding: 6px 10px; margin-top: 8px; }
details { margin-top: 8px; }
summary { cursor: pointer; color: var(--muted); font-size: 13px; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow: auto;
  font: 12px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; white-space: pre-wrap; word-break: break-word; max-height: 420px; }
.ev-label { font-weight: 600; font-size: 13px; margin: 8px 0 2px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; font-size: 14px; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; word-break: break-all; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: middle; }
th.obj { font-size: 12px; text-align: center; }
td.notes { min-width: 200px; font-size: 12px; color: var(--muted); }
td.rate { text-align: center; color: var(--muted); }
th { background: var(--panel); font-weight: 600; font-size: 13px; }
td.cell { text-align: center; font-weight: 600; color: #fff; border-left: 2px solid var(--bg); white-space: nowrap; }
td.cell.passed { background: var(--passed); } td.cell.failed { background: var(--failed); } td.cell.error { background: var(--error); }
td.cell.blocked { background: var(--blocked); } td.cell.skipped, td.cell.none { background: #eaeef2; color: var(--muted); }
td.num, th.num { text-align: right; white-space: nowrap; }
.table-wrap { overflow-x: auto; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
a { color: #0969da; }
@media print { details { display: block; } .check { break-inside: avoid; } }
`

export function htmlPage(options: { lang: Lang; title: string; body: string; wide?: boolean }): string {
  return `<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>${esc(options.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main${options.wide ? ' class="wide"' : ''}>
${options.body}
</main>
</body>
</html>
`
}
