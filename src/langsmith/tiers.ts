// Role and permissions -> tier (facts §5). Pure, so the table is tested on its own.

export type Tier = 'none' | 'read-only' | 'limited-write' | 'full-access' | 'admin' | 'unknown';

export interface TierInput {
  role?: string;
  permissions?: string[];
  readOnly?: boolean;
  orgPermissions?: string[];
}

export interface Measured {
  tier: Tier;
  basis: string;
  /** Permissions the next tier needs that this key lacks. */
  missing: string[];
  /** The tier is a lower bound (an inference from a probe). */
  lowerBound?: boolean;
}

const ROLE_TIERS: Record<string, Tier> = {
  'organization admin': 'admin',
  admin: 'full-access',
  'workspace admin': 'full-access',
  editor: 'limited-write',
  'workspace editor': 'limited-write',
  viewer: 'read-only',
  'workspace viewer': 'read-only',
};

export function tierFrom(input: TierInput): Measured {
  const perms = new Set(input.permissions ?? []);
  const org = new Set(input.orgPermissions ?? []);
  const role = input.role?.trim().toLowerCase();
  if (org.has('organization:manage') && (perms.size === 0 || perms.has('projects:create'))) {
    return { tier: 'admin', basis: 'organization:manage', missing: [] };
  }
  if (input.readOnly) return { tier: 'read-only', basis: 'the key was created read-only', missing: ['runs:create'] };
  if (perms.size > 0) {
    const missing = ['runs:create', 'projects:create', 'projects:delete'].filter((p) => !perms.has(p));
    if (!perms.has('runs:create')) return { tier: 'read-only', basis: 'no runs:create', missing };
    if (!perms.has('projects:create') || !perms.has('projects:delete')) return { tier: 'limited-write', basis: 'runs:create without projects:create/delete', missing };
    return { tier: 'full-access', basis: 'runs:create and projects:create/delete', missing: [] };
  }
  if (role && ROLE_TIERS[role]) {
    const tier = ROLE_TIERS[role]!;
    const missing = tier === 'read-only' ? ['runs:create', 'projects:create', 'projects:delete'] : tier === 'limited-write' ? ['projects:create', 'projects:delete'] : [];
    return { tier, basis: `role ${input.role}`, missing };
  }
  return { tier: 'unknown', basis: 'no role or permissions visible', missing: [] };
}
