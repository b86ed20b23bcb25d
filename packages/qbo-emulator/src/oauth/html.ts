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
 * Escapes text for HTML element content and quoted attribute values.
 *
 * @example
 * escapeHtml('<b>"Tom" & Jerry</b>') // '&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
  body { margin: 0; padding: 2rem 1rem; background: Canvas; color: CanvasText; }
  main { max-width: 32rem; margin: 0 auto; }
  h1 { font-size: 1.35rem; margin: 0 0 1rem; }
  fieldset { border: 1px solid GrayText; border-radius: 0.5rem; padding: 0.75rem 1rem; margin: 1rem 0; }
  legend { font-weight: 600; padding: 0 0.25rem; }
  .choice { display: flex; gap: 0.5rem; align-items: baseline; padding: 0.25rem 0; }
  .realm { color: GrayText; font-size: 0.875rem; }
  .actions { display: flex; gap: 0.75rem; }
  button { font: inherit; padding: 0.5rem 1.25rem; border-radius: 0.375rem; border: 1px solid GrayText; cursor: pointer; }
  button[value="connect"] { background: #108000; border-color: #108000; color: #fff; }
  :focus-visible { outline: 3px solid #0077c5; outline-offset: 2px; }
`

/**
 * A complete, self-contained HTML document; its only inline style carries `nonce` for the CSP.
 *
 * @example
 * renderDocument({ title: 'Error', nonce: 'abc', main: '<h1>Error</h1>' })
 */
export function renderDocument(page: { title: string; nonce: string; main: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style nonce="${page.nonce}">${STYLE}</style>
</head>
<body>
<main>
${page.main}
</main>
</body>
</html>
`
}

/**
 * A fresh CSP nonce.
 *
 * @example
 * newNonce().length // 22
 */
export function newNonce(): string {
  return randomBytes(16).toString('base64url')
}

/**
 * Sends an HTML page with a strict CSP. `formActions` lists the origins a form on the page may reach,
 * redirects included (browsers apply `form-action` to the redirect after a POST), so the consent page
 * passes the client's redirect origin.
 *
 * @example
 * sendHtml(reply, 200, html, { nonce, formActions: ['http://localhost:3000'] })
 */
export function sendHtml(
  reply: FastifyReply,
  status: number,
  html: string,
  options: { nonce: string; formActions?: string[] },
): FastifyReply {
  const formAction = ["'self'", ...(options.formActions ?? [])].join(' ')
  return reply
    .code(status)
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'nonce-${options.nonce}'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    )
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html)
}

/**
 * Sends the page Intuit shows when it cannot redirect back (unknown client, unregistered redirect URI…).
 *
 * @example
 * sendErrorPage(reply, 400, 'The redirect_uri is not registered for this app.')
 */
export function sendErrorPage(reply: FastifyReply, status: number, message: string): FastifyReply {
  const nonce = newNonce()
  const main = `<h1>We can't connect this app</h1>
<p role="alert">${escapeHtml(message)}</p>
<p>Close this window and try again from the app.</p>`
  return sendHtml(reply, status, renderDocument({ title: 'Connection error', nonce, main }), { nonce })
}
