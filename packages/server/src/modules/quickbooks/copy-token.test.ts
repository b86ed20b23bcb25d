import { describe, expect, it } from 'vitest'
import { decodeCopyToken, encodeCopyToken, MAX_COPY_TOKEN_LENGTH } from './copy-token'

describe('copy preview token', () => {
  it("carries the customer's SyncToken and copyable values, nothing else", () => {
    const token = encodeCopyToken({
      Id: '10',
      SyncToken: '4',
      DisplayName: 'Red Rock Diner',
      Notes: 'private',
      PrimaryPhone: { FreeFormNumber: '(650) 555-4973' },
      BillAddr: { Line1: '500 Red Rock Rd.', City: 'Bayshore' },
    })
    expect(decodeCopyToken(token)).toEqual({
      SyncToken: '4',
      PrimaryPhone: { FreeFormNumber: '(650) 555-4973' },
      BillAddr: { Line1: '500 Red Rock Rd.', City: 'Bayshore' },
    })
  })

  it('stays far below its length limit for a customer at QBO field limits', () => {
    const line = 'x'.repeat(400)
    const address = { Line1: line, Line2: line, Line3: line, Line4: line, Line5: line, City: 'y'.repeat(255) }
    const token = encodeCopyToken({
      SyncToken: '1',
      BillAddr: address,
      ShipAddr: address,
      WebAddr: { URI: 'z'.repeat(1000) },
    })
    expect(token.length).toBeLessThan(MAX_COPY_TOKEN_LENGTH)
  })

  it('refuses a token that is not one of ours as bad input', () => {
    for (const token of [
      'not-a-token',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('{"s":1,"v":{}}').toString('base64url'),
      Buffer.from('{"s":"1","v":{"BillAddr":"x"}}').toString('base64url'),
    ]) {
      expect(() => decodeCopyToken(token), token).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }))
    }
  })
})
