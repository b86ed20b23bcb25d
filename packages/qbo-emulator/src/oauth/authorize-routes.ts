import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type AuthorizeRequest, callbackUrl, checkAuthorizeRequest } from './authorize-request'
import { renderConsentPage } from './consent-page'
import type { OAuthContext } from './context'
import { EMULATOR_USER } from './emulator-user'
import { newNonce, sendErrorPage, sendHtml } from './html'
import { readParams } from './params'

function bindingOf(request: AuthorizeRequest): string {
  return JSON.stringify([
    request.client.clientId,
    request.redirectUri,
    request.scopes.join(' '),
    request.state,
  ])
}

function appNameOf(request: AuthorizeRequest): string {
  const { appName, clientId } = request.client
  if (appName !== undefined) return appName
  return clientId
    .split(/[-_\s]+/)
    .filter((word) => word.length > 0)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join(' ')
}

function redirectOrigin(redirectUri: string): string {
  const url = new URL(redirectUri)
  return url.origin === 'null' ? url.protocol : url.origin
}

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.header('cache-control', 'no-store').redirect(location, 302)
}

async function showConsent(context: OAuthContext, request: FastifyRequest, reply: FastifyReply) {
  const check = checkAuthorizeRequest(request.query, context.clients)
  if (check.kind === 'page-error') return sendErrorPage(reply, 400, check.message)
  if (check.kind === 'redirect-error') return redirect(reply, check.location)
  const authorize = check.request
  const nonce = newNonce()
  const html = renderConsentPage({
    appName: appNameOf(authorize),
    companies: context.companies(),
    scopes: authorize.scopes,
    hiddenFields: {
      client_id: authorize.client.clientId,
      redirect_uri: authorize.redirectUri,
      response_type: 'code',
      scope: authorize.scopes.join(' '),
      state: authorize.state,
      form_token: context.consentForms.issue(bindingOf(authorize)),
    },
    nonce,
  })
  return sendHtml(reply, 200, html, { nonce, formActions: [redirectOrigin(authorize.redirectUri)] })
}

async function decide(context: OAuthContext, request: FastifyRequest, reply: FastifyReply) {
  // The POST comes from our own page; anything malformed is tampering, so it gets a page, never a redirect.
  const check = checkAuthorizeRequest(request.body, context.clients)
  if (check.kind !== 'ok') {
    return sendErrorPage(
      reply,
      400,
      check.kind === 'page-error' ? check.message : 'The consent form was altered.',
    )
  }
  const authorize = check.request
  const form = readParams(request.body, ['realmId', 'decision', 'form_token'])
  if (!form.ok) return sendErrorPage(reply, 400, form.problem)
  const { realmId, decision, form_token } = form.values
  if (decision !== 'connect' && decision !== 'cancel')
    return sendErrorPage(reply, 400, 'Choose Connect or Cancel.')
  const isKnownCompany = context.companies().some((company) => company.realmId === realmId)
  if (decision === 'connect' && (realmId === undefined || !isKnownCompany)) {
    return sendErrorPage(reply, 400, 'Choose one of the listed companies.')
  }
  if (form_token === undefined || !context.consentForms.consume(form_token, bindingOf(authorize))) {
    return sendErrorPage(
      reply,
      403,
      'This consent page has expired or was already used. Start again from the app.',
    )
  }
  if (decision === 'cancel' || realmId === undefined) {
    return redirect(
      reply,
      callbackUrl(authorize.redirectUri, { error: 'access_denied', state: authorize.state }),
    )
  }
  const code = context.registry.issueCode({
    clientId: authorize.client.clientId,
    redirectUri: authorize.redirectUri,
    realmId,
    scopes: authorize.scopes,
    sub: EMULATOR_USER.sub,
  })
  return redirect(reply, callbackUrl(authorize.redirectUri, { code, state: authorize.state, realmId }))
}

/**
 * `GET /connect/oauth2` (validate, then show the consent page) and `POST /connect/oauth2` (Connect → redirect
 * with `code`, `state`, `realmId`; Cancel → `error=access_denied`), per API-NOTES.md §10.
 *
 * @example
 * registerAuthorizeRoutes(instance, context)
 */
export function registerAuthorizeRoutes(app: FastifyInstance, context: OAuthContext): void {
  app.get('/connect/oauth2', (request, reply) => showConsent(context, request, reply))
  app.post('/connect/oauth2', (request, reply) => decide(context, request, reply))
}
