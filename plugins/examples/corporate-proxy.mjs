// An example in-process plugin: a company's own check, written against the public API.
// Use it from a config file: { "plugins": ["./node_modules/langsmith-doctor/plugins/examples/corporate-proxy.mjs"] }
// or copy it next to your config. `defineChecker` only adds types; a plain object works too.
import { defineChecker } from 'langsmith-doctor';

export default defineChecker({
  id: 'example/corporate-proxy',
  title: 'Proxy settings reach the LangSmith SDKs',
  codes: ['EXAMPLE_PROXY_JS_IGNORED'],
  run(ctx) {
    const proxy = ctx.env.HTTPS_PROXY ?? ctx.env.https_proxy;
    const noProxy = ctx.env.NO_PROXY ?? ctx.env.no_proxy ?? '';
    if (!proxy) return ctx.pass('No HTTPS proxy configured');
    const host = ctx.settings.endpoint.info?.host ?? '';
    if (noProxy.split(',').some((h) => h.trim() && host.endsWith(h.trim().replace(/^\*?\./, '')))) {
      return ctx.pass(`${host} bypasses the proxy (NO_PROXY)`);
    }
    // The JS SDK uses the global fetch, which ignores HTTPS_PROXY (facts §2).
    return ctx.warn('EXAMPLE_PROXY_JS_IGNORED', `HTTPS_PROXY is set (${proxy.replace(/\/\/[^@]*@/, '//…@')}), but Node's fetch ignores it: the JS SDK connects directly`, {
      fix: {
        text: 'Route the JS SDK through the proxy with a custom fetch (overrideFetchImplementation with an undici ProxyAgent), or add the LangSmith host to NO_PROXY if direct access is allowed.',
        commands: [`NO_PROXY=${host}`],
      },
    });
  },
});
