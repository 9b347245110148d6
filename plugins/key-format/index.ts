import {
  classifyKey,
  defineChecker,
  DOCS,
  envLine,
  kindLabel,
  maskKey,
  showKeyValue,
  sourceLabel,
  whyKeyNotSendable,
  type Finding,
} from '../../src/index.js';

const CREATE_KEY = `Create a key in LangSmith: Settings → API Keys (${DOCS.apiKeys}); it works the moment it is created.`;

export default defineChecker({
  id: 'key-format',
  title: 'API key format',
  run(ctx) {
    const { key, endpoint } = ctx.settings;
    const name = key.source?.kind === 'env' || key.source?.kind === 'dotenv' ? key.source.name : 'LANGSMITH_API_KEY';
    const where = key.source ? sourceLabel(key.source) : undefined;

    if (key.value === undefined) {
      const gap = ctx.settings.profileKeyGap;
      if (gap?.state === 'refresh-only') {
        // The SDK can still authenticate (it refreshes the token); only this run cannot test it.
        return ctx.warn('PROFILE_REFRESH_ONLY',
          `${gap.detail}. langsmith-doctor does not refresh tokens (that rewrites your profile), so it cannot test this login`,
          { fix: { text: 'Run your app once (the JS SDK refreshes the token into the profile), log in again with the tool that wrote the profile, or set an API key for this run.', commands: [envLine('LANGSMITH_API_KEY', '<your lsv2_pt_ key>')] }, docs: DOCS.apiKeys, evidence: { profile: ctx.settings.profile?.file } });
      }
      if (gap) {
        const envName = gap.state === 'env-unset' ? ctx.settings.profile?.apiKeyEnv : undefined;
        return ctx.fail('KEY_MISSING', gap.detail, {
          fix: {
            text: envName
              ? `Set $${envName} where the app runs, or put api_key in the profile.`
              : gap.state === 'cmd-unsupported'
                ? 'Name the variable that holds the key with api_key_env in the profile, or set LANGSMITH_API_KEY.'
                : 'Upgrade the JS SDK (npm install langsmith@latest), or set LANGSMITH_API_KEY.',
            commands: [envLine(envName ?? 'LANGSMITH_API_KEY', '<your lsv2_pt_ key>')],
          },
          docs: DOCS.apiKeys,
        });
      }
      const blank = ctx.settings.candidates.find((c) => /^(LANGSMITH|LANGCHAIN)_API_KEY$/.test(c.name) && c.raw.trim() === '');
      const empty = blank !== undefined;
      return ctx.fail(
        'KEY_MISSING',
        empty
          ? `${sourceLabel(blank!.source)} is set but empty, so the SDKs send no key`
          : 'No LangSmith API key is set: not LANGSMITH_API_KEY or LANGCHAIN_API_KEY in the environment or a dotenv file, and no SDK profile',
        { fix: { text: CREATE_KEY, commands: [envLine('LANGSMITH_API_KEY', '<your new lsv2_pt_ key>')] }, docs: DOCS.apiKeys },
      );
    }
    if (key.kind === 'oauth') {
      return ctx.pass(`OAuth token from the langsmith CLI profile (${where})`, { evidence: { kind: key.kind } });
    }

    const raw = key.raw ?? key.value;
    const value = key.value;
    // Classify without stray quotes: those are reported once, as KEY_QUOTED.
    const cls = classifyKey(value.replace(/^["']+|["']+$/g, ''));
    const masked = maskKey(value);
    // The same gate the prober uses: a value that fails it is sent nowhere, whatever the endpoint.
    const unsendable = whyKeyNotSendable(value, key.kind);
    const notSent = unsendable ? `; langsmith-doctor sends it nowhere because ${unsendable.reason}` : '';
    const findings: Finding[] = [];
    const evidence = { kind: cls.kind, key: masked, source: where, length: value.length, sendable: unsendable === undefined, ...(unsendable ? { notSentBecause: unsendable.reason } : {}) };
    const selfHosted = endpoint.info?.kind === 'self-hosted' || endpoint.info?.loopback === true;

    // Quotes or whitespace around the value: the SDKs strip one pair, other tools send them as-is.
    const quoteInside = unsendable?.code === 'KEY_QUOTED';
    if (raw !== value || /^["']|["']$/.test(value) || quoteInside) {
      const sdkStrips = raw !== value && !/^["']|["']$/.test(value) && !quoteInside;
      findings.push(ctx.finding('KEY_QUOTED', sdkStrips ? 'warn' : 'fail',
        sdkStrips
          ? `${name} has quotes or whitespace around the key (${where}); the SDKs strip them, but curl, proxies and other integrations send them as part of the key`
          : `${name} has ${quoteInside && !/^["']|["']$/.test(value) ? 'a quote inside it' : 'unbalanced quotes'} (${where}); the SDKs send them as part of the key, which LangSmith rejects${notSent}`,
        { fix: { text: 'Set the bare key, without quotes or spaces.', commands: [envLine(name, '<the key, without quotes or spaces>')] }, evidence: { name } }));
    }

    switch (cls.kind) {
      case 'legacy':
        findings.push(ctx.finding('KEY_LEGACY', 'fail',
          `${where} holds a legacy ls__ key (${masked}); LangSmith stopped accepting legacy keys on 2024-10-22${unsendable?.code === 'KEY_MALFORMED' ? notSent : ''}`,
          { fix: { text: `${CREATE_KEY} Then remove every ls__ key (shell profile, .env files, CI secrets) so none shadows the new one.`, commands: [envLine(name, '<your new lsv2_pt_ key>')] }, docs: DOCS.apiKeys }));
        break;
      case 'other-provider':
        findings.push(ctx.finding('KEY_OTHER_PROVIDER', 'fail',
          `${where} holds ${cls.provider ? `an ${cls.provider}` : "another service's"} key (${masked}), not a LangSmith key; it is not sent anywhere`,
          { fix: { text: `Put the ${cls.provider ?? 'other'} key in its own variable and set ${name} to a LangSmith key (lsv2_pt_… or lsv2_sk_…). ${CREATE_KEY}`, commands: [envLine(name, '<your new lsv2_pt_ key>')] }, docs: DOCS.apiKeys }));
        break;
      case 'placeholder':
        findings.push(ctx.finding('KEY_PLACEHOLDER', 'fail',
          `${where} holds template text, not a key: ${showKeyValue(value)}; it is not sent anywhere`,
          { fix: { text: `Replace the placeholder with a real key. ${CREATE_KEY}`, commands: [envLine(name, '<your new lsv2_pt_ key>')] }, docs: DOCS.apiKeys }));
        break;
      case 'personal-access-token':
      case 'service-key': {
        if (unsendable?.code === 'KEY_MALFORMED') {
          findings.push(ctx.finding('KEY_MALFORMED', 'fail', `${where} holds a ${kindLabel(cls.kind)} (${masked}) that cannot work${notSent}`,
            { fix: { text: 'Copy the key again in one piece; it has no spaces or line breaks.', commands: [envLine(name, '<the key, copied again in one piece>')] } }));
        } else if (!cls.sdkShape && !unsendable) {
          findings.push(ctx.finding('KEY_MALFORMED', 'warn',
            `${where} holds a ${kindLabel(cls.kind)} (${masked}) whose shape is unusual (${value.length} characters; keys are usually 51): it may be cut short`,
            { fix: { text: 'Compare it with the key as created; copy it again if it was cut.', commands: [] } }));
        }
        break;
      }
      default: {
        const shapeOnly = unsendable?.reason.startsWith('it is not shaped like') ?? true;
        const text = shapeOnly
          ? `holds ${masked}, which is not a LangSmith key (lsv2_pt_…, lsv2_sk_…)${notSent}`
          : `holds a ${value.length}-character value (${masked}) that is not a LangSmith key${notSent}`;
        // A self-hosted instance without auth accepts any key (facts §3): there the SDK may work, so
        // only a warning; the doctor still sends nothing that is not shaped like a key.
        findings.push(ctx.finding('KEY_MALFORMED', selfHosted && shapeOnly ? 'warn' : 'fail', `${where} ${text}`,
          { fix: { text: CREATE_KEY, commands: [envLine(name, '<your new lsv2_pt_ key>')] }, docs: DOCS.apiKeys }));
      }
    }

    const summary = findings.length === 0
      ? `${capitalize(kindLabel(cls.kind))} ${masked}, well-formed (${where})`
      : undefined;
    return ctx.report(findings, { summary, evidence });
  },
});

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
