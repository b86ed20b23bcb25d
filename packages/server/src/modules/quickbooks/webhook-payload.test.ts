import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { signWebhookPayload } from '@ledgerlink/qbo-emulator'
import { describe, expect, it } from 'vitest'
import { parseWebhookPayload, WebhookPayloadError } from './webhook-payload'
import { isIntuitSignatureValid } from './webhook-signature'

const fixtures = process.env.QBO_FIXTURES_DIR
const fixture = (name: string) => readFileSync(join(fixtures ?? '', name))

describe('reading webhook payloads', () => {
  it('reads a legacy delivery into one notification per entity, with ids stable across retries', () => {
    const body = Buffer.from(
      JSON.stringify({
        eventNotifications: [
          {
            realmId: '123',
            dataChangeEvent: {
              entities: [
                {
                  name: 'Customer',
                  id: '1',
                  operation: 'Merge',
                  deletedId: '9',
                  lastUpdated: '2026-01-01T00:00:00Z',
                },
                { name: 'Invoice', id: '7', operation: 'Create', lastUpdated: '2026-01-01T00:00:01Z' },
              ],
            },
          },
        ],
      }),
    )
    const first = parseWebhookPayload(body)
    expect(first.map(({ notificationId: _, ...n }) => n)).toEqual([
      {
        realmId: '123',
        entity: 'Customer',
        id: '1',
        operation: 'Merge',
        deletedId: '9',
        occurredAt: '2026-01-01T00:00:00Z',
      },
      {
        realmId: '123',
        entity: 'Invoice',
        id: '7',
        operation: 'Create',
        deletedId: undefined,
        occurredAt: '2026-01-01T00:00:01Z',
      },
    ])
    expect(parseWebhookPayload(body).map((n) => n.notificationId)).toEqual(first.map((n) => n.notificationId))
    expect(new Set(first.map((n) => n.notificationId)).size).toBe(2)
  })

  it('reads a CloudEvents delivery: realm, entity, verb and the event id', () => {
    const body = Buffer.from(
      JSON.stringify([
        {
          specversion: '1.0',
          id: 'e-1',
          type: 'qbo.customer.updated.v1',
          intuitaccountid: '123',
          intuitentityid: '5',
          time: '2026-01-01T00:00:00Z',
          data: {},
        },
        {
          specversion: '1.0',
          id: 'e-2',
          type: 'qbo.estimate.deleted.v1',
          intuitaccountid: '456',
          intuitentityid: '8',
          data: {},
        },
      ]),
    )
    expect(parseWebhookPayload(body)).toEqual([
      {
        notificationId: 'cloudevent:e-1',
        realmId: '123',
        entity: 'Customer',
        id: '5',
        operation: 'Update',
        deletedId: undefined,
        occurredAt: '2026-01-01T00:00:00Z',
      },
      {
        notificationId: 'cloudevent:e-2',
        realmId: '456',
        entity: 'Estimate',
        id: '8',
        operation: 'Delete',
        deletedId: undefined,
        occurredAt: undefined,
      },
    ])
  })

  it.each([
    ['not JSON', '{"eventNotifications": ['],
    ['neither format', '{"hello": "world"}'],
    ['a legacy notification without realm', '{"eventNotifications":[{"dataChangeEvent":{"entities":[]}}]}'],
    [
      'a legacy entity without id',
      '{"eventNotifications":[{"realmId":"1","dataChangeEvent":{"entities":[{"name":"Customer"}]}}]}',
    ],
    ['a CloudEvent without entity id', '[{"id":"x","type":"qbo.customer.created.v1","intuitaccountid":"1"}]'],
    [
      'a CloudEvent of another type family',
      '[{"id":"x","type":"com.example.thing","intuitaccountid":"1","intuitentityid":"2"}]',
    ],
  ])('refuses %s', (_, text) => {
    expect(() => parseWebhookPayload(Buffer.from(text))).toThrow(WebhookPayloadError)
  })
})

describe('checking intuit-signature', () => {
  const body = Buffer.from('{"eventNotifications":[]}')

  it('accepts the emulator’s Intuit-shaped signature and refuses any other', () => {
    const signature = signWebhookPayload(body, 'verifier')
    expect(isIntuitSignatureValid(body, signature, 'verifier')).toBe(true)
    expect(isIntuitSignatureValid(body, signature, 'other-verifier')).toBe(false)
    expect(isIntuitSignatureValid(Buffer.from(`${body} `), signature, 'verifier')).toBe(false)
    expect(isIntuitSignatureValid(body, undefined, 'verifier')).toBe(false)
    expect(isIntuitSignatureValid(body, '', 'verifier')).toBe(false)
    expect(isIntuitSignatureValid(body, 'not base64 at all', 'verifier')).toBe(false)
    expect(isIntuitSignatureValid(body, [signature, signature], 'verifier')).toBe(false)
  })
})

describe.skipIf(!fixtures)('real Intuit webhook fixtures', () => {
  it('verifies the published signature test vector', () => {
    const vector = JSON.parse(fixture('webhook-signature-test-vector.json').toString('utf8')) as {
      verifierToken: string
      intuitSignatureHeader: string
      rawBody: string
    }
    expect(
      isIntuitSignatureValid(Buffer.from(vector.rawBody), vector.intuitSignatureHeader, vector.verifierToken),
    ).toBe(true)
    expect(isIntuitSignatureValid(Buffer.from(vector.rawBody), vector.intuitSignatureHeader, 'wrong')).toBe(
      false,
    )
  })

  it('reads the legacy fixture', () => {
    const notifications = parseWebhookPayload(fixture('webhook-payload-legacy.json'))
    expect(notifications.map((n) => [n.realmId, n.entity, n.id, n.operation])).toEqual([
      ['1269959970', 'Vendor', '40', 'Update'],
      ['1269959970', 'Customer', '43', 'Create'],
    ])
  })

  it('reads both CloudEvents fixtures', () => {
    for (const name of ['webhook-payload-cloudevents.json', 'webhook-payload-cloudevents-blog.json']) {
      const [event] = parseWebhookPayload(fixture(name))
      expect(event).toMatchObject({ realmId: '310687', id: '1234', operation: 'Create' })
      expect(event?.notificationId).toMatch(/^cloudevent:[0-9a-f-]{36}$/)
    }
  })
})
