import {
  describeCampaignStatus,
  prepareCampaignSend,
  waitForReceipts,
} from '../services/dispatch.ts';
import { readCampaignPolicy, readCampaignRef, workspaceOption } from './campaign-ref.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/**
 * How close the campaign's next planned message must be for `send` to wait for it: messages
 * are paced (tps) and planned one after another, so "now" is a stream, not one instant. Beyond
 * this (a later window, the evening's best slot) `send` stops and says when the rest is due.
 */
const sendHorizonMs = 120_000;

/**
 * `texto campaign send ID`: schedules a draft, then dispatches the campaign now, inside each
 * recipient's window, while its next message is due within `sendHorizonMs`; waits for
 * receipts (--receipt-wait).
 */
export const campaignSend: Command = {
  name: 'campaign send',
  summary: 'Schedule (if draft) and dispatch a campaign now, within the windows; print progress',
  usage: 'ID [--workspace W] [--receipt-wait SECONDS] [--json]',
  options: { ...workspaceOption, 'receipt-wait': { type: 'string' } },
  maxPositionals: 1,
  async run(context) {
    const { io, app, json, values } = context;
    const wait = values['receipt-wait'] === undefined ? 10 : Number(values['receipt-wait']);
    if (!(Number.isFinite(wait) && wait >= 0)) {
      io.stderr.write('texto: --receipt-wait must be a number of seconds ≥ 0\n');
      return exitCodes.usage;
    }
    const store = await app.store();
    const ref = readCampaignRef(context);
    const prepared = await prepareCampaignSend(store, readCampaignPolicy(app), ref, new Date());
    if (!prepared.ok) {
      if (json) writeJson(io, prepared);
      else io.stderr.write(`texto: send refused (${prepared.reason}): ${prepared.message}\n`);
      return exitCodes.refused;
    }
    const runtime = await app.dispatch({
      campaignId: prepared.campaign,
      log: (line) => io.stderr.write(`send: ${line}\n`),
    });
    const { dispatcher } = runtime;
    const stop = () => {
      void dispatcher.stop();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const progress = setInterval(() => {
      const s = dispatcher.stats;
      // A progress line on a terminal only; quiet when piped.
      if (io.interactive && !json) {
        io.stdout.write(
          `\rsend: ${s.submitted} submitted, ${s.retried} retried, ${s.failed} failed`,
        );
      }
    }, 1000);
    try {
      await dispatcher.run({ untilIdle: true, horizonMs: sendHorizonMs });
      await waitForReceipts(store, ref, wait * 1000);
    } finally {
      clearInterval(progress);
      if (io.interactive && !json) io.stdout.write('\n');
      await runtime.close();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    const status = await describeCampaignStatus(store, ref);
    if (json) writeJson(io, { ...prepared, dispatched: dispatcher.stats, status });
    else {
      const s = dispatcher.stats;
      writeLine(
        io,
        `campaign ${prepared.campaign}: ${s.submitted} submitted now, ${s.replanned} back to planned (window closed), ${s.cancelled} cancelled, ${s.refused} refused, ${s.failed} failed, ${s.unknown} unknown`,
      );
      writeLine(
        io,
        `states: ${Object.entries(status.states)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
      );
      if (status.nextPlannedAt !== null) {
        writeLine(
          io,
          `next: ${status.states.planned} planned from ${status.nextPlannedAt} (run \`texto worker\`, or send again then)`,
        );
      }
    }
    return exitCodes.ok;
  },
};
