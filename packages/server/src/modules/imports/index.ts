export { createImportRunner, type ImportRunner } from './import-runner'
export { getImportStatus, previewImport, runImport } from './import-service'
export { failRunningImports } from './repository'
export { importRoutes } from './routes'
