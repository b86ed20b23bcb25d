/**
 * Webhooks like Intuit's: change events batched per realm, in the legacy or CloudEvents format, signed with
 * `intuit-signature`, delivered with retries (API-NOTES.md §7).
 *
 * @example
 * import { createWebhookDispatcher, signWebhookPayload } from './webhooks'
 * const webhooks = createWebhookDispatcher({ url, verifierToken, format: 'cloudevents', clock })
 * registry.onChange((e) => webhooks.enqueue(e))
 */
export {
  createWebhookDispatcher,
  DEFAULT_RETRY_DELAYS_MS,
  DELIVERY_TIMEOUT_MS,
  type DeliveryAttempt,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
} from './dispatcher'
export {
  cloudEventsPayload,
  cloudEventsSource,
  legacyPayload,
  type WebhookFormat,
  webhookBody,
} from './payloads'
export { signWebhookPayload, verifyWebhookSignature } from './signature'
