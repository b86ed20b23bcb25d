import { randomBytes } from 'node:crypto'
import type { FastifyReply } from 'fastify'

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * Escapes any value for HTML text and quoted attributes; `undefined`/`null` become ''. Every value taken
 * from company data passes through here (names are user input in QBO).
 *
 * @example
 * esc('<b>"Tom" & Jerry</b>') // '&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;'
 */
export function esc(value: unknown): string {
  if (value === undefined || value === null) return ''
  return String(value).replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.45; color: #393a3d; }
  body { margin: 0; background: #f4f5f8; }
  header.bar { background: #2ca01c; color: #fff; padding: 0.6rem 1.5rem; display: flex; gap: 1rem; align-items: baseline; }
  header.bar strong { font-size: 1.05rem; }
  header.bar span { opacity: 0.9; font-size: 0.9rem; }
  main { max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
  .card { background: #fff; border-radius: 0.5rem; box-shadow: 0 1px 3px rgba(0,0,0,0.12); padding: 1.25rem 1.5rem; margin-bottom: 1rem; }
  h1 { font-size: 1.5rem; margin: 0 0 0.25rem; }
  h2 { font-size: 1.05rem; margin: 0 0 0.75rem; }
  .muted { color: #6b6c72; }
  .badge { display: inline-block; border-radius: 1rem; padding: 0.05rem 0.6rem; font-size: 0.8rem; font-weight: 600; background: #e3e5e8; }
  .badge.ok { background: #d7f2d1; color: #1c6b12; }
  .badge.warn { background: #fde9c8; color: #8a4b00; }
  .badge.bad { background: #fbd5d5; color: #9b1c1c; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1.25rem; margin: 0; }
  dt { color: #6b6c72; }
  dd { margin: 0; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
  .amount { font-size: 1.6rem; font-weight: 600; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid #e3e5e8; vertical-align: top; }
  th { font-size: 0.8rem; text-transform: uppercase; color: #6b6c72; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  tfoot td { font-weight: 600; border-bottom: none; }
  address { font-style: normal; white-space: pre-line; }
  a { color: #0077c5; }
  footer { max-width: 60rem; margin: 0 auto 2rem; padding: 0 1rem; font-size: 0.8rem; color: #6b6c72; }
`

/**
 * A complete page in the emulator's QuickBooks-like frame. `main` must already be escaped HTML.
 *
 * @example
 * renderPage({ title: 'Cool Cars', company: 'Ledgerlink Demo Landscaping', nonce, main: '<h1>Cool Cars</h1>' })
 */
export function renderPage(page: { title: string; company?: string; nonce: string; main: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(page.title)} · QuickBooks Online emulator</title>
<style nonce="${page.nonce}">${STYLE}</style>
</head>
<body>
<header class="bar"><strong>QuickBooks Online emulator</strong>${page.company ? `<span>${esc(page.company)}</span>` : ''}</header>
<main>
${page.main}
</main>
<footer>A read-only view served by the Ledgerlink QBO emulator at QuickBooks' deep-link paths.</footer>
</body>
</html>
`
}

/**
 * Sends an HTML page with a strict Content-Security-Policy: no scripts at all, only the page's own nonce'd
 * style, no framing, no forms.
 *
 * @example
 * sendPage(reply, 200, (nonce) => renderPage({ title: 'x', nonce, main: '' }))
 */
export function sendPage(
  reply: FastifyReply,
  status: number,
  render: (nonce: string) => string,
): FastifyReply {
  const nonce = randomBytes(16).toString('base64url')
  return reply
    .code(status)
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`,
    )
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(render(nonce))
}
