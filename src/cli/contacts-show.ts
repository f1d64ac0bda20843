import { DomainError } from '../core/domain-error.ts';
import { showContact } from '../services/contacts.ts';
import { resolveWorkspace } from '../services/workspaces.ts';
import { type Command, exitCodes } from './command.ts';
import { writeJson, writeLine } from './output.ts';

/** `texto contacts show NUMBER`: one contact, its consent and whether it may be messaged. */
export const contactsShow: Command = {
  name: 'contacts show',
  summary: 'Show one contact: attributes, consent state, suppression',
  usage: 'NUMBER [--workspace W] [--json]',
  options: { workspace: { type: 'string' } },
  maxPositionals: 1,
  async run({ values, positionals, io, app, json }) {
    const number = positionals[0];
    if (!number)
      throw new DomainError('invalid_input', 'missing NUMBER: texto contacts show NUMBER');
    const store = await app.store();
    const workspace = await resolveWorkspace(store, values.workspace as string | undefined);
    const contact = await showContact(store, workspace.id, number, new Date());
    if (json) {
      writeJson(io, contact);
      return exitCodes.ok;
    }
    const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
    writeLine(io, `${contact.phone}${name ? ` ${name}` : ''} (${contact.territory ?? '?'})`);
    writeLine(
      io,
      `consent: ${contact.consent.status} (${contact.consentVerdict}), valid until ${contact.consent.validUntil ?? '-'}`,
    );
    if (contact.suppression)
      writeLine(
        io,
        `suppressed: ${contact.suppression.reason} since ${contact.suppression.createdAt}`,
      );
    writeLine(io, `messageable: ${contact.messageable ? 'yes' : 'no'}`);
    return exitCodes.ok;
  },
};
