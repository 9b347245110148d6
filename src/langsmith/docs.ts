// Documentation links used in findings. One place, so a moved page is one edit.
export const DOCS = {
  apiKeys: 'https://docs.langchain.com/langsmith/create-account-api-key',
  envVars: 'https://docs.langchain.com/langsmith/trace-with-langchain',
  regions: 'https://docs.langchain.com/langsmith/regions-faq',
  selfHosted: 'https://docs.langchain.com/langsmith/self-host-usage',
  workspaces: 'https://docs.langchain.com/langsmith/administration-overview',
  rbac: 'https://docs.langchain.com/langsmith/rbac',
  limits: 'https://docs.langchain.com/langsmith/administration-overview#usage-limits',
  envCaching: 'https://docs.langchain.com/langsmith/troubleshooting-variable-caching',
  runsEndpoints: 'https://docs.langchain.com/langsmith/trace-with-langchain',
} as const;
