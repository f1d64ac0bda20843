/** Handed to the operator: whatever its receipt said since (a failed send never left). */
const handedOver = ['submitted', 'delivered', 'undeliverable', 'expired', 'unknown'];

/** The live view's funnel: messages handed to the operator, and those delivered. */
export function countHandedOver(states: Readonly<Record<string, number>>): {
  handedOver: number;
  delivered: number;
} {
  return {
    handedOver: handedOver.reduce((sum, k) => sum + (states[k] ?? 0), 0),
    delivered: states.delivered ?? 0,
  };
}
