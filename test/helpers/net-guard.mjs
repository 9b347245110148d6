// Preloaded into the built CLI by tests (`node --import` this file), so what only happens off
// loopback can be tested without leaving it:
// - name resolution comes from a table (LSD_TEST_DNS: JSON {"host": ["address", …]}; `localhost`
//   is 127.0.0.1 unless the table says otherwise; any other name fails with ENOTFOUND). No real
//   resolver is ever asked.
// - every socket connect to an address that is not loopback is refused and recorded: a leak is a
//   line in LSD_TEST_NET_LOG (JSON lines), which the test asserts is absent.
// It replaces dns.lookup and dns.promises.lookup (net and tls connect through dns.lookup, read at
// call time; syncBuiltinESMExports updates named ESM imports too) and wraps Socket#connect.
import dns from 'node:dns';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

const table = JSON.parse(process.env.LSD_TEST_DNS || '{}');
const logFile = process.env.LSD_TEST_NET_LOG;
const record = (entry) => {
  if (logFile) fs.appendFileSync(logFile, `${JSON.stringify(entry)}\n`);
};

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');
const bare = (a) => String(a).replace(/^\[|\]$/g, '');
const isLoopback = (a) => {
  const ip = bare(a);
  const family = net.isIP(ip);
  return family === 4 ? loopback.check(ip, 'ipv4') : family === 6 ? loopback.check(ip, 'ipv6') : false;
};

function addressesOf(hostname) {
  const h = bare(hostname).toLowerCase();
  if (net.isIP(h)) return [{ address: h, family: net.isIP(h) }];
  const listed = table[h] ?? (h === 'localhost' ? ['127.0.0.1'] : undefined);
  return listed?.map((address) => ({ address, family: net.isIP(address) }));
}

const notFound = (hostname) => Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname });

function fakeLookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  if (typeof options === 'number') options = { family: options };
  options ??= {};
  record({ lookup: hostname });
  const addrs = addressesOf(hostname);
  const fam = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family) || 0;
  const list = addrs && (fam ? addrs.filter((a) => a.family === fam) : addrs);
  process.nextTick(() => {
    if (!list || list.length === 0) return callback(notFound(hostname));
    if (options.all) callback(null, list);
    else callback(null, list[0].address, list[0].family);
  });
}

dns.lookup = fakeLookup;
dns.promises.lookup = (hostname, options = {}) =>
  new Promise((resolve, reject) => {
    const o = typeof options === 'number' ? { family: options } : { ...options };
    fakeLookup(hostname, o, (err, address, family) => (err ? reject(err) : resolve(o.all ? address : { address, family })));
  });
syncBuiltinESMExports();

const refusal = (address, port) => Object.assign(new Error(`net-guard: connect to non-loopback ${address}:${port} refused`), { code: 'EACCES' });

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const normalized = Array.isArray(args[0]) ? args[0] : net._normalizeArgs(args);
  const options = normalized[0];
  if (options && typeof options === 'object' && !options.path) {
    const host = options.host ?? 'localhost';
    if (net.isIP(bare(host))) {
      if (!isLoopback(host)) {
        record({ refused: bare(host), port: options.port });
        process.nextTick(() => this.destroy(refusal(bare(host), options.port)));
        return this;
      }
    } else {
      const inner = options.lookup ?? dns.lookup;
      options.lookup = (hostname, lookupOptions, cb) =>
        inner(hostname, lookupOptions, (err, address, family) => {
          if (err) return cb(err);
          const list = Array.isArray(address) ? address : [{ address, family }];
          const inside = list.filter((a) => isLoopback(a.address));
          const outside = list.filter((a) => !isLoopback(a.address));
          if (outside.length === 0) return cb(null, address, family);
          // Never connect off loopback: only the loopback answers are passed on (recorded), and
          // a name with none is refused (recorded).
          record({ [inside.length ? 'dropped' : 'refused']: outside[0].address, host: hostname, port: options.port });
          if (inside.length === 0) return cb(refusal(outside[0].address, options.port));
          if (Array.isArray(address)) cb(null, inside);
          else cb(null, inside[0].address, inside[0].family);
        });
    }
  }
  return connect.apply(this, Array.isArray(args[0]) ? args : [normalized[0], normalized[1]].filter((x) => x !== undefined));
};
