/**
 * A corpus of valid and invalid statements run through the public API against the sample company.
 * Each valid case lists the expected Ids in the expected order (or the expected count); each invalid case
 * the expected fault code and Detail.
 */
import { describe, expect, it } from 'vitest'
import { parseQuery, QueryLanguageError, type RunQueryOptions, runQuery } from './index'
import { sampleCompany } from './sample-company.test-data'

type Case =
  | { query: string; ids: string[]; options?: RunQueryOptions }
  | { query: string; count: number }
  | { query: string; fault: '4000' | '4001'; detail: string | RegExp }

const ACTIVE = ['1', '2', '3', '5', '6', '7']
const ALL_CUSTOMERS = ['1', '2', '3', '4', '5', '6', '7', '10']

const valid: Case[] = [
  // Entity, keywords and property names are case-insensitive; the implicit Active = true applies.
  { query: 'select * from Customer', ids: ACTIVE },
  { query: 'SELECT * FROM CUSTOMER', ids: ACTIVE },
  { query: "select * from cUstomer where givenname = 'Amy'", ids: ['1'] },
  { query: 'select * from Customer where Active = false', ids: ['4', '10'] },
  { query: 'select * from Customer where Active in (true, false)', ids: ALL_CUSTOMERS },
  { query: "select * from Customer where Active = 'false'", ids: ['4', '10'] },
  { query: 'select * from Customer where Active = true', ids: ACTIVE },
  { query: 'select * from Customer where Active IN (true)', ids: ACTIVE },
  { query: "select * from Customer where Active = false and DisplayName like 'z%'", ids: ['10'] },
  // Equality: escapes and case-insensitivity.
  { query: "select * from Customer where DisplayName = 'Amy\\'s Bird Sanctuary'", ids: ['1'] },
  { query: "select * from Customer where DisplayName = 'amy\\'S BIRD sanctuary'", ids: ['1'] },
  { query: "select * from Customer where DisplayName = 'Amy'", ids: [] },
  { query: 'select * from Customer where DisplayName = \'Back\\\\slash 100% "Quoted"\'', ids: ['6'] },
  { query: 'select * from Customer where DisplayName = \'Back\\slash 100% "Quoted"\'', ids: [] },
  { query: "select * from Customer where DisplayName = 'Élodie Öst'", ids: ['7'] },
  { query: "select * from Customer where DisplayName = 'élodie öST'", ids: ['7'] },
  { query: "select * from Customer where DisplayName IN ('cool cars', 'Zed', 'Nobody')", ids: ['3'] },
  {
    query: "select * from Customer where DisplayName IN ('cool cars', 'Zed') AND Active IN (true,false)",
    ids: ['3', '10'],
  },
  // LIKE: % only, case-insensitive, _ literal.
  { query: "select * from Customer where DisplayName like 'amy%'", ids: ['1'] },
  { query: "select * from Customer where DisplayName LIKE '%SHOP'", ids: ['2'] },
  { query: "select * from Customer where DisplayName like '%a%'", ids: ['1', '3', '5', '6'] },
  { query: "select * from Customer where DisplayName like 'cool cars'", ids: ['3'] },
  { query: "select * from Customer where DisplayName like '%'", ids: ACTIVE },
  { query: "select * from Customer where DisplayName like 'c%s'", ids: ['3'] },
  { query: "select * from Customer where DisplayName like '%100%'", ids: ['6'] },
  { query: "select * from Customer where DisplayName like 'a_y%'", ids: [] },
  { query: "select * from Customer where DisplayName like '%b%%d%'", ids: ['1', '2', '6'] },
  // String ordering comparisons are case-insensitive too.
  { query: "select * from Customer where DisplayName > 'd'", ids: ['5', '7'] },
  { query: "select * from Customer where DisplayName < 'B'", ids: ['1'] },
  { query: "select * from Customer where DisplayName >= 'COOL CARS'", ids: ['3', '5', '7'] },
  { query: "select * from Customer where DisplayName <= 'cool cars'", ids: ['1', '2', '3', '6'] },
  // Email compares the Address, case-insensitively.
  { query: "select * from Customer where PrimaryEmailAddr = 'birds@intuit.com'", ids: ['1'] },
  { query: "select * from Customer where primaryemailaddr = 'BIRDS@INTUIT.COM'", ids: ['1'] },
  { query: "select * from Customer where PrimaryEmailAddr like '%@intuit.com'", ids: ['1', '2', '5'] },
  {
    query:
      "select * from Customer where PrimaryEmailAddr IN ('surf@intuit.com','diego@rodriguez.com') AND Active IN (true,false)",
    ids: ['2', '4'],
  },
  // Numbers, quoted or bare.
  { query: "select * from Customer where Balance > '0'", ids: ['1', '2', '5', '7'] },
  { query: 'select * from Customer where Balance > 0', ids: ['1', '2', '5', '7'] },
  { query: "select * from Customer where Balance >= '85'", ids: ['1', '2', '5'] },
  { query: 'select * from Customer where Balance < 85', ids: ['3', '7'] },
  { query: "select * from Customer where Balance <= '0'", ids: ['3'] },
  { query: "select * from Customer where Balance = '460.50'", ids: ['5'] },
  { query: 'select * from Customer where Balance IN (0, 85)', ids: ['2', '3'] },
  { query: 'select * from Customer where Balance > -1', ids: ['1', '2', '3', '5', '7'] },
  { query: "select * from Customer where Balance > ' -1 '", ids: ['1', '2', '3', '5', '7'] },
  // Id: = and IN, quoted or bare; the implicit Active filter still applies.
  { query: "select * from Customer where Id = '3'", ids: ['3'] },
  { query: 'select * from Customer where id = 3', ids: ['3'] },
  { query: "select * from Customer where Id IN ('1','10','99')", ids: ['1'] },
  { query: "select * from Customer where Id IN ('1','10') AND Active IN (true,false)", ids: ['1', '10'] },
  { query: "select * from Customer where Id = '4'", ids: [] },
  // Datetimes compare as instants; a date-only literal is midnight UTC by default.
  {
    query: "select * from Customer where Metadata.LastUpdatedTime > '2015-03-01'",
    ids: ['1', '3', '5', '7'],
  },
  {
    query: "select * from Customer where MetaData.LastUpdatedTime > '2015-03-01T00:00:00-08:00'",
    ids: ['1', '5', '7'],
  },
  {
    query: "select * from Customer where MetaData.LastUpdatedTime >= '2015-03-01T00:00:00-08:00'",
    ids: ['1', '3', '5', '7'],
  },
  { query: "select * from Customer where MetaData.LastUpdatedTime = '2015-03-01T08:00:00Z'", ids: ['3'] },
  {
    query: "select * from Customer where MetaData.LastUpdatedTime = '2015-03-01T08:00:00.000+0000'",
    ids: ['3'],
  },
  {
    query: "select * from Customer where metadata.createtime < '2014-09-11T16:50:00-07:00'",
    ids: ['1', '2'],
  },
  {
    query: "select * from Customer where MetaData.LastUpdatedTime > '2015-03-01T00:00:00'",
    ids: ['1', '3', '5', '7'],
  },
  {
    query: "select * from Customer where MetaData.LastUpdatedTime > '2015-03-01T00:00:00'",
    options: { utcOffsetMinutes: -480 },
    ids: ['1', '5', '7'],
  },
  {
    query: "select * from Customer where MetaData.LastUpdatedTime > '2015-03-01'",
    options: { utcOffsetMinutes: -480 },
    ids: ['1', '5', '7'],
  },
  // ORDERBY / ORDER BY, multi-key, missing values first for ASC and last for DESC.
  { query: 'select * from Customer orderby DisplayName', ids: ['1', '6', '2', '3', '5', '7'] },
  { query: 'select * from Customer ORDERBY displayname DESC', ids: ['7', '5', '3', '2', '6', '1'] },
  {
    query: 'select * from Customer where Active in (true,false) orderby Active, Balance DESC',
    ids: ['10', '4', '5', '1', '2', '7', '3', '6'],
  },
  { query: 'select * from Customer orderby Balance asc', ids: ['6', '3', '7', '2', '1', '5'] },
  { query: 'select * from Customer ORDER BY Id DESC', ids: ['7', '6', '5', '3', '2', '1'] },
  { query: 'select * from Customer order by Balance, Id desc', ids: ['6', '3', '7', '2', '1', '5'] },
  {
    query: 'select * from Customer orderby metadata.lastupdatedtime desc',
    ids: ['7', '1', '5', '3', '2', '6'],
  },
  // Paging.
  { query: 'select * from Customer STARTPOSITION 2 MAXRESULTS 2', ids: ['2', '3'] },
  { query: 'select * from Customer startposition 6 maxresults 10', ids: ['7'] },
  { query: 'select * from Customer startposition 7', ids: [] },
  { query: 'select * from Customer maxresults 1', ids: ['1'] },
  { query: 'select * from Customer maxresults 5000', ids: ACTIVE },
  {
    query: 'select * from Customer orderby DisplayName desc startposition 2 maxresults 3',
    ids: ['5', '3', '2'],
  },
  // COUNT(*) ignores paging.
  { query: 'select count(*) from Customer', count: 6 },
  {
    query: 'select COUNT(*) from Customer where Active in (true,false) STARTPOSITION 3 MAXRESULTS 1',
    count: 8,
  },
  { query: "select count(*) from Invoice where Balance > '0'", count: 3 },
  { query: "select count(*) from Customer where DisplayName = 'nobody'", count: 0 },
  // Field lists return whole rows.
  { query: "select Id, DisplayName from Customer where Id = '1'", ids: ['1'] },
  // Refs compare by id.
  { query: "select * from Invoice where CustomerRef = '1'", ids: ['101', '102'] },
  { query: "select * from Invoice where CustomerRef IN ('1','2')", ids: ['101', '102', '103'] },
  { query: 'select * from Invoice where customerref = 10', ids: ['105'] },
  // Dates.
  {
    query: "select * from Invoice where TxnDate >= '2024-01-01' AND TxnDate <= '2024-02-29'",
    ids: ['101', '102', '103'],
  },
  { query: "select * from Invoice where TxnDate > '2024-02-29'", ids: ['105'] },
  { query: "select * from Invoice where TxnDate = '2024-02-29'", ids: ['103'] },
  { query: "select * from Invoice where TxnDate < '2024-01-01T00:00:00Z'", ids: ['104'] },
  {
    query: 'select * from Invoice where DueDate < CURRENT_DATE',
    options: { nowMs: Date.parse('2024-03-01T12:00:00Z') },
    ids: ['101', '104'],
  },
  {
    query: 'select * from Invoice where TxnDate <= current_date',
    options: { nowMs: Date.parse('2024-02-01T00:00:00Z') },
    ids: ['101', '102', '104'],
  },
  {
    // 2024-02-01T05:00Z is still 2024-01-31 at UTC-8.
    query: 'select * from Invoice where TxnDate <= current_date',
    options: { nowMs: Date.parse('2024-02-01T05:00:00Z'), utcOffsetMinutes: -480 },
    ids: ['101', '104'],
  },
  { query: "select * from Invoice where MetaData.LastUpdatedTime > '2024-01-15'", ids: ['101'] },
  // Strings and numbers on transactions.
  { query: "select * from Invoice where DocNumber = '1001'", ids: ['101'] },
  { query: 'select * from Invoice where DocNumber = 1001', ids: ['101'] },
  { query: "select * from Invoice where DocNumber IN ('1001','A-7')", ids: ['101', '104'] },
  { query: "select * from Invoice where DocNumber like 'a-%'", ids: ['104'] },
  { query: "select * from Invoice where TotalAmt > '1000.0'", ids: ['104'] },
  { query: "select * from Invoice where Balance > '0' ORDERBY TxnDate DESC", ids: ['103', '101', '104'] },
  { query: 'select * from Invoice orderby DueDate', ids: ['105', '104', '101', '102', '103'] },
  {
    query: 'select * from Invoice orderby TotalAmt desc, DocNumber',
    ids: ['104', '102', '101', '103', '105'],
  },
  { query: "select * from Payment where CustomerRef = '2'", ids: ['202'] },
  { query: "select * from Payment where PaymentRefNum = 'chk-2'", ids: ['202'] },
  { query: 'select * from Payment where TotalAmt >= 10', ids: ['201', '202'] },
  { query: "select * from Payment where TxnDate < '2024-03-01'", ids: ['201'] },
  { query: "select * from Estimate where CustomerRef = '1'", ids: ['302'] },
  { query: "select * from Estimate where DocNumber like 'e%' ORDERBY TxnDate DESC", ids: ['302', '301'] },
  { query: 'select * from Vendor', ids: [] },
  // Whitespace, newlines and null (' ').
  { query: "select *\n from\tCustomer\r\n where Id = '1'", ids: ['1'] },
  { query: "select * from Customer where Balance = ' ' and Active in (true,false)", ids: ['6'] },
  { query: "select * from Customer where DisplayName = ' '", ids: [] },
  { query: "select * from Invoice where DueDate = ' '", ids: ['105'] },
  { query: "select * from Invoice where DueDate IN (' ', '2024-01-30')", ids: ['104', '105'] },
]

const invalid: Case[] = [
  {
    query: 'select * from NULL',
    fault: '4000',
    detail:
      'QueryParserError: Encountered " "null" "NULL "" at line 1, column 15.\nWas expecting:\n    <IDENTIFIER> ...\n    ',
  },
  {
    query: "SELECT * FROM Vendor WHERE DisplayName = 'Cutlery 'R Us'",
    fault: '4000',
    detail:
      'QueryParserError: Encountered " <IDENTIFIER> "R "" at line 1, column 52.\nWas expecting one of:\n' +
      '    <EOF> \n    <AND> ...\n    "maxresults" ...\n    "order" ...\n    "orderby" ...\n    "startposition" ...\n    ',
  },
  {
    query: '',
    fault: '4000',
    detail:
      'QueryParserError: Encountered "<EOF>" at line 1, column 1.\nWas expecting:\n    "select" ...\n    ',
  },
  {
    query: 'select from Customer',
    fault: '4000',
    detail: /Encountered " "from" "from "" at line 1, column 8\./,
  },
  { query: 'select * Customer', fault: '4000', detail: /<IDENTIFIER> "Customer "" at line 1, column 10/ },
  {
    query: 'select * from Customer where',
    fault: '4000',
    detail: /Encountered "<EOF>" at line 1, column 29/,
  },
  {
    query: "select * from Customer where DisplayName = 'a' or DisplayName = 'b'",
    fault: '4000',
    detail: /Encountered " <OR> "or "" at line 1, column 48\./,
  },
  {
    query: 'select * from Customer where not Active = true',
    fault: '4000',
    detail: /" "not" "not "" .*\nWas expecting:\n {4}<IDENTIFIER> \.\.\./,
  },
  {
    query: "select * from Customer where DisplayName != 'x'",
    fault: '4000',
    detail: /" "!=" "!= ""[\s\S]*"like" \.\.\./,
  },
  { query: "select * from Customer where DisplayName <> 'x'", fault: '4000', detail: /" "<>" "<> ""/ },
  {
    query: 'select * from Invoice where CustomerRef in (select Id from Customer)',
    fault: '4000',
    detail: /" "select" "select ""/,
  },
  {
    query: 'select * from Customer group by DisplayName',
    fault: '4000',
    detail: /<IDENTIFIER> "group ""[\s\S]*"where" \.\.\./,
  },
  {
    query: 'select * from Customer where DisplayName = "x"',
    fault: '4000',
    detail: /Invalid content\. Lexical error/,
  },
  {
    query: "select * from Customer where DisplayName = 'abc",
    fault: '4000',
    detail: /Encountered: <EOF> after : "\\'abc"/,
  },
  {
    query: 'select * from Customer maxresults 10 startposition 2',
    fault: '4000',
    detail: /" "startposition" "startposition ""/,
  },
  {
    query: "select * from Customer startposition '1'",
    fault: '4000',
    detail: /<STRING_LITERAL> "\\'1\\' ""[\s\S]*<INTEGER_LITERAL>/,
  },
  { query: 'select * from Customer maxresults 1.5', fault: '4000', detail: /<DECIMAL_LITERAL> "1\.5 ""/ },
  {
    query: 'select * from Customer where DisplayName like 5',
    fault: '4000',
    detail: /<INTEGER_LITERAL> "5 ""[\s\S]*<STRING_LITERAL>/,
  },
  { query: 'select * from Customer where Id in ()', fault: '4000', detail: /" "\)" "\) ""/ },
  { query: "select * from Customer where Id in ('1'", fault: '4000', detail: /"<EOF>"[\s\S]*"\)" \.\.\./ },
  { query: 'select count(Id) from Customer', fault: '4000', detail: /<IDENTIFIER> "Id ""[\s\S]*"\*" \.\.\./ },
  { query: 'select * from Customer, Invoice', fault: '4000', detail: /" "," ", ""/ },
  { query: 'select * from Customer orderby', fault: '4000', detail: /"<EOF>"[\s\S]*<IDENTIFIER>/ },
  {
    query: 'select * from Customer where DisplayName = NULL',
    fault: '4000',
    detail: /" "null" "NULL ""[\s\S]*<STRING_LITERAL>/,
  },
  { query: "select * from Customer where DisplayName = 'x' and", fault: '4000', detail: /"<EOF>"/ },
  {
    query: "select * from Customer where MetaData. = '1'",
    fault: '4000',
    detail: /" "=" "= ""[\s\S]*<IDENTIFIER>/,
  },
  { query: 'select * from Customer orderby Id asc desc', fault: '4000', detail: /" "desc" "desc ""/ },
  {
    query: "select * from Customer where Id = '1'\nand Foo = ",
    fault: '4000',
    detail: /at line 2, column 11\./,
  },
  // A syntax error wins over a semantic one later or earlier in the statement.
  { query: "select * from Customer where Notes = 'x' or Id = '1'", fault: '4000', detail: /<OR>/ },
  {
    query: "select * from Customer where Notes = 'x'",
    fault: '4001',
    detail: "QueryValidationError: property 'Notes' is not queryable",
  },
  {
    query: "select * from Customer where PrimaryPhone = '555'",
    fault: '4001',
    detail: /'PrimaryPhone' is not queryable/,
  },
  { query: "select * from Customer where Foo = 'x'", fault: '4001', detail: /'Foo' is not queryable/ },
  {
    query: 'select * from Customer where BalanceWithJobs > 0',
    fault: '4001',
    detail: /'BalanceWithJobs' is not queryable/,
  },
  {
    query: 'select * from Customer orderby PrimaryEmailAddr',
    fault: '4001',
    detail: /'PrimaryEmailAddr' is not sortable/,
  },
  { query: 'select * from Customer orderby Notes', fault: '4001', detail: /'Notes' is not queryable/ },
  {
    query: 'select * from Invoice orderby CustomerRef',
    fault: '4001',
    detail: /'CustomerRef' is not sortable/,
  },
  {
    query: "select * from Customer where Id > '1'",
    fault: '4001',
    detail: /operator '>' is not supported for property 'Id'/,
  },
  { query: "select * from Customer where Id like '1%'", fault: '4001', detail: /operator 'LIKE'/ },
  { query: "select * from Invoice where CustomerRef > '1'", fault: '4001', detail: /operator '>'/ },
  { query: 'select * from Invoice where Balance like 1', fault: '4000', detail: /<STRING_LITERAL>/ },
  { query: "select * from Invoice where Balance like '1%'", fault: '4001', detail: /operator 'LIKE'/ },
  {
    query: 'select * from Bill',
    fault: '4001',
    detail: "QueryValidationError: entity 'Bill' is not queryable",
  },
  {
    query: 'select * from Customer STARTPOSITION 0 MAXRESULTS 10',
    fault: '4001',
    detail: 'QueryValidationError: value 0 is too small. Min allowed value is 1',
  },
  { query: 'select * from Customer maxresults 0', fault: '4001', detail: /value 0 is too small/ },
  { query: 'select * from Customer startposition -5', fault: '4001', detail: /value -5 is too small/ },
  { query: 'select count(*) from Customer startposition 0', fault: '4001', detail: /value 0 is too small/ },
  {
    query: "select * from Customer where Balance > 'abc'",
    fault: '4001',
    detail: /value 'abc' is not valid/,
  },
  {
    query: "select * from Invoice where TxnDate > '2024-13-01'",
    fault: '4001',
    detail: /not valid for property 'TxnDate'/,
  },
  { query: "select * from Invoice where TxnDate > '2023-02-29'", fault: '4001', detail: /not valid/ },
  { query: 'select * from Invoice where TxnDate > 20240101', fault: '4001', detail: /not valid/ },
  {
    query: "select * from Customer where Active = 'yes'",
    fault: '4001',
    detail: /'yes' is not valid for property 'Active'/,
  },
  { query: 'select * from Customer where DisplayName = true', fault: '4001', detail: /true is not valid/ },
  {
    query: "select * from Estimate where TxnStatus = 'Pending'",
    fault: '4001',
    detail: /'TxnStatus' is not queryable/,
  },
  {
    query: "select * from Invoice where EmailStatus = 'NotSet'",
    fault: '4001',
    detail: /'EmailStatus' is not queryable/,
  },
  {
    query: "select * from Invoice where PrivateNote = 'x'",
    fault: '4001',
    detail: /'PrivateNote' is not queryable/,
  },
  { query: "select * from Customer where Balance > ' '", fault: '4001', detail: /null can only be compared/ },
  {
    query: 'select * from Customer where Balance = current_date',
    fault: '4001',
    detail: /CURRENT_DATE is not valid/,
  },
]

function run(query: string, options?: RunQueryOptions) {
  const parsed = parseQuery(query)
  return runQuery(parsed, sampleCompany[parsed.entity] ?? [], options)
}

function faultOf(query: string): QueryLanguageError {
  try {
    run(query)
  } catch (err) {
    if (err instanceof QueryLanguageError) return err
    throw err
  }
  throw new Error('expected a QueryLanguageError')
}

describe('query corpus: valid statements', () => {
  it('holds at least 80 statements across valid and invalid cases', () => {
    expect(valid.length + invalid.length).toBeGreaterThanOrEqual(80)
  })

  for (const c of valid) {
    if ('ids' in c) {
      it(`returns [${c.ids.join(', ')}] for ${JSON.stringify(c.query)}`, () => {
        const result = run(c.query, c.options)
        if (result.kind !== 'rows') throw new Error('expected rows')
        expect(result.rows.map((r) => r.Id)).toEqual(c.ids)
      })
    } else if ('count' in c) {
      it(`counts ${c.count} for ${JSON.stringify(c.query)}`, () => {
        expect(run(c.query)).toMatchObject({ kind: 'count', totalCount: c.count })
      })
    }
  }
})

describe('query corpus: invalid statements', () => {
  for (const c of invalid) {
    if (!('fault' in c)) continue
    it(`answers ${c.fault} for ${JSON.stringify(c.query)}`, () => {
      const err = faultOf(c.query)
      expect(err.code).toBe(c.fault)
      expect(err.message).toBe(c.fault === '4000' ? 'Error parsing query' : 'Invalid query')
      if (typeof c.detail === 'string') expect(err.detail).toBe(c.detail)
      else expect(err.detail).toMatch(c.detail)
      expect(
        err.detail.startsWith(c.fault === '4000' ? 'QueryParserError: ' : 'QueryValidationError: '),
      ).toBe(true)
    })
  }
})
