import type { Clock } from '../clock'
import { CONSENT_FORM_LIFETIME_MS } from './lifetimes'
import { newOpaqueId } from './token-strings'

/** Rendered-but-unsubmitted consent pages kept at most; the oldest are forgotten first. */
const MAX_OPEN_FORMS = 10_000

/**
 * Anti-forgery tokens for the consent form. Each rendered page gets a single-use token bound to the exact
 * authorize parameters it shows, so a forged or replayed POST cannot approve a connection.
 *
 * @example
 * const forms = createConsentForms(clock)
 * const token = forms.issue('binding')
 * forms.consume(token, 'binding') // true, once
 */
export function createConsentForms(clock: Clock) {
  const open = new Map<string, { binding: string; expiresAtMs: number }>()

  return {
    /** A new token for a page showing `binding`. */
    issue(binding: string): string {
      if (open.size >= MAX_OPEN_FORMS) {
        const oldest = open.keys().next().value
        if (oldest !== undefined) open.delete(oldest)
      }
      const token = newOpaqueId()
      open.set(token, { binding, expiresAtMs: clock.now() + CONSENT_FORM_LIFETIME_MS })
      return token
    },

    /** `true` when `token` was issued for `binding`, is unexpired and unused; it is used up either way. */
    consume(token: string, binding: string): boolean {
      const form = open.get(token)
      open.delete(token)
      return form !== undefined && form.binding === binding && clock.now() < form.expiresAtMs
    },
  }
}

/**
 * The store created by {@link createConsentForms}.
 *
 * @example
 * const forms: ConsentForms = createConsentForms(clock)
 */
export type ConsentForms = ReturnType<typeof createConsentForms>
