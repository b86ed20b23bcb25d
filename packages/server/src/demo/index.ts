export { DEFAULT_DEMO_ADMIN_EMAIL, seedDemo, seedDemoOnFirstStart } from './seed-demo'
