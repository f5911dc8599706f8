#!/usr/bin/env node
'use strict';
// What the TypeScript library answers (lib/, as compiled), for the binding tests to compare against:
// `node test/bindings/reference.js <shop manifests.yaml>` prints one JSON object. The Python and Go tests
// build the same things through their bindings and must get the same answers, word for word.
const fs = require('fs');
const path = require('path');
const { App, Chart } = require('cdk8s');
const YAML = require('yaml');
const { NetworkPolicy, Peer, Pods, Port, Reachability } = require(path.join(__dirname, '..', '..', 'lib'));

function errorOf(body) {
  try {
    body();
  } catch (error) {
    return error.message;
  }
  return null;
}

// A policy the API server would reject: a port out of range and a CIDR with a /33.
const badInput = errorOf(() => {
  const app = new App({ outdir: fs.mkdtempSync(path.join(require('os').tmpdir(), 'netpol-ref-')) });
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const db = new NetworkPolicy(chart, 'db', { selector: Pods.labels({ app: 'db' }) });
  db.allowIngress(Peer.cidr('10.0.0.0/33'), Port.tcp(70000));
  app.synth();
});
const emptyLabels = errorOf(() => Pods.labels({}));

const shopFile = process.argv[2];
const manifests = YAML.parseAllDocuments(fs.readFileSync(shopFile, 'utf8')).map((d) => d.toJSON()).filter(Boolean);
const shop = Reachability.fromManifests(manifests);
const questions = [
  ['web', 'api', 9000], ['api', 'db', 5432], ['web', 'db', 5432], ['db', 'api', 9000], ['api', '198.51.100.7', 443],
];
console.log(JSON.stringify({
  badInput,
  emptyLabels,
  shop: {
    objects: manifests,
    endpoints: shop.endpoints.map((e) => e.id),
    connections: shop.connections().map((c) => `${c.from} -> ${c.to}: ${c.description}`),
    answers: questions.map(([from, to, port]) => [from, to, port, shop.isAllowed(from, to, Port.tcp(port))]),
    explanation: shop.explain('web', 'db', Port.tcp(5432)).text,
  },
}, null, 1));
