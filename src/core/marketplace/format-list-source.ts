/** The `source` of a contact that came from a list: 'list:<id>@<version>'. */
export function formatListSource(listId: string, version: number): string {
  return `list:${listId}@${version}`;
}

/** The prefix every version of a list's sources shares: 'list:<id>@'. */
export function listSourcePrefix(listId: string): string {
  return `list:${listId}@`;
}

/** The list id in a contact's `source` ('list:<id>@<version>'), or null for another source. */
export function listIdOfSource(source: string | null): string | null {
  if (source === null || !source.startsWith('list:')) return null;
  const at = source.lastIndexOf('@');
  const id = at > 5 ? source.slice(5, at) : source.slice(5);
  return id === '' ? null : id;
}
