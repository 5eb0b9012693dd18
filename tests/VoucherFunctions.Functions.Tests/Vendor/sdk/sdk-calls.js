// Runs calls against the vendor-compatible endpoint with the vendor's official Node SDK
// (tencentcloud-sdk-nodejs-intl-en, a dev dependency in package.json) and prints what came back.
// Input on stdin: { "endpoint": "127.0.0.1:<port>/api/vendor", "calls": [ { "id", "via", "secretId", "secretKey",
//   "action", "params", "clockOffsetSeconds"?, "sendBody"?, "times"? } ] }
//   via "sdk":    the SDK's IntlpartnersmgtClient method named by "action" (the actions this SDK version has)
//   via "common": the SDK's generic CommonClient.request (the actions it lacks)
//   via "raw":    the SDK's own signer (common/sign.js) over "params", then "sendBody" (default: params) sent
//                 "times" times as is: for a tampered body or a replayed signature
// Output on stdout: [ { "id", "ok": true, "response" } | { "id", "ok": false, "code", "message", "requestId" } ]
const tencentcloud = require("tencentcloud-sdk-nodejs-intl-en");
const Sign = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/sign.js");

const { Credential, ClientProfile, HttpProfile, CommonClient } = tencentcloud.common;
const IntlpartnersmgtClient = tencentcloud.intlpartnersmgt.v20220928.Client;
const Version = "2022-09-28";

// A stale or future clock for one call: the SDK takes its X-TC-Timestamp from new Date().
const RealDate = Date;
let offsetMs = 0;
global.Date = class extends RealDate {
  constructor(...args) { if (args.length === 0) { super(RealDate.now() + offsetMs); } else { super(...args); } }
  static now() { return RealDate.now() + offsetMs; }
};

function profile(endpoint) {
  return new ClientProfile("TC3-HMAC-SHA256", new HttpProfile("http://", endpoint));
}

function viaCallback(invoke) {
  return new Promise(resolve => invoke((err, response) => resolve(err
    ? { ok: false, code: err.code || "", message: err.message || String(err), requestId: err.requestId || "" }
    : { ok: true, response: JSON.parse(JSON.stringify(response)) })));
}

async function raw(endpoint, call) {
  const url = `http://${endpoint}/`;
  const timestamp = Math.floor(RealDate.now() / 1000) + (call.clockOffsetSeconds || 0);
  const headers = { "Content-Type": "application/json" };
  const authorization = Sign.sign3({ method: "POST", url, payload: call.params, timestamp, service: endpoint.split(".")[0], secretId: call.secretId, secretKey: call.secretKey, headers });
  const body = JSON.stringify(call.sendBody === undefined ? call.params : call.sendBody);
  const results = [];
  for (let i = 0; i < (call.times || 1); i++) {
    const res = await fetch(url, { method: "POST", body, headers: { ...headers, Authorization: authorization, "X-TC-Action": call.action, "X-TC-Version": Version, "X-TC-Timestamp": String(timestamp) } });
    const data = (await res.json()).Response;
    results.push(data.Error ? { ok: false, code: data.Error.Code, message: data.Error.Message, requestId: data.RequestId } : { ok: true, response: data });
  }
  return results.length === 1 ? results[0] : { ok: results.every(r => r.ok), sends: results };
}

async function run(endpoint, call) {
  const credential = new Credential(call.secretId, call.secretKey);
  offsetMs = (call.clockOffsetSeconds || 0) * 1000;
  try {
    switch (call.via) {
      case "sdk": {
        const client = new IntlpartnersmgtClient(credential, "", profile(endpoint));
        if (typeof client[call.action] !== "function") { throw new Error(`this SDK version has no ${call.action}`); }
        return await viaCallback(cb => client[call.action](call.params, cb));
      }
      case "common": {
        const client = new CommonClient(endpoint, Version, credential, "", profile(endpoint));
        return await viaCallback(cb => client.request(call.action, call.params, cb));
      }
      case "raw":
        return await raw(endpoint, call);
      default:
        throw new Error(`unknown via ${call.via}`);
    }
  } finally {
    offsetMs = 0;
  }
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) { chunks.push(chunk); }
  const plan = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const out = [];
  if (plan.parallel) {
    out.push(...await Promise.all(plan.calls.map(async call => ({ id: call.id, ...await run(plan.endpoint, call) }))));
  } else {
    for (const call of plan.calls) { out.push({ id: call.id, ...await run(plan.endpoint, call) }); }
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch(e => { console.error(e); process.exit(1); });
