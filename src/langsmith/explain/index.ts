// `explain`'s public face: exactly what src/langsmith/explain.ts exported before it became a folder.
export type { Candidate, ExplainInputInfo, ExplainOptions, ExplainResult } from './types.js';
export { MAX_ANALYSED_BYTES, capTail, countNewlines, decodeText, stripAnsi } from './input.js';
export { explainBytes, explainText } from './analyse.js';
export { isLangSmithProblem } from './merge.js';
export { FIXES as EXPLAIN_FIXES } from './fixes.js';
