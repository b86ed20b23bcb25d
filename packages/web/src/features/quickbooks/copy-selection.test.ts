import { describe, expect, it } from 'vitest'
import type { CopyPreviewEntry } from '../../api'
import { copiedMessage, copyValueText, readChangedMeanwhile, selectableFields } from './copy-selection'

const entries: CopyPreviewEntry[] = [
  { field: 'phone', label: 'Phone', current: null, proposed: '555 0100', isDifferent: true },
  { field: 'fax', label: 'Fax', current: '555 0199', proposed: '555 0199', isDifferent: false },
  {
    field: 'website',
    label: 'Website',
    current: null,
    proposed: 'x'.repeat(1200),
    isDifferent: true,
    problem: { code: 'too_long', message: 'Too long for QuickBooks.' },
  },
  { field: 'mobilePhone', label: 'Mobile phone', current: '1', proposed: '2', isDifferent: true },
]

describe('choosing what to copy', () => {
  it('lets only differing, acceptable fields be chosen', () => {
    expect([...selectableFields(entries)]).toEqual(['phone', 'mobilePhone'])
  })

  it('shows values in words, addresses on one line', () => {
    expect(copyValueText(null)).toBe('(empty)')
    expect(copyValueText('555 0100')).toBe('555 0100')
    expect(
      copyValueText({
        street: '4581 Finch St.',
        city: 'Bayshore',
        region: 'CA',
        postalCode: '94326',
        country: 'USA',
      }),
    ).toBe('4581 Finch St., Bayshore, CA 94326, USA')
  })

  it('takes the fresh values of a changed-meanwhile conflict, keeping the old ones when none came', () => {
    const fresh = [{ ...entries[0], current: '555 0111' } as CopyPreviewEntry]
    expect(readChangedMeanwhile({ entries: fresh, syncToken: '7' }, { entries, syncToken: '6' })).toEqual({
      entries: fresh,
      syncToken: '7',
    })
    expect(readChangedMeanwhile({}, { entries, syncToken: '6' })).toEqual({ entries, syncToken: '6' })
  })

  it('says what was copied where', () => {
    expect(copiedMessage(entries, ['phone'], 'QuickBooks')).toBe('Copied phone to QuickBooks.')
    expect(copiedMessage(entries, ['phone', 'mobilePhone'], 'Ledgerlink')).toBe(
      'Copied phone and mobile phone to Ledgerlink.',
    )
    expect(copiedMessage(entries, [], 'QuickBooks')).toMatch(/Nothing needed copying/)
  })
})
