import type { Route } from '@gnbv/kit/core';

// Apollo's landing page loads from a CDN, which government networks often cannot reach.
// This page is self-contained: a query box, a variables box and the response. Development only.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GNBV graph explorer</title>
<style>body{font:14px system-ui,sans-serif;margin:0;display:grid;grid-template-columns:1fr 1fr;height:100vh}
textarea,pre{font:13px ui-monospace,monospace;box-sizing:border-box;width:100%;margin:0;padding:8px;border:0}
section{display:flex;flex-direction:column;border-right:1px solid #ccc}header{padding:8px;background:#0b5;color:#fff}
#q{flex:3}#v,#h{flex:1;border-top:1px solid #ccc}pre{overflow:auto;height:100%;background:#f7f7f7}button{margin-left:8px}</style></head>
<body><section><header>GNBV graph <button id="run">Run (Ctrl+Enter)</button></header>
<textarea id="q" spellcheck="false">{
  adminUnit(code: "11316") {
    name
    households(first: 3) {
      totalCount
      nodes { code category members { fullName } productionSupports { kind value } informationSupports { kind } loans { program outstanding } }
    }
  }
}</textarea>
<textarea id="v" spellcheck="false" placeholder="variables (JSON)"></textarea>
<textarea id="h" spellcheck="false" placeholder="headers (JSON): {&quot;Authorization&quot;: &quot;Bearer <token from npm run -s token -- --agency labor --role officer --scope 11>&quot;, &quot;X-Purpose&quot;: &quot;review&quot;}"></textarea></section>
<pre id="out"></pre>
<script>
const $ = (id) => document.getElementById(id);
async function run() {
  let variables = {}, headers = {};
  try { variables = $('v').value.trim() ? JSON.parse($('v').value) : {}; headers = $('h').value.trim() ? JSON.parse($('h').value) : {}; }
  catch (e) { $('out').textContent = 'Variables or headers are not valid JSON: ' + e.message; return; }
  const res = await fetch(location.pathname, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: $('q').value, variables }) });
  $('out').textContent = res.status + '\\n' + JSON.stringify(await res.json(), null, 2);
}
$('run').onclick = run;
document.addEventListener('keydown', (e) => { if (e.ctrlKey && e.key === 'Enter') run(); });
</script></body></html>`;

/** Serves the explorer on GET /graphql for browsers (Accept: text/html). */
export const explorerRoute: Route = (req, res, url) => {
  if (req.method !== 'GET' || url.pathname !== '/graphql' || !String(req.headers.accept ?? '').includes('text/html'))
    return false;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(PAGE);
  return true;
};
