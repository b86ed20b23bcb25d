import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignedInWorkspace, type SignedIn, testDatabases } from '../../../test/helpers'
import { type DocumentIds, requestsAs, seedQboDocuments } from '../../../test/quickbooks-documents-fixtures'
import {
  buildQuickbooksTestApp,
  connectWorkspace,
  type QuickbooksTestApp,
} from '../../../test/quickbooks-helpers'

for (const dialect of testDatabases()) {
  describe(`Find in QuickBooks on ${dialect}`, () => {
    let t: QuickbooksTestApp
    let member: SignedIn
    let qbo: DocumentIds

    const find = (query: string) => requestsAs(t, member).get(`/api/quickbooks/documents/find?${query}`)

    beforeAll(async () => {
      t = await buildQuickbooksTestApp(dialect)
      const workspace = await createSignedInWorkspace(t, 'Find workspace')
      member = workspace.member
      expect((await connectWorkspace(t, workspace.admin)).outcome).toBe('connected')
      qbo = seedQboDocuments(t)
    })
    afterAll(async () => t?.close())

    it('finds an invoice by its number, with its customer, amounts and a link into QuickBooks', async () => {
      const response = await find('kind=invoice&number=DT-C1')
      expect(response.statusCode, response.body).toBe(200)
      const body = response.json()
      expect(body.nextCursor).toBeNull()
      expect(body.items).toEqual([
        {
          kind: 'invoice',
          id: qbo.invC1,
          number: 'DT-C1',
          date: '2019-05-01',
          customer: { id: qbo.looseCustomer, name: 'Docs Loose Customer' },
          total: '500.00',
          balance: '500.00',
          status: 'overdue',
          currency: 'USD',
          viewUrl: `${t.emulatorUrl}/app/invoice?txnId=${qbo.invC1}`,
        },
      ])
    })

    it('finds a payment by its reference number', async () => {
      const body = (await find('kind=payment&number=CHK-A1')).json()
      expect(body.items.map((item: { id: string }) => item.id)).toEqual([qbo.payA])
      expect(body.items[0]).toMatchObject({ kind: 'payment', status: 'applied', total: '40.00' })
      expect(body.items[0].viewUrl).toContain(`recvpayment?txnId=${qbo.payA}`)
    })

    it('finds documents in a date range, newest first', async () => {
      const body = (await find('kind=invoice&from=2019-05-01&to=2019-05-31')).json()
      expect(body.items.map((item: { number: string }) => item.number)).toEqual(['DT-C2', 'DT-C1'])
    })

    it('finds documents up to an end date only', async () => {
      const body = (await find('kind=estimate&to=2019-12-31')).json()
      expect(body.items.map((item: { number: string }) => item.number)).toEqual(['DE-A1'])
    })

    it('finds documents from a start date only, one page at a time', async () => {
      const first = (await find('kind=invoice&from=2019-01-01')).json()
      expect(first.items).toHaveLength(20)
      expect(first.nextCursor).toEqual(expect.any(String))
      const second = (await find(`kind=invoice&from=2019-01-01&cursor=${first.nextCursor}`)).json()
      expect(second.items.length).toBeGreaterThan(0)
      const firstIds = new Set(first.items.map((item: { id: string }) => item.id))
      for (const item of second.items) expect(firstIds.has(item.id)).toBe(false)
      expect(second.items[0].date <= first.items[19].date).toBe(true)
    })

    it('combines a number with a date range', async () => {
      const inside = (await find('kind=invoice&number=DT-C1&from=2019-05-01&to=2019-05-01')).json()
      expect(inside.items.map((item: { id: string }) => item.id)).toEqual([qbo.invC1])
      const outside = (await find('kind=invoice&number=DT-C1&from=2019-06-01')).json()
      expect(outside.items).toEqual([])
    })

    it.each([
      ['kind=invoice', 'no number and no dates'],
      ['kind=invoice&number=', 'an empty number'],
      ['kind=invoice&from=2019-06-01&to=2019-05-01', 'a range that ends before it starts'],
      ['kind=invoice&from=2019-02-30', 'a date that does not exist'],
      ['kind=invoice&from=yesterday', 'a date that is not YYYY-MM-DD'],
      ['kind=bill&number=1', 'an unknown kind'],
      ['number=1', 'no kind'],
      [`kind=invoice&number=${'9'.repeat(22)}`, 'a number longer than QuickBooks allows'],
      ['kind=invoice&number=1&cursor=not-ours', 'a cursor that is not ours'],
    ])('answers 400 to %s (%s)', async (query) => {
      const response = await find(query)
      expect(response.statusCode, response.body).toBe(400)
      expect(response.json().error).toMatchObject({ code: 'BAD_INPUT', message: expect.any(String) })
    })
  })
}
