/**
 * What every gateway transport (SMPP, Kannel, webhook, simulator) implements. `send` hands one
 * message to the gateway and answers with a value; it throws only on infrastructure failure
 * (after which the dispatcher must treat the message as `unknown`, never resend it blindly).
 * Inbound events (delivery receipts and mobile-originated replies) arrive through the callback
 * given at construction.
 */
export interface OutgoingMessage {
  /** Texto's message id: the key the gateway never sees twice. */
  readonly id: string;
  /** Recipient in E.164, with '+'. */
  readonly to: string;
  /** Sender: alphanumeric (≤ 11 chars) or a short code. */
  readonly from: string;
  readonly text: string;
  /** End of the recipient's current sending window: the gateway must not deliver after it. */
  readonly validUntil?: Date;
}

/** A rejection the dispatcher retries later: throttled, queue full, not sent (link down). */
export interface TransientRejection {
  readonly accepted: false;
  readonly permanent: false;
  readonly code: string;
  /** Milliseconds the gateway asked us to wait, when it said so. */
  readonly retryAfterMs?: number;
  /**
   * The gateway could not be reached (link down, connection refused): nothing left, and no
   * number of tries says anything about the message. Retried until it can go.
   */
  readonly unreachable?: true;
}

/** A rejection that fails the message with the gateway's code (e.g. `smpp:0x0000000b`). */
export interface PermanentRejection {
  readonly accepted: false;
  readonly permanent: true;
  readonly code: string;
}

/**
 * Accepted: `id` is the gateway id of the first part and `partIds` every part's gateway id, in
 * order, normalised like receipts' `gatewayId`. A message is delivered when all its parts are.
 */
export interface Accepted {
  readonly accepted: true;
  readonly id: string;
  readonly partIds: readonly string[];
}

export type SendResult = Accepted | TransientRejection | PermanentRejection;

export const receiptStatuses = [
  'delivered',
  'undeliverable',
  'expired',
  'deleted',
  'accepted',
  'unknown',
  'rejected',
  'enroute',
] as const;
export type ReceiptStatus = (typeof receiptStatuses)[number];

export interface ReceiptEvent {
  readonly kind: 'receipt';
  /** Normalised gateway id of the part this receipt is about. */
  readonly gatewayId: string;
  readonly status: ReceiptStatus;
  /** The gateway's error code (the `err:` field or network_error_code), when not zero. */
  readonly error?: string;
  readonly at: Date;
}

export interface ReplyEvent {
  readonly kind: 'reply';
  /** The mobile that replied, in E.164 with '+'. */
  readonly from: string;
  /** The number or sender it replied to. */
  readonly to: string;
  readonly text: string;
  readonly at: Date;
  readonly gatewayId?: string;
}

export type InboundEvent = ReceiptEvent | ReplyEvent;

/** Called for every inbound event; a rejected promise is logged and the gateway told of it. */
export type InboundHandler = (event: InboundEvent) => void | Promise<void>;

export interface Transport {
  /** e.g. 'smpp', 'kannel', 'webhook', 'simulator'. */
  readonly kind: string;
  send(message: OutgoingMessage): Promise<SendResult>;
  /** Clean shutdown (SMPP unbind, HTTP listeners closed); idempotent. */
  close(): Promise<void>;
}
