// Writes tc3-vectors.json: TC3-HMAC-SHA256 Authorization headers computed by the vendor SDK's own signer
// (tencentcloud-sdk-nodejs-intl-en, common/sign.js) for fixed inputs. The C# verifier's unit tests check that
// they recompute every one. Run from the repository root after `npm ci`:
//   node tests/VoucherFunctions.Functions.Tests/Vendor/sdk/make-tc3-vectors.js
const fs = require("fs");
const path = require("path");
const Sign = require("tencentcloud-sdk-nodejs-intl-en/tencentcloud/common/sign.js");
const sdkVersion = require("tencentcloud-sdk-nodejs-intl-en/package.json").version;

const cases = [
  { name: "vendor endpoint, empty body", url: "https://intlpartnersmgt.intl.tencentcloudapi.com/", service: "intlpartnersmgt", payload: {}, timestamp: 1700000000 },
  { name: "local host endpoint with port and path (service derived as the SDK does)", url: "http://127.0.0.1:7186/api/vendor/", service: "127", payload: { Page: 1, PageSize: 20, CustomerUin: 100000000001 }, timestamp: 1764633600 },
  { name: "localhost name: the derived service holds slashes", url: "http://localhost:7186/api/vendor/", service: "localhost:7186/api/vendor", payload: { ClientUins: [100000000001, 100000000002], Status: "Unused" }, timestamp: 1764719999 },
  { name: "query string and unicode in the body", url: "http://127.0.0.1:7186/api/vendor/?a=1&b=x", service: "intlpartnersmgt", payload: { Month: "2024-03", Note: "caf\u00e9 \u6d4b\u8bd5" }, timestamp: 1709251200 },
  { name: "another SecretKey, a day boundary", url: "http://127.0.0.1:7186/api/vendor/", service: "127", payload: { Page: 2, PageSize: 100, VoucherId: 42 }, timestamp: 1767225599, secretKey: "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA" },
];

const vectors = cases.map(c => {
  const secretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
  const secretKey = c.secretKey || "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
  const headers = { "Content-Type": "application/json" };
  const authorization = Sign.sign3({ method: "POST", url: c.url, payload: c.payload, timestamp: c.timestamp, service: c.service, secretId, secretKey, multipart: false, headers });
  return { name: c.name, method: "POST", url: c.url, contentType: headers["Content-Type"], body: JSON.stringify(c.payload), timestamp: c.timestamp, service: c.service, secretId, secretKey, authorization };
});

const out = path.join(__dirname, "tc3-vectors.json");
fs.writeFileSync(out, JSON.stringify({ sdk: "tencentcloud-sdk-nodejs-intl-en " + sdkVersion, vectors }, null, 2) + "\n");
console.log(`wrote ${vectors.length} vectors to ${path.relative(process.cwd(), out)}`);
