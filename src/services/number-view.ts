import { isPermitted } from '../core/account/is-permitted.ts';
import type { Role } from '../core/account/roles.ts';
import { maskPhone } from '../core/audience/mask-phone.ts';

/**
 * A number as `role` sees it in listings (a send plan, an audience sample): whole for a role
 * that may export the contacts, masked otherwise. A read-only login (analyst) reads a contact
 * by its number, but paging a 10,000-message plan would carry the file off all the same.
 */
export function numberShownTo(role: Role, phone: string): string {
  return isPermitted(role, 'export', 'contact') || phone.includes('•') ? phone : maskPhone(phone);
}
