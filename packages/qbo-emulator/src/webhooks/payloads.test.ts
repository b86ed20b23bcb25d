import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ChangeEvent } from '../store'
import { cloudEventsPayload, cloudEventsSource, legacyPayload, webhookBody } from './payloads'
import { signWebhookPayload } from './signature'

const fixturesDir = process.env.QBO_FIXTURES_DIR
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(fixturesDir ?? '', name), 'utf8'))

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const event = (over: Partial<ChangeEvent> = {}): ChangeEvent => ({
  realmId: '9130357766900456',
  entity: 'Invoice',
  id: '130',
  operation: 'Create',
  lastUpdated: '2026-11-24T16:15:00.000Z',
  ...over,
})

describe('legacyPayload', () => {
  it('lists the changed entities of one realm under eventNotifications, in order', () => {
    const payload = legacyPayload('9130357766900456', [
      event(),
      event({ entity: 'Payment', id: '7', operation: 'Void' }),
    ])
    expect(payload).toEqual({
      eventNotifications: [
        {
          realmId: '9130357766900456',
          dataChangeEvent: {
            entities: [
              { name: 'Invoice', id: '130', operation: 'Create', lastUpdated: '2026-11-24T16:15:00.000Z' },
              { name: 'Payment', id: '7', operation: 'Void', lastUpdated: '2026-11-24T16:15:00.000Z' },
            ],
          },
        },
      ],
    })
  })
})

describe('cloudEventsPayload', () => {
  it('makes one CloudEvent per change with the entity, verb, realm and a fresh uuid', () => {
    const source = cloudEventsSource('seed')
    const ops: ChangeEvent['operation'][] = ['Create', 'Update', 'Delete', 'Void', 'Merge']
    const payload = cloudEventsPayload(
      ops.map((operation, i) => event({ entity: i % 2 ? 'Customer' : 'Invoice', id: String(i), operation })),
      { source },
    )
    expect(payload.map((e) => e.type)).toEqual([
      'qbo.invoice.created.v1',
      'qbo.customer.updated.v1',
      'qbo.invoice.deleted.v1',
      'qbo.customer.voided.v1',
      'qbo.invoice.merged.v1',
    ])
    expect(payload[1]).toMatchObject({
      specversion: '1.0',
      source,
      datacontenttype: 'application/json',
      time: '2026-11-24T16:15:00.000Z',
      intuitentityid: '1',
      intuitaccountid: '9130357766900456',
      data: {},
    })
    for (const e of payload) expect(e.id).toMatch(UUID)
    expect(new Set(payload.map((e) => e.id)).size).toBe(payload.length)
  })

  it('uses a stable intuit.<opaque> source per seed', () => {
    expect(cloudEventsSource('a')).toBe(cloudEventsSource('a'))
    expect(cloudEventsSource('a')).not.toBe(cloudEventsSource('b'))
    expect(cloudEventsSource('a')).toMatch(/^intuit\.[A-Za-z0-9+/]{43}=$/)
  })
})

describe.skipIf(!fixturesDir)('payloads against Intuit fixtures', () => {
  it('writes the legacy fixture byte for byte, so its signature matches the SDK test vector', () => {
    const vector = fixture('webhook-signature-test-vector.json') as {
      rawBody: string
      verifierToken: string
      intuitSignatureHeader: string
    }
    const legacy = fixture('webhook-payload-legacy.json') as ReturnType<typeof legacyPayload>
    const notification = legacy.eventNotifications[0] as (typeof legacy.eventNotifications)[0]
    const events = notification.dataChangeEvent.entities.map((e) => ({
      realmId: notification.realmId,
      entity: e.name as ChangeEvent['entity'],
      id: e.id,
      operation: e.operation as ChangeEvent['operation'],
      lastUpdated: e.lastUpdated,
    }))
    const body = webhookBody('legacy', notification.realmId, events, { source: 'unused' })
    expect(body).toBe(vector.rawBody)
    expect(JSON.parse(body)).toEqual(legacy)
    expect(signWebhookPayload(body, vector.verifierToken)).toBe(vector.intuitSignatureHeader)
  })

  it('gives CloudEvents every member of Intuit samples, with the same types', () => {
    const samples = [
      ...(fixture('webhook-payload-cloudevents.json') as Record<string, unknown>[]),
      ...(fixture('webhook-payload-cloudevents-blog.json') as Record<string, unknown>[]),
    ]
    const [ours] = cloudEventsPayload([event()], { source: cloudEventsSource('x') })
    for (const sample of samples) {
      for (const [key, value] of Object.entries(sample)) {
        expect(ours, key).toHaveProperty(key)
        expect(typeof (ours as Record<string, unknown>)[key], key).toBe(typeof value)
      }
      expect(String(sample.type)).toMatch(/^qbo\.[a-z]+\.[a-z]+\.v1$/)
      expect(String(sample.source).startsWith('intuit.')).toBe(true)
      expect(String(sample.id)).toMatch(UUID)
    }
    expect(Object.keys(ours ?? {}).sort()).toEqual(Object.keys(samples[1] ?? {}).sort())
  })

  it('parses as an array (CloudEvents) or an object with eventNotifications (legacy), as receivers tell them apart', () => {
    const legacy = JSON.parse(webhookBody('legacy', '1', [event()], { source: 's' }))
    const cloud = JSON.parse(webhookBody('cloudevents', '1', [event()], { source: 's' }))
    expect(Array.isArray(cloud)).toBe(true)
    expect(Array.isArray(legacy)).toBe(false)
    expect(legacy).toHaveProperty('eventNotifications')
    expect(Array.isArray(fixture('webhook-payload-cloudevents.json'))).toBe(true)
  })
})
