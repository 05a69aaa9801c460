// The Node SDKs' side of the side-by-side benchmark (bench/run.py runs it with NODE_PATH set to
// one throwaway install): `imagekit` 6.x (`new ImageKit({...}).url(opts)`) and
// `@imagekit/nodejs` 7.x (`client.helper.buildSrc(opts)`).
//
//   node node_sdk.js PACKAGE verify ID JSON [ID JSON ...] auth TOKEN EXPIRE [auth_defaults]
//   node node_sdk.js PACKAGE time MIN_SECONDS RUNS ID JSON [...] auth TOKEN EXPIRE [auth_defaults]
//   node node_sdk.js PACKAGE details BASE_URL FILE_ID N WARMUP
//   node node_sdk.js PACKAGE upload BASE_URL FILE
//
// PACKAGE is `imagekit` or `@imagekit/nodejs`. Output lines as bench/sdk/cabi.c prints them
// (OUT, RATE), RESULT for the network modes.
//
// imagekit 6.x has its API host written into every request (https://api.imagekit.io/v1/...);
// for the network modes an axios interceptor on the SDK's own axios rewrites that host to the
// local server, and any request that would still leave 127.0.0.1 is refused before it is sent.
'use strict';
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const [pkg, mode, ...args] = process.argv.slice(2);
const KEY = 'private_key_test';
const ENDPOINT = 'https://ik.imagekit.io/your_imagekit_id';
const v6 = pkg === 'imagekit';

function fail(msg) {
  process.stderr.write(`node_sdk: ${msg}\n`);
  process.exit(1);
}

function loopback(base) {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) fail(`refusing a non-loopback base URL: ${base}`);
  return base;
}

function client(base) {
  if (v6) {
    const ImageKit = require('imagekit');
    const opts = { publicKey: 'public_key_test', privateKey: KEY, urlEndpoint: ENDPOINT };
    if (base) {
      opts.uploadEndpoint = `${loopback(base)}/api/v1/files/upload`;
      const axios = require(require.resolve('axios', { paths: [path.dirname(require.resolve('imagekit'))] }));
      axios.interceptors.request.use((cfg) => {
        cfg.url = cfg.url.replace(/^https:\/\/(api|upload)\.imagekit\.io/, base);
        if (!cfg.url.startsWith(base + '/')) throw new Error(`refusing a request to ${cfg.url}`);
        return cfg;
      });
    }
    return new ImageKit(opts);
  }
  const ImageKit = require('@imagekit/nodejs');
  const Ctor = ImageKit.default || ImageKit.ImageKit || ImageKit;
  if (base) return new Ctor({ privateKey: KEY, baseURL: loopback(base), maxRetries: 0 });
  return new Ctor({ privateKey: KEY });
}

function urlCall(ik, o) {
  if (v6) {
    const opts = { path: o.path, transformation: o.transformation };
    if (o.url_endpoint) opts.urlEndpoint = o.url_endpoint;
    if (o.transformation_position) opts.transformationPosition = o.transformation_position;
    if (o.query_parameters) opts.queryParameters = o.query_parameters;
    if (o.signed) opts.signed = true;
    if (o.expire_seconds) opts.expireSeconds = o.expire_seconds;
    return () => ik.url(opts);
  }
  const opts = {
    src: o.path,
    urlEndpoint: o.url_endpoint || ENDPOINT,
    transformation: o.transformation,
    transformationPosition: o.transformation_position || 'path',
  };
  if (o.query_parameters) opts.queryParameters = o.query_parameters;
  if (o.signed) opts.signed = true;
  if (o.expire_seconds) opts.expiresIn = o.expire_seconds;
  return () => ik.helper.buildSrc(opts);
}

function authCall(ik, token, expire) {
  if (v6) return () => ik.getAuthenticationParameters(token, expire);
  return () => ik.helper.getAuthenticationParameters(token, expire);
}

// auth_defaults: no arguments (a new token, expire now + 1800).
function authDefaultsCall(ik) {
  if (v6) return () => ik.getAuthenticationParameters();
  return () => ik.helper.getAuthenticationParameters();
}

function workloads(ik, a) {
  const out = [];
  for (let i = 0; i < a.length; ) {
    if (a[i] === 'auth_defaults') {
      out.push(['auth_defaults', authDefaultsCall(ik)]);
      i += 1;
    } else if (a[i] === 'auth') {
      out.push(['auth', authCall(ik, a[i + 1], Number(a[i + 2]))]);
      i += 3;
    } else {
      out.push([a[i], urlCall(ik, JSON.parse(a[i + 1]))]);
      i += 2;
    }
  }
  return out;
}

function timeRuns(fn, minSeconds, runs) {
  let n = 100;
  let dt;
  let sink = 0;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) sink += fn().length || 1;
    dt = (performance.now() - t0) / 1e3;
    if (dt >= minSeconds / 4) break;
    n *= 4;
  }
  const calls = Math.floor((n * minSeconds) / dt) + 1;
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) sink += fn().length || 1;
    best = Math.min(best, (performance.now() - t0) / 1e3);
  }
  if (sink === 0) fail('no output');
  return [calls, best];
}

async function main() {
  if (mode === 'verify') {
    const ik = client();
    for (const [id, fn] of workloads(ik, args)) {
      const r = fn();
      if (id.startsWith('auth')) console.log(`OUT ${id} token=${r.token} expire=${r.expire} signature=${r.signature}`);
      else console.log(`OUT ${id} ${r}`);
    }
  } else if (mode === 'time') {
    const minSeconds = Number(args[0]);
    const runs = Number(args[1]);
    const ik = client();
    for (const [id, fn] of workloads(ik, args.slice(2))) {
      const [calls, best] = timeRuns(fn, minSeconds, runs);
      console.log(`RATE ${id} ${(calls / best).toFixed(1)} ${((best * 1e9) / calls).toFixed(2)}`);
    }
  } else if (mode === 'details') {
    const [base, fileId] = args;
    const n = Number(args[2]);
    const warm = Number(args[3]);
    const ik = client(base);
    const get = v6 ? () => ik.getFileDetails(fileId) : () => ik.files.get(fileId);
    let firstError = null;
    const call = async () => {
      try {
        const r = await get();
        return r.fileId === fileId;
      } catch (e) {
        if (!firstError) firstError = e;
        return false;
      }
    };
    for (let i = 0; i < warm; i++) await call();
    let ok = 0;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) if (await call()) ok++;
    const s = (performance.now() - t0) / 1e3;
    if (firstError) process.stderr.write(`first failed call: ${firstError}\n`);
    console.log(`RESULT calls=${n} ok=${ok} errors=${n - ok} seconds=${s.toFixed(6)} calls_per_s=${(n / s).toFixed(1)}`);
  } else if (mode === 'upload') {
    const [base, file] = args;
    const ik = client(base);
    const t0 = performance.now();
    let r;
    if (v6) {
      r = await ik.upload({ file: fs.createReadStream(file), fileName: 'big.bin' });
    } else {
      r = await ik.files.upload({ file: fs.createReadStream(file), fileName: 'big.bin' });
    }
    const s = (performance.now() - t0) / 1e3;
    console.log(`RESULT seconds=${s.toFixed(6)} size=${Math.round(r.size)}`);
  } else {
    fail(`unknown mode ${mode}`);
  }
}

main().catch((e) => fail(String((e && e.stack) || e)));
