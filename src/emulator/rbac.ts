// Role -> permission strings (facts §5, DOCS-NEW rbac.mdx / organization-workspace-operations.mdx).
import type { ApiKey, Role } from './types.js';

const READ: readonly string[] = [
  'alerts:read',
  'annotation-queues:read',
  'charts:read',
  'datasets:read',
  'deployments:read',
  'feedback:read',
  'issues:read',
  'mcp-servers:read',
  'projects:read',
  'prompts:read',
  'rules:read',
  'runs:read',
  'sandboxes:read',
  'workspaces:read',
];

/**
 * Editor: everything a Viewer has, plus tracing and content edits; no projects:create/delete,
 * runs:delete, datasets:delete, workspace management. Per the docs' operations table
 * (organization-workspace-operations.mdx @0e9df983; sdk-audit #16): Editors may change trace tiers,
 * delete prompts and create/update deployments, and may not delete annotation queues or share datasets.
 */
const EDITOR_EXTRA: readonly string[] = [
  'alerts:create',
  'alerts:update',
  'annotation-queues:create',
  'annotation-queues:update',
  'charts:create',
  'charts:update',
  'charts:delete',
  'datasets:create',
  'datasets:update',
  'deployments:create',
  'deployments:update',
  'experiments:run',
  'feedback:create',
  'feedback:update',
  'feedback:delete',
  'issues:create',
  'issues:update',
  'projects:update',
  'projects:increase-trace-tier',
  'projects:decrease-trace-tier',
  'prompts:create',
  'prompts:delete',
  'prompts:update',
  'prompts:share',
  'rules:create',
  'rules:update',
  'rules:delete',
  'runs:create',
  'runs:share',
  'gateway:invoke',
];

const ADMIN_EXTRA: readonly string[] = [
  'alerts:delete',
  'bulk-exports:read',
  'bulk-exports:manage',
  'annotation-queues:delete',
  'datasets:delete',
  'datasets:share',
  'deployments:delete',
  'issues:delete',
  'mcp-servers:create',
  'mcp-servers:update',
  'mcp-servers:delete',
  'mcp-servers:invoke',
  'projects:create',
  'projects:delete',
  'runs:delete',
  'sandboxes:create',
  'sandboxes:update',
  'sandboxes:delete',
  'sandboxes:exec',
  'workspaces:manage',
  'workspaces:manage-members',
  'workspaces:manage-secrets',
  'workspaces:manage-model-configs',
];

/** Workspace-level permissions of a role (sorted). */
export function workspacePermissions(role: Role, readOnly = false): string[] {
  const set = new Set<string>(READ);
  if (!readOnly && role !== 'Viewer') for (const p of EDITOR_EXTRA) set.add(p);
  if (!readOnly && (role === 'Admin' || role === 'Organization Admin')) for (const p of ADMIN_EXTRA) set.add(p);
  return [...set].sort();
}

/** Organization-level permissions: Org Admin manages; a PAT owner is an Organization User; service keys read. */
export function orgPermissions(key: ApiKey): string[] {
  if (key.role === 'Organization Admin') return ['organization:manage', 'organization:pats:create', 'organization:read'];
  if (key.kind === 'pat') return ['organization:pats:create', 'organization:read'];
  return ['organization:read'];
}

/** The role_name a workspace object shows (Org Admins are Admin in every workspace). */
export function workspaceRoleName(role: Role): string {
  return role === 'Organization Admin' ? 'Admin' : role;
}

export function orgRoleName(key: ApiKey): string {
  return key.role === 'Organization Admin' ? 'Organization Admin' : 'Organization User';
}
