import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// Every export carries a TSDoc @example, and the examples must compile: this test extracts each one and
// type-checks it against the package's real exports.
const testDir = dirname(fileURLToPath(import.meta.url))
const src = join(testDir, '..', 'src')
const entry = join(src, 'index.ts')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(path)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : []
  })
}

interface Example {
  file: string
  line: number
  code: string
}

function examplesOf(file: string): Example[] {
  const lines = readFileSync(file, 'utf8').split('\n')
  const found: Example[] = []
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\s*$/.test(lines[i] ?? '')) continue
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const line = lines[j] ?? ''
      if (/^\s*\*\//.test(line) || /^\s*\*\s*@\w+/.test(line)) break
      body.push(line.replace(/^\s*\* ?/, ''))
    }
    found.push({ file, line: i + 1, code: body.join('\n') })
    i = j - 1
  }
  return found
}

const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2023,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: ['node'],
  noUncheckedIndexedAccess: true,
}

function exportNames(program: ts.Program, file: string): string[] {
  const checker = program.getTypeChecker()
  const sf = program.getSourceFile(file)
  const symbol = sf && checker.getSymbolAtLocation(sf)
  return symbol ? checker.getExportsOfModule(symbol).map((s) => s.name) : []
}

describe('TSDoc examples', () => {
  const files = sourceFiles(src)
  const examples = files.flatMap(examplesOf)
  const base = ts.createProgram(files, options)

  it('exist for every export of the package entry', () => {
    const checker = base.getTypeChecker()
    const missing: string[] = []
    const entrySymbol = checker.getSymbolAtLocation(base.getSourceFile(entry)!)!
    for (const symbol of checker.getExportsOfModule(entrySymbol)) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
      const hasExample = (target.getDeclarations() ?? []).some((d) =>
        ts.getJSDocTags(d).some((t) => t.tagName.text === 'example'),
      )
      if (!hasExample) missing.push(symbol.name)
    }
    expect(missing).toEqual([])
  })

  it('type-check against the real exports', { timeout: 60_000 }, () => {
    const publicNames = exportNames(base, entry)
    const virtual = new Map<string, { example: Example; headerLines: number }>()
    const texts = new Map<string, string>()
    examples.forEach((example, n) => {
      const own = exportNames(base, example.file).filter((name) => !publicNames.includes(name))
      const ownPath = `./${relative(testDir, example.file).replace(/\.ts$/, '')}`
      const header = [
        `import { ${publicNames.join(', ')} } from '../src/index'`,
        own.length > 0 ? `import { ${own.join(', ')} } from '${ownPath}'` : '',
        'export async function example(): Promise<void> {',
      ]
      const path = join(testDir, `__tsdoc_example_${n}.ts`)
      virtual.set(path, { example, headerLines: header.length })
      texts.set(path, `${header.join('\n')}\n${example.code}\n}\n`)
    })
    const host = ts.createCompilerHost(options)
    const getSourceFile = host.getSourceFile.bind(host)
    host.getSourceFile = (name, version, onError) => {
      const text = texts.get(name)
      return text === undefined
        ? getSourceFile(name, version, onError)
        : ts.createSourceFile(name, text, version)
    }
    const fileExists = host.fileExists.bind(host)
    host.fileExists = (name) => texts.has(name) || fileExists(name)
    const program = ts.createProgram([...texts.keys()], options, host, base)
    const problems: string[] = []
    for (const [path, { example, headerLines }] of virtual) {
      const sf = program.getSourceFile(path)!
      for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
        const line = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line - headerLines
        problems.push(
          `${relative(src, example.file)}:${example.line + 1 + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
        )
      }
    }
    expect(examples.length).toBeGreaterThan(50)
    expect(problems).toEqual([])
  })
})
