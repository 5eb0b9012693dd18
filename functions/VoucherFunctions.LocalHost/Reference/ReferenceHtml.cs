namespace VoucherFunctions.LocalHost.Reference;

/// <summary>The reference page: inline style and script that render /api/openapi.json (no CDN, works offline).</summary>
internal static class ReferenceHtml
{
    public const string Page = """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>VoucherFunctions API reference</title>
<style>
  body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d2430; background: #f6f7f9; }
  header { background: #1d2430; color: #fff; padding: 14px 24px; }
  header a { color: #9cc4ff; }
  main { max-width: 1100px; margin: 0 auto; padding: 16px 24px 64px; }
  h2 { margin-top: 32px; border-bottom: 1px solid #ccd; }
  details { background: #fff; border: 1px solid #dde; border-radius: 6px; margin: 8px 0; }
  summary { cursor: pointer; padding: 8px 12px; display: flex; gap: 12px; align-items: baseline; }
  .verb { font-weight: 700; text-transform: uppercase; width: 60px; }
  .get { color: #0a7d32; } .post { color: #1658c9; } .put { color: #a65f00; } .delete { color: #b3261e; } .patch { color: #7c3aed; }
  .path { font-family: ui-monospace, monospace; }
  .roles { margin-left: auto; color: #667; font-size: 12px; }
  .body { padding: 4px 16px 12px; }
  table { border-collapse: collapse; width: 100%; margin: 6px 0; }
  td, th { border-bottom: 1px solid #eef; text-align: left; padding: 3px 6px; vertical-align: top; }
  pre { background: #f1f3f7; padding: 8px; overflow: auto; border-radius: 4px; }
</style>
</head>
<body>
<header><strong>VoucherFunctions API reference</strong> &mdash; generated from <a href="/api/openapi.json">/api/openapi.json</a></header>
<main id="main">Loading&hellip;</main>
<script>
(async () => {
  const main = document.getElementById('main');
  const doc = await (await fetch('/api/openapi.json')).json();
  const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  const schemas = doc.components?.schemas ?? {};
  const resolve = s => s && s.$ref ? schemas[s.$ref.split('/').pop()] : s;
  const shape = (s, depth = 0, seen = new Set()) => {
    if (!s) return 'any';
    if (s.$ref) { const name = s.$ref.split('/').pop(); if (seen.has(name) || depth > 4) return name; seen = new Set(seen).add(name); s = schemas[name]; }
    if (s.allOf) return shape(s.allOf[0], depth, seen);
    if (s.oneOf) return s.oneOf.map(o => shape(o, depth, seen)).join(' | ');
    if (s.type === 'array') return shape(s.items, depth, seen) + '[]';
    if (s.enum) return s.enum.map(e => JSON.stringify(e)).join(' | ');
    if (s.type === 'object' && s.properties) {
      const pad = '  '.repeat(depth + 1), req = new Set(s.required ?? []);
      return '{\n' + Object.entries(s.properties).map(([k, v]) => pad + k + (req.has(k) ? '' : '?') + ': ' + shape(v, depth + 1, seen)).join(',\n') + '\n' + '  '.repeat(depth) + '}';
    }
    return s.format ? `${s.type} (${s.format})` : (s.type ?? 'any');
  };
  const byTag = {};
  for (const [path, item] of Object.entries(doc.paths)) for (const [verb, op] of Object.entries(item)) (byTag[op.tags?.[0] ?? 'Other'] ??= []).push({ path, verb, op });
  let html = `<p>${esc(doc.info.description)}</p>`;
  for (const tag of Object.keys(byTag).sort()) {
    html += `<h2>${esc(tag)}</h2>`;
    for (const { path, verb, op } of byTag[tag]) {
      const params = (op.parameters ?? []).map(p => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'required' : ''}</td><td>${esc(shape(p.schema))}</td><td>${esc(p.description)}</td></tr>`).join('');
      const body = op.requestBody ? `<h4>Body</h4><pre>${esc(shape(op.requestBody.content['application/json'].schema))}</pre>` : '';
      const responses = Object.entries(op.responses).map(([code, r]) => {
        const json = r.content?.['application/json']?.schema, csv = r.content?.['text/csv'];
        return `<tr><td>${code}</td><td>${esc(r.description)}${csv ? ' (also text/csv)' : ''}</td><td>${json && code < 300 ? `<pre>${esc(shape(json))}</pre>` : ''}</td></tr>`;
      }).join('');
      html += `<details><summary><span class="verb ${verb}">${verb}</span><span class="path">${esc(path)}</span><span>${esc(op.summary)}</span><span class="roles">${esc((op['x-roles'] ?? ['anonymous']).join(', '))}</span></summary>
        <div class="body"><p>${esc(op.description)}</p><p><code>operationId: ${esc(op.operationId)}</code></p>
        ${params ? `<h4>Parameters</h4><table>${params}</table>` : ''}${body}<h4>Responses</h4><table>${responses}</table></div></details>`;
    }
  }
  main.innerHTML = html;
})().catch(e => { document.getElementById('main').textContent = 'Could not load the OpenAPI document: ' + e; });
</script>
</body>
</html>
""";
}
