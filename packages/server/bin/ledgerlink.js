#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (the project has no build step).
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'

await tsImport(join(dirname(fileURLToPath(import.meta.url)), '../src/cli.ts'), import.meta.url)
