/**
 * A transport protocol that a NetworkPolicy port can name.
 *
 * The API server accepts exactly these three spellings (upper case).
 */
export enum Protocol {
  /** Transmission Control Protocol. */
  TCP = 'TCP',
  /** User Datagram Protocol. */
  UDP = 'UDP',
  /** Stream Control Transmission Protocol. */
  SCTP = 'SCTP',
}

/** Every protocol, in a stable order (TCP, UDP, SCTP). */
export const ALL_PROTOCOLS: Protocol[] = [Protocol.TCP, Protocol.UDP, Protocol.SCTP];
