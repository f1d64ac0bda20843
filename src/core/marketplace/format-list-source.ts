/** The `source` of a contact that came from a list: 'list:<id>@<version>'. */
export function formatListSource(listId: string, version: number): string {
  return `list:${listId}@${version}`;
}

/** The prefix every version of a list's sources shares: 'list:<id>@'. */
export function listSourcePrefix(listId: string): string {
  return `list:${listId}@`;
}
