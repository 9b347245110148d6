// Kept so that existing importers of '…/langsmith/explain.js' keep working; the code lives in ./explain/.
export * from './explain/index.js';
