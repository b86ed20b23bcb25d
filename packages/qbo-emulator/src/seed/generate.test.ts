import { describe, expect, it } from 'vitest'
import { createClock } from '../clock'
import { type CompanyStore, createRegistry, type QboObject } from '../store'
import { seedGenerated } from './generate'
import { ledgerProblems } from './ledger-invariants.test-helper'

const NOW = Date.parse('2026-11-24T16:15:00Z')
const frozenClock = () => createClock({ startMs: NOW, realNow: () => NOW })

const ENTITIES = ['Customer', 'Invoice', 'Estimate', 'Payment'] as const
const dump = (company: CompanyStore) => ENTITIES.map((e) => [...company.list(e)])
const countOf = (company: CompanyStore, entity: (typeof ENTITIES)[number]) => [...company.list(entity)].length

describe('seedGenerated', () => {
  it('creates the requested customers and documents in a new company', () => {
    const clock = frozenClock()
    const registry = createRegistry(clock)
    const company = seedGenerated(registry, clock, { customers: 200, documentsPerCustomer: 7 })
    expect(company.realmId).toBe('9130357766910001')
    expect(registry.get(company.realmId)).toBe(company)
    expect(countOf(company, 'Customer')).toBe(200)
    const documents = countOf(company, 'Invoice') + countOf(company, 'Estimate') + countOf(company, 'Payment')
    expect(documents).toBe(1400)
    expect(countOf(company, 'Invoice')).toBeGreaterThan(countOf(company, 'Payment'))
  })

  it('writes exactly what the store would write through its ordinary creates', () => {
    const clock = frozenClock()
    const registry = createRegistry(clock)
    const bulk = seedGenerated(registry, clock, { customers: 150, documentsPerCustomer: 9, writes: 'bulk' })
    const stored = seedGenerated(registry, clock, {
      customers: 150,
      documentsPerCustomer: 9,
      writes: 'store',
    })
    expect(dump(bulk)).toEqual(dump(stored))
    expect(bulk.realmId).not.toBe(stored.realmId)
  })

  it('keeps invoice, payment and customer balances consistent', () => {
    const clock = frozenClock()
    const company = seedGenerated(createRegistry(clock), clock, { customers: 300, documentsPerCustomer: 10 })
    expect(ledgerProblems(company)).toEqual([])
    const customers = [...company.list('Customer')]
    expect(customers.some((c) => Number(c.Balance) > 0)).toBe(true)
    expect([...company.list('Invoice')].some((i) => i.Balance === 0)).toBe(true)
  })

  it('gives the same data for the same seed and different data for another seed', () => {
    const clock = frozenClock()
    const registry = createRegistry(clock)
    const a = seedGenerated(registry, clock, { customers: 50, documentsPerCustomer: 5, randomSeed: 7 })
    const b = seedGenerated(registry, clock, { customers: 50, documentsPerCustomer: 5, randomSeed: 7 })
    const c = seedGenerated(registry, clock, { customers: 50, documentsPerCustomer: 5, randomSeed: 8 })
    expect(dump(a)).toEqual(dump(b))
    expect(dump(c)).not.toEqual(dump(a))
  })

  it('makes unique DisplayNames with plausible emails, phones and addresses', () => {
    const clock = frozenClock()
    const company = seedGenerated(createRegistry(clock), clock, { customers: 5000, documentsPerCustomer: 0 })
    const customers = [...company.list('Customer')]
    const names = customers.map((c) => String(c.DisplayName).toLowerCase())
    expect(new Set(names).size).toBe(customers.length)
    for (const c of customers.slice(0, 500)) {
      expect((c.PrimaryEmailAddr as QboObject).Address).toMatch(
        /^[a-z0-9.]+@([a-z0-9]+\.)?example\.(com|net|org)$/,
      )
      const phone = (c.PrimaryPhone ?? c.Mobile) as QboObject
      expect(phone.FreeFormNumber).toMatch(/^\(\d{3}\) 555-\d{4}$/)
      expect(c.BillAddr).toMatchObject({
        City: expect.any(String),
        PostalCode: expect.stringMatching(/^\d{5}$/),
      })
    }
  })

  it('honours an explicit realm id and refuses one that is taken', () => {
    const clock = frozenClock()
    const registry = createRegistry(clock)
    const company = seedGenerated(registry, clock, {
      customers: 1,
      documentsPerCustomer: 1,
      realmId: '4620816365000000001',
    })
    expect(company.realmId).toBe('4620816365000000001')
    expect(() =>
      seedGenerated(registry, clock, {
        customers: 1,
        documentsPerCustomer: 1,
        realmId: '4620816365000000001',
      }),
    ).toThrow(/already exists/)
  })

  it('rejects sizes that are negative, fractional or too large, before adding a company', () => {
    const clock = frozenClock()
    const registry = createRegistry(clock)
    expect(() => seedGenerated(registry, clock, { customers: -1, documentsPerCustomer: 1 })).toThrow(
      RangeError,
    )
    expect(() => seedGenerated(registry, clock, { customers: 1.5, documentsPerCustomer: 1 })).toThrow(
      RangeError,
    )
    expect(() => seedGenerated(registry, clock, { customers: 10, documentsPerCustomer: 5000 })).toThrow(
      RangeError,
    )
    expect(() => seedGenerated(registry, clock, { customers: 200_000, documentsPerCustomer: 20 })).toThrow(
      /at most/,
    )
    expect(registry.companies()).toHaveLength(0)
  })
})

describe('ledgerProblems (the consistency check the seed tests rely on)', () => {
  it('reports an invoice whose Balance disagrees with the payments applied to it', () => {
    const clock = frozenClock()
    const company = seedGenerated(createRegistry(clock), clock, { customers: 20, documentsPerCustomer: 6 })
    const paid = [...company.list('Invoice')].find((i) => i.Balance === 0) as QboObject
    const registry = createRegistry(clock)
    const copy = registry.add({ realmId: '1', name: 'Copy' })
    copy.bulkLoad({
      Customer: [...company.list('Customer')],
      Invoice: [...company.list('Invoice')].map((i) => (i.Id === paid.Id ? { ...i, Balance: 1 } : i)),
      Payment: [...company.list('Payment')],
    })
    expect(ledgerProblems(copy)).toEqual([`Invoice ${String(paid.Id)} Balance 1`])
  })
})
