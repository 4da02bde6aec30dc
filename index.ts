/** Public surface of piao: the model, the pipeline entry points and the registries. */
export * from './models/index.js';
export { processFile, processBytes, isFatal, type RunOptions } from './pipeline/run.js';
export { extractors } from './extractors/index.js';
export { rules } from './pipeline/validate/rules/index.js';
export { pipelineChecks } from './pipeline/checks.js';
export { VERSION } from './pipeline/version.js';
