export * from './plan.js';
export * from './finding.js';
export * from './layout.js';
export { planDocumentJsonSchema } from './json-schema.js';
export * from './config.js';
