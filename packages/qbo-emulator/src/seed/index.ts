/**
 * Seed data: the two demo companies and a generator of companies of any size.
 *
 * @example
 * import { seedDemo, seedGenerated } from './seed'
 * seedDemo(registry, clock)
 * seedGenerated(registry, clock, { customers: 50_000, documentsPerCustomer: 10 })
 */
export { DEMO_COMPANIES, seedDemo } from './demo'
export { BUSY_CUSTOMER } from './demo-company'
export { DEMO_CUSTOMERS, type DemoCustomer } from './demo-customers'
export { GENERATE_LIMITS, type GenerateOptions, seedGenerated } from './generate'
export { createRandom, type Random } from './random'
