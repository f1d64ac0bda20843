/** A list whose seed numbers include the number a message went to. */
export interface SeededList {
  readonly listId: string;
  readonly providerWorkspaceId: string;
}

/** A licence as seen by the seed check. */
export interface HeldLicence {
  readonly id: string;
  readonly listId: string;
  readonly workspaceId: string;
  readonly type: 'rental' | 'purchase';
  readonly campaignId: string | null;
}

export interface SeedDelivery {
  /** The workspace that sent the message. */
  readonly workspaceId: string;
  readonly campaignId: string;
}

export interface SeedMisuse {
  readonly listId: string;
  readonly providerWorkspaceId: string;
}

/**
 * LIST-05 seed (control) numbers: a message reaching a seed of list L is licensed only when
 * the sender holds a purchase of L, or a rental of L consumed by this very campaign. Any
 * other delivery (another campaign, another workspace, a reused rental) is a misuse of L.
 * The provider's own sends to its seeds are not misuse.
 */
export function judgeSeedDelivery(
  delivery: SeedDelivery,
  seeded: readonly SeededList[],
  licences: readonly HeldLicence[],
): SeedMisuse[] {
  return seeded
    .filter((list) => list.providerWorkspaceId !== delivery.workspaceId)
    .filter(
      (list) =>
        !licences.some(
          (l) =>
            l.listId === list.listId &&
            l.workspaceId === delivery.workspaceId &&
            (l.type === 'purchase' || l.campaignId === delivery.campaignId),
        ),
    )
    .map((list) => ({ listId: list.listId, providerWorkspaceId: list.providerWorkspaceId }));
}
