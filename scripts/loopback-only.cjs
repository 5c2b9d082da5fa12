'use strict';
/**
 * Preload (`node -r ./scripts/loopback-only.cjs …`) that keeps a process on loopback: its TCP
 * servers listen on 127.0.0.1 only, and it connects to nothing but loopback.
 *
 * Made for the Microsoft 365 Agents Playground, which listens on all interfaces and has no host
 * option, and whose Application Insights SDK reaches out (Azure instance metadata, its own
 * "statsbeat" endpoint) even with `--disable-telemetry`.
 *
 * - Listening: every TCP server in Node (http, https, express, ws) ends in
 *   `net.Server.prototype.listen`, so this rewrites that one method: whatever host a TCP listen
 *   asks for (none, '::', '0.0.0.0', a LAN address), it binds 127.0.0.1. Listens on a pipe path,
 *   a handle or a file descriptor pass through unchanged.
 * - Connecting: every TCP client (http, https, fetch, tls) ends in `net.Socket.prototype.connect`.
 *   A connection to a host other than localhost or a loopback address fails at once with
 *   ECONNREFUSED, before any DNS lookup, so nothing leaves the machine and nothing waits on a
 *   closed network. Each refused host is reported once on stderr.
 */
/* global require, process -- CommonJS: `node -r` loads it before the Playground's own code */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const net = require('node:net');

const LOOPBACK = '127.0.0.1';

/** A TCP port as listen() and connect() take it: a number or a numeric string. */
function isPort(value) {
  return typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value));
}

/** localhost, 127.0.0.0/8 and ::1, in any of the spellings Node accepts. */
function isLoopbackHost(host) {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(name) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(name) ||
    name === '::1' ||
    name === '0:0:0:0:0:0:0:1'
  );
}

/** listen(options): TCP unless it names a pipe path, a handle or a file descriptor. */
function isTcpOptions(options) {
  return (
    !options.path &&
    options.handle == null &&
    options._handle == null &&
    options.fd == null &&
    !(options instanceof net.Server) &&
    !(options instanceof net.Socket)
  );
}

const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first] = args;
  if (first !== null && typeof first === 'object') {
    if (isTcpOptions(first)) args[0] = { ...first, host: LOOPBACK };
  } else if (
    first === undefined ||
    first === null ||
    typeof first === 'function' ||
    isPort(first)
  ) {
    // listen([port][, host][, backlog][, callback]): set the host, keep backlog and callback.
    const port = isPort(first) ? Number(first) : 0;
    const rest = typeof first === 'function' ? args : args.slice(1);
    if (rest.length > 0 && (typeof rest[0] === 'string' || rest[0] == null)) rest.shift();
    args = [port, LOOPBACK, ...rest];
  }
  return originalListen.apply(this, args);
};

/**
 * The host a connect() call aims at, or undefined for a pipe path. net.connect() passes its
 * arguments on already normalised, as an array whose first item is the options.
 */
function connectHost(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === 'object') {
    // Like net itself: a truthy path is a pipe (http passes `path: null` for TCP).
    if (first.path) return undefined;
    return typeof first.host === 'string' && first.host !== '' ? first.host : 'localhost';
  }
  if (typeof first === 'string' && !isPort(first)) return undefined;
  return typeof args[1] === 'string' && args[1] !== '' ? args[1] : 'localhost';
}

const refused = new Set();
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connectToLoopbackOnly(...args) {
  const host = connectHost(args);
  if (host === undefined || isLoopbackHost(host)) return originalConnect.apply(this, args);
  if (!refused.has(host)) {
    refused.add(host);
    process.stderr.write(`loopback-only: refused a connection to ${host} (loopback only)\n`);
  }
  const error = Object.assign(new Error(`connect ECONNREFUSED ${host} (loopback only)`), {
    code: 'ECONNREFUSED',
    syscall: 'connect',
    address: host,
  });
  // The caller attaches its error handlers after connect() returns: fail on the next tick.
  process.nextTick(() => this.destroy(error));
  return this;
};
