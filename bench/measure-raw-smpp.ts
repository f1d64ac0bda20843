import { performance } from 'node:perf_hooks';
import smpp, { type Pdu } from 'smpp';

/**
 * The baseline of the SMPP benchmarks: the bare `smpp` client, a window of outstanding
 * submit_sm, a deliver_sm_resp for every receipt, nothing persisted. Returns messages per
 * second, from the first submit to the n-th receipt.
 */
export async function measureRawSmpp(
  port: number,
  n: number,
  window: number,
  text: string,
): Promise<number> {
  const session = smpp.connect({ host: '127.0.0.1', port });
  session.socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    session.on('error', reject);
    session.on('connect', () => {
      session.send(new smpp.PDU('bind_transceiver', { system_id: 'raw', password: 'pw' }), () =>
        resolve(),
      );
    });
  });
  let receipts = 0;
  let sent = 0;
  let outstanding = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    session.on('deliver_sm', (pdu: Pdu) => {
      session.send(pdu.response());
      receipts += 1;
      if (receipts === n) resolve();
    });
    const pump = () => {
      while (outstanding < window && sent < n) {
        outstanding += 1;
        const to = `336${String(sent).padStart(8, '0')}`;
        sent += 1;
        const pdu = new smpp.PDU('submit_sm', {
          source_addr: 'DUPONT',
          destination_addr: to,
          registered_delivery: 1,
          data_coding: 0,
          short_message: text,
        });
        session.send(pdu, () => {
          outstanding -= 1;
          pump();
        });
      }
    };
    pump();
  });
  const rate = n / ((performance.now() - start) / 1000);
  session.destroy();
  return rate;
}
