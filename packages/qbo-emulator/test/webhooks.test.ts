import { afterEach, describe, expect, it } from 'vitest'
import { signWebhookPayload } from '../src/webhooks'
import { createCustomer, type Harness, startHarness } from './harness'
import { startReceiver } from './webhook-receiver'

let h: Harness | undefined
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined
afterEach(async () => {
  await h?.close()
  await receiver?.close()
  h = undefined
  receiver = undefined
})

describe('webhooks', () => {
  it('delivers a signed legacy notification for a created customer', async () => {
    receiver = await startReceiver()
    h = await startHarness({ webhooks: { url: receiver.url, verifierToken: 'verifier-1', format: 'legacy' } })
    const c = await createCustomer(h, { DisplayName: 'Webhook Customer' })
    const [delivery] = await receiver.waitFor(1)
    expect(delivery).toBeDefined()
    expect(delivery!.headers['intuit-signature']).toBe(signWebhookPayload(delivery!.body, 'verifier-1'))
    const payload = JSON.parse(delivery!.body)
    expect(payload.eventNotifications[0].realmId).toBe(h.realmId)
    expect(payload.eventNotifications[0].dataChangeEvent.entities).toContainEqual(
      expect.objectContaining({ name: 'Customer', id: c.Id, operation: 'Create' }),
    )
  })

  it('delivers CloudEvents when asked, including voids and deletes', async () => {
    receiver = await startReceiver()
    h = await startHarness({ webhooks: { url: receiver.url, verifierToken: 'v2', format: 'cloudevents' } })
    const c = await createCustomer(h, { DisplayName: 'Cloud Customer' })
    const line = [{ Amount: 5, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: {} }]
    const inv = (await h.post('invoice', { CustomerRef: { value: c.Id }, Line: line })).body.Invoice
    await h.post('invoice?operation=void', { Id: inv.Id, SyncToken: '0' })
    const until = Date.now() + 5000
    let events: Array<Record<string, string>> = []
    while (Date.now() < until) {
      events = receiver.deliveries.flatMap((d) => JSON.parse(d.body))
      if (events.some((e) => e.type === 'qbo.invoice.voided.v1')) break
      await new Promise((r) => setTimeout(r, 20))
    }
    for (const d of receiver.deliveries)
      expect(d.headers['intuit-signature']).toBe(signWebhookPayload(d.body, 'v2'))
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'qbo.customer.created.v1',
        intuitentityid: c.Id,
        intuitaccountid: h.realmId,
      }),
    )
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'qbo.invoice.created.v1', intuitentityid: inv.Id }),
    )
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'qbo.invoice.voided.v1', intuitentityid: inv.Id }),
    )
  })
})
