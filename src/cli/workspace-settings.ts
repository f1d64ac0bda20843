import {
  changeWorkspaceSettings,
  readWorkspaceSettings,
  type SettingsChange,
} from '../services/workspace-settings.ts';
import { resolveWorkspace } from '../services/workspaces.ts';
import { workspaceOption } from './campaign-ref.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `none` clears a setting (back to the process default). */
const orNull = (v: unknown) => (v === 'none' ? null : (v as string | undefined));

/** `texto workspace settings`: shows the workspace settings, or changes the ones given. */
export const workspaceSettings: Command = {
  name: 'workspace settings',
  summary:
    'Show or change the approved senders, STOP code, default window policy and list-rental mentions',
  usage:
    '[--workspace W] [--sender NAME]... [--default-sender NAME|none] [--stop-code 36xxx|none] [--policy brief|charter|custom:…|none]\n' +
    '       [--rights-mention TEXT|none] [--strict-partners|--no-strict-partners] [--json]\n\n' +
    '  --sender          an approved sender (repeat it; the list given replaces the current one)\n' +
    '  --no-senders      empty the approved list (any valid sender is accepted)\n' +
    '  --stop-code       the workspace STOP short code (none = TEXTO_STOP_CODE)\n' +
    '  --policy          the window policy of new campaigns (none = the rule pack default)\n' +
    '  --rights-mention  the token a first message to rented or bought contacts must carry (LIST-03)\n' +
    '  --strict-partners block (not only warn) campaigns on lists whose form does not name you (LIST-01)',
  options: {
    ...workspaceOption,
    sender: { type: 'string', multiple: true },
    'no-senders': { type: 'boolean' },
    'default-sender': { type: 'string' },
    'stop-code': { type: 'string' },
    policy: { type: 'string' },
    'rights-mention': { type: 'string' },
    'strict-partners': { type: 'boolean' },
    'no-strict-partners': { type: 'boolean' },
  },
  maxPositionals: 0,
  async run({ values, io, app, json }) {
    const store = await app.store();
    const ws = await resolveWorkspace(store, values.workspace as string | undefined);
    const senders = values['no-senders'] === true ? [] : (values.sender as string[] | undefined);
    const change: SettingsChange = {
      senders,
      defaultSender: orNull(values['default-sender']),
      stopCode: orNull(values['stop-code']),
      defaultPolicy: orNull(values.policy),
      rightsMention: orNull(values['rights-mention']),
      strictPartners:
        values['strict-partners'] === true
          ? true
          : values['no-strict-partners'] === true
            ? false
            : undefined,
    };
    if (Object.values(change).some((v) => v !== undefined)) {
      const { senderDenylist } = app.config;
      await changeWorkspaceSettings(store, null, ws.id, change, new Date(), senderDenylist);
    }
    const s = await readWorkspaceSettings(store, app.config, ws.id);
    if (json) writeJson(io, s);
    else {
      writeLine(io, `workspace        ${ws.name} (${ws.id})`);
      writeLine(io, `senders          ${s.senders.join(', ') || '(any valid sender)'}`);
      writeLine(io, `default sender   ${s.defaultSender ?? '(none)'}`);
      writeLine(
        io,
        `STOP code        ${s.effectiveStopCode ?? '(none)'}${s.stopCode ? '' : ' (server)'}`,
      );
      writeLine(io, `window policy    ${s.effectivePolicy}`);
      writeLine(io, `rights mention   ${s.rightsMention ?? '(none)'}`);
      writeLine(io, `strict partners  ${s.strictPartners ? 'yes' : 'no'}`);
      writeLine(
        io,
        `transport        ${s.transport.kind}${s.transport.host ? ` ${s.transport.host}:${s.transport.port}` : ''}`,
      );
    }
    return exitCodes.ok;
  },
};
