import { DomainError } from '../core/domain-error.ts';
import {
  type SuppressionReason,
  suppressNumber,
  unsuppressNumber,
} from '../services/suppression.ts';
import { listVisibleSuppressions } from '../services/suppression-view.ts';
import { resolveWorkspace } from '../services/workspaces.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto suppress add|remove|list`: numbers that must never be messaged (rules.md §6). */
export const suppress: Command = {
  name: 'suppress',
  summary: 'Add, remove or list suppressed numbers (STOP, spam report, manual, invalid)',
  usage:
    'add NUMBER [--reason stop|spam_report|manual|invalid] [--note TEXT]\n' +
    '       texto suppress remove NUMBER [--note TEXT]\n' +
    '       texto suppress list [--all]\n' +
    '       (each with [--workspace W] [--json]; a STOP or spam report is lifted only by a new opt-in)',
  options: {
    reason: { type: 'string' },
    note: { type: 'string' },
    all: { type: 'boolean' },
    workspace: { type: 'string' },
  },
  maxPositionals: 2,
  async run({ values, positionals, io, app, json }) {
    const [action, number] = positionals;
    if (!action || !['add', 'remove', 'list'].includes(action)) {
      throw new DomainError('invalid_input', 'usage: texto suppress add|remove|list [NUMBER]');
    }
    if (action !== 'list' && !number) {
      throw new DomainError('invalid_input', `missing NUMBER: texto suppress ${action} NUMBER`);
    }
    const store = await app.store();
    const workspace = await resolveWorkspace(store, values.workspace as string | undefined);
    const note = (values.note as string | undefined) ?? null;
    const now = new Date();
    if (action === 'add') {
      const reason = ((values.reason as string | undefined) ?? 'manual') as SuppressionReason;
      const result = await suppressNumber(
        store,
        workspace.id,
        number!,
        { reason, origin: 'cli', note },
        now,
      );
      // As the API answers: the number typed and the reason asked, never the stored row, whose
      // origin would tell a rented recipient's STOP apart (LIST-05).
      const { added, suppression } = result;
      if (json) writeJson(io, { added, phone: suppression.phone, reason });
      else writeLine(io, `${suppression.phone} ${added ? 'suppressed' : 'was already suppressed'}`);
      return exitCodes.ok;
    }
    if (action === 'remove') {
      const lifted = await unsuppressNumber(store, workspace.id, number!, note, now);
      if (json) writeJson(io, { lifted });
      else writeLine(io, `${lifted.phone} no longer suppressed`);
      return exitCodes.ok;
    }
    // A STOP received on a rented list stays listed, its number masked (as the API shows it).
    const list = await listVisibleSuppressions(store, workspace.id, {
      includeLifted: Boolean(values.all),
    });
    if (json) writeJson(io, { count: list.length, suppressions: list });
    else
      for (const s of list)
        writeLine(
          io,
          `${s.phone}\t${s.reason}\t${s.createdAt}${s.liftedAt ? `\tlifted ${s.liftedAt}` : ''}`,
        );
    return exitCodes.ok;
  },
};
