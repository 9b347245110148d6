import { defineChecker, DOCS, envLine, findKey, PROBES, humanDuration, type Finding, type ListedKey } from '../../src/index.js';

const YOUNG_MS = 7 * 86_400_000;

export default defineChecker<{ warnExpiryDays?: number }>({
  id: 'key-age',
  title: 'Key age and expiry',
  requires: ['auth'],
  // The tier, whatever it is, to say when a young key is restricted.
  after: ['permission-tier'],
  network: true,
  async run(ctx) {
    const key = ctx.settings.key.value;
    if (!key) return ctx.skip('no API key');
    const warnDays = typeof ctx.options.warnExpiryDays === 'number' ? ctx.options.warnExpiryDays : 7;
    // Service keys of the workspace, the org's service keys and personal tokens: whichever this key may read.
    const answers = await Promise.all(
      [PROBES.apiKeys, PROBES.orgServiceKeys, PROBES.personalTokens].map((probe) => ctx.http.request(probe)),
    );
    const items = answers.flatMap((a) => (Array.isArray(a.json) ? (a.json as ListedKey[]) : []));
    const { match, ambiguous } = findKey(dedupe(items), key);
    const tier = ctx.results['permission-tier']?.evidence?.tier as string | undefined;
    const restricted = tier === 'read-only' || tier === 'limited-write';
    const evidence: Record<string, unknown> = { listed: items.length, lists: answers.map((a) => ({ url: a.url, status: a.status ?? null })) };

    if (!match) {
      const why = ambiguous ? `${ambiguous} listed keys share its visible characters` : 'it is not in the key lists this key may read (personal tokens are listed to their owner\'s session only)';
      return ctx.pass(`Age unknown: ${why}. Keys work from the moment they are created; only an expiry chosen at creation limits them`, { evidence });
    }
    const now = Date.now();
    const created = parse(match.created_at);
    const expires = parse(match.expires_at);
    const lastUsed = parse(match.last_used_at);
    Object.assign(evidence, { createdAt: match.created_at ?? null, expiresAt: match.expires_at ?? null, lastUsedAt: match.last_used_at ?? null, description: match.description ?? null, readOnly: match.read_only ?? null });
    const findings: Finding[] = [];
    const age = created !== undefined ? `created ${humanDuration(now - created)} ago` : 'creation date not listed';
    const used = lastUsed !== undefined ? `last used ${humanDuration(now - lastUsed)} ago` : 'never used before';
    const expiry = expires === undefined ? 'never expires' : expires <= now ? `expired ${humanDuration(now - expires)} ago` : `expires in ${humanDuration(expires - now)}`;
    let ageMessage = `Key ${age}, ${used}, ${expiry}.`;
    if (restricted && created !== undefined && now - created < YOUNG_MS) {
      // The myth this tool exists to retire: age is never the cause.
      ageMessage += ` It is ${tier} now, and that is not because it is new: LangSmith keys have no activation period. The restriction comes from ${match.read_only ? 'the key being created read-only' : 'the role it acts with'} (see permission-tier), and waiting will not change it.`;
    } else {
      ageMessage += ' Keys are active from creation; age never limits them.';
    }
    findings.push(ctx.finding('KEY_AGE', 'info', ageMessage, { evidence: { createdAt: match.created_at ?? null } }));
    if (expires !== undefined && expires <= now) {
      findings.push(ctx.finding('KEY_EXPIRED', 'fail', `The key expired ${humanDuration(now - expires)} ago (${match.expires_at}); expired keys cannot be renewed`, {
        fix: { text: `Create a new key (${DOCS.apiKeys}).`, commands: [envLine('LANGSMITH_API_KEY', '<your new lsv2_pt_ key>')] }, docs: DOCS.apiKeys,
      }));
    } else if (expires !== undefined && expires - now <= warnDays * 86_400_000) {
      findings.push(ctx.finding('KEY_EXPIRING_SOON', 'warn', `The key expires in ${humanDuration(expires - now)} (${match.expires_at}); an expired key cannot be extended`, {
        fix: { text: `Create a replacement key now and roll it out before ${match.expires_at} (${DOCS.apiKeys}).`, commands: [envLine('LANGSMITH_API_KEY', `<the new ${key.startsWith('lsv2_sk_') ? 'lsv2_sk_' : 'lsv2_pt_'} key>`)] }, docs: DOCS.apiKeys,
      }));
    }
    return ctx.report(findings, { summary: `${age[0]!.toUpperCase()}${age.slice(1)}, ${used}, ${expiry}`, evidence });
  },
});

function parse(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

function dedupe(items: ListedKey[]): ListedKey[] {
  const seen = new Set<string>();
  return items.filter((k) => {
    const id = k.id ?? `${k.short_key}|${k.created_at}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
