import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { clockFrom, tuesdayMorning } from '../dispatch/dispatch-test-kit.ts';
import { startDispatch } from '../dispatch/start-dispatch.ts';
import { handleReply } from '../services/inbound.ts';
import { settleJobs } from '../services/jobs.ts';
import { collectWebhookEvents, deliverDueWebhooks } from '../services/webhooks.ts';
import type { Store } from '../store/db.ts';
import { forEachDatabase } from '../store/test-databases.ts';
import { createSimulatorTransport, type SimulatorTransport } from '../transports/simulator.ts';
import { type Answer, type Caller, setUpApi } from './api-test-kit.ts';
import { contactsCsv } from './contacts-fixture.ts';

/**
 * LIST-05 end to end through the API: a provider publishes a list, an advertiser quotes,
 * rents, creates a campaign, previews, plans, schedules, sends on the simulator, and a rented
 * recipient replies STOP. No response body, export, webhook payload or log line the advertiser
 * side can see carries a rented number (or a seed) in any written form.
 */
const config = loadConfig({
  TEXTO_STOP_CODE: '36180',
  TEXTO_DATA_DIR: mkdtempSync(join(tmpdir(), 'texto-api-rental-')),
});
const rented = [1, 2, 3, 4, 5, 6].map((i) => `+3365550000${i}`);
const seed = '+33655589901';
const listCsv = [
  'phone,first_name,postal_code,gender,birth_year,consent_basis,consent_mechanism,consent_wording,consent_collected_at,consent_source,consent_partner,consent_partner_list_url,consent_partner_list_version',
  ...rented.map(
    (p, i) =>
      `0${p.slice(3)},N${i},${i === 5 ? '69001' : '75011'},${i % 2 ? 'M' : 'F'},198${i},opt_in,unticked_checkbox,J'accepte les offres des partenaires,2026-03-01,list_provider,true,https://prov.example/partenaires,v3`,
  ),
  // A landline: refused, and listed for the provider in the job's rejects.
  "0145678901,Fixe,75011,F,1980,opt_in,unticked_checkbox,J'accepte les offres des partenaires,2026-03-01,list_provider,true,https://prov.example/partenaires,v3",
  '',
].join('\n');

/** Every way a number could be written: E.164, digits, national, spaced national. */
function forms(e164: string): string[] {
  const national = `0${e164.slice(3)}`;
  return [e164, e164.slice(1), national, national.replace(/(\d\d)(?=\d)/g, '$1 '), e164.slice(3)];
}

forEachDatabase(
  'rental scenario: no rented number in any response, export, payload or log',
  async (store: Store) => {
    const t = await setUpApi(store, config);
    const seen: string[] = [];
    const call = async (m: string, p: string, as: Caller, body?: unknown) => {
      const r = await t.call(m, p, as, body === undefined ? {} : { body });
      seen.push(r.text);
      return r;
    };
    const raw = async (path: string, key: string, body: string, record: boolean) => {
      const res = await t.api.request(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
        body,
      });
      const text = await res.text();
      if (record) seen.push(text);
      return { status: res.status, json: JSON.parse(text) as Answer };
    };
    // Webhook receiver of the advertiser (loopback).
    const received: string[] = [];
    const receiver = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push(body);
        res.end('ok');
      });
    });
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    // The provider: a provider workspace, a key, a published list.
    const prov = await t.call('POST', '/api/workspaces', t.sessions.ownerB, {
      body: { name: 'OptIn', legalName: 'OptIn SARL', isProvider: true },
    });
    assert.equal(prov.status, 201, prov.text);
    const pws = `/api/workspaces/${prov.json.id}`;
    const pkey = await t.call('POST', `${pws}/api-keys`, t.sessions.ownerB, {
      body: { name: 'prov', role: 'owner' },
    });
    const q = new URLSearchParams({
      name: 'Paris opt-in',
      rentalCpm: '80',
      minimumOrder: '0.10',
      seeds: '06 55 58 99 01',
      partners: 'Meubles Dupont; Martin & Cie',
    });
    // Bad terms are refused at once (400), not in a job after a 201.
    const negative = new URLSearchParams({ name: 'x', rentalCpm: '-5' });
    const refused = await raw(`${pws}/lists/imports?${negative}`, pkey.json.secret, listCsv, false);
    assert.equal(refused.status, 400, JSON.stringify(refused.json));
    assert.match(refused.json.error.message, /^rentalCpm \(--rental-cpm\): '-5'/);
    const pub = await raw(`${pws}/lists/imports?${q}`, pkey.json.secret, listCsv, false);
    assert.equal(pub.status, 201, JSON.stringify(pub.json));
    await settleJobs();
    const pubJob = await t.call('GET', `${pws}/jobs/${pub.json.id}`, { key: pkey.json.secret });
    assert.equal(pubJob.json.result.ok, true, pubJob.text);
    assert.equal(pubJob.json.hasRejects, true, pubJob.text);
    assert.ok(!pubJob.text.includes('.rejects.csv'), 'no server path in the job');
    const rejects = await t.call('GET', `${pws}/jobs/${pub.json.id}/rejects`, {
      key: pkey.json.secret,
    });
    assert.equal(rejects.status, 200);
    assert.match(rejects.text, /^0145678901,Fixe,.*,8,not-mobile$/m);

    // The advertiser: settings, own contacts, webhook, catalogue, quote, rental.
    const ws = `/api/workspaces/${t.a.id}`;
    const owner = t.sessions.ownerA;
    const key = t.keys.a;
    await call('PATCH', `${ws}/settings`, owner, { rightsMention: 'dup.fr/rgpd' });
    await raw(`${ws}/contacts/imports`, key.key, contactsCsv, true);
    await settleJobs();
    const hook = await call('POST', `${ws}/webhooks`, key, { url: hookUrl });
    assert.equal(hook.status, 201, hook.text);
    const catalogue = await call('GET', `${ws}/catalogue`, key);
    const list = catalogue.json.items.find((l: Answer) => l.name === 'Paris opt-in');
    assert.ok(list, catalogue.text);
    assert.equal(list.namesYou, true);
    const filter = { all: [{ field: 'department', in: ['75'] }] };
    const quote = await call('POST', `${ws}/quotes`, key, { list: list.id, filter, sample: 5 });
    assert.equal(quote.status, 201, quote.text);
    assert.equal(quote.json.net, 5);
    assert.equal(quote.json.sample.length, 5);
    const order = await call('POST', `${ws}/orders`, key, {
      list: list.id,
      filter,
      type: 'rental',
    });
    assert.equal(order.json.ok, true, order.text);
    const licence = order.json.licence.id;
    await call('GET', `${ws}/licences`, key);

    // Campaign: create, preview, plan, schedule.
    const created = await call('POST', `${ws}/campaigns`, key, {
      name: 'Soldes',
      sender: 'DUPONT',
      text: 'Dupont: -20% ce week-end ! Source: dup.fr/rgpd STOP au 36180',
      licences: [licence],
      start: '2026-12-01T09:00:00Z',
    });
    assert.equal(created.status, 201, created.text);
    const c = `${ws}/campaigns/${created.json.id}`;
    const preview = await call('POST', `${c}/preflight`, key);
    assert.equal(preview.json.ok, true, preview.text);
    const plan = await call('GET', `${c}/plan?limit=200`, key);
    assert.equal(plan.json.items.length, 5, plan.text);
    assert.ok(
      plan.json.items.every((l: Answer) => l.to.includes('•')),
      'rented lines are masked',
    );
    const scheduled = await call('POST', `${c}/schedule`, key);
    assert.equal(scheduled.json.ok, true, scheduled.text);
    await call('GET', `${c}/plan?limit=200`, key);

    // Send on the simulator, then a rented recipient replies STOP.
    const clock = clockFrom(tuesdayMorning);
    const dispatchLog: string[] = [];
    let simulator: SimulatorTransport | undefined;
    const runtime = await startDispatch({
      store,
      clock,
      log: (line) => dispatchLog.push(line),
      transport: async (onInbound) => {
        simulator = createSimulatorTransport({
          onInbound,
          acceptDelayMs: 0,
          receiptDelayMs: [1, 5],
        });
        return simulator;
      },
      onReply: (reply) => handleReply(store, reply, new Date(clock())),
    });
    try {
      await runtime.dispatcher.run({ untilIdle: true });
      await new Promise((r) => setTimeout(r, 100));
      await simulator!.injectReply(rented[0]!, 'DUPONT', 'STOP');
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await runtime.close();
    }
    const status = await call('GET', `${c}/status`, key);
    assert.ok(status.json.states.delivered + status.json.states.submitted >= 6, status.text);
    const inbound = await call('GET', `${ws}/inbound`, key);
    assert.equal(inbound.json.items.length, 1, inbound.text);
    assert.equal(inbound.json.items[0].interpretation, 'stop');
    const suppressions = await call('GET', `${ws}/suppressions`, key);
    assert.equal(
      suppressions.json.items.filter((s: Answer) => s.masked).length,
      1,
      suppressions.text,
    );
    for (const path of [
      c,
      `${c}/report`,
      `${c}/preflight`,
      `${ws}/contacts/count`,
      `${ws}/audit-log?limit=200`,
      `${ws}/jobs`,
      `${ws}/webhooks/deliveries?limit=200`,
      `${ws}/licences`,
      `${ws}/catalogue`,
    ]) {
      await call(
        path.endsWith('/preflight') ? 'POST' : 'GET',
        path,
        path.includes('audit') ? owner : key,
      );
    }
    const exported = await call('GET', `${ws}/contacts/export`, key);
    assert.match(exported.text, /^phone,/);
    const cert = await call('GET', `${c}/certificate`, key);
    assert.equal(cert.status, 200);
    // Webhooks: replies, STOP, statuses and states go out signed; masked too.
    await collectWebhookEvents(store, new Date(clock()));
    const sent = await deliverDueWebhooks(store, new Date(clock()));
    assert.ok(sent.delivered >= 3, `${JSON.stringify(sent)} ${status.text} ${received.join()}`);
    assert.ok(received.some((b) => JSON.parse(b).type === 'reply.stop'));
    receiver.close();

    const everything = [...seen, ...t.logs, ...received, ...dispatchLog];
    assert.ok(everything.length > 40);
    // The scan finds numbers that may be shown: the advertiser's own contact, in the export.
    assert.ok(forms('+33612345678').some((f) => everything.some((text) => text.includes(f))));
    for (const number of [...rented, seed]) {
      for (const form of forms(number)) {
        const hit = everything.find((text) => text.includes(form));
        assert.equal(hit, undefined, `${form} leaked in: ${hit?.slice(0, 300)}`);
      }
    }
  },
);
